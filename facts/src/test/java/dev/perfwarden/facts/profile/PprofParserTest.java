package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.input.Parsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static dev.perfwarden.facts.profile.TestProfiles.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PprofParserTest {
    private final PprofParser parser = new PprofParser();

    @TempDir
    Path tmp;

    private static InputHead head(String name, byte[] bytes) {
        return new InputHead(name, false, Arrays.copyOf(bytes, Math.min(bytes.length, InputHead.SIZE)));
    }

    private static InputHead head(Path p) throws Exception {
        return head(p.getFileName().toString(), Files.readAllBytes(p));
    }

    // ---- sniffing ------------------------------------------------------------------------------

    @Test
    void sniffsGzippedAndPlainProfilesOfEveryKind() throws Exception {
        List<Path> profiles = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Repo.resolve("facts/src/test/resources/pprof"))) {
            s.filter(p -> p.toString().endsWith(".pprof")).forEach(profiles::add);
        }
        profiles.add(Repo.resolve("testdata/corpus/go1.19/t3/cpu.pprof"));
        profiles.add(Repo.resolve("testdata/corpus/go1.19/t3/mem.pprof"));
        profiles.add(Repo.resolve("testdata/corpus/go1.23/t3/cpu.pprof"));
        profiles.add(Repo.resolve("testdata/corpus/go1.23/t3/mem.pprof"));
        assertThat(profiles).hasSizeGreaterThanOrEqualTo(8);
        for (Path p : profiles) {
            assertThat(parser.sniff(head(p))).as("gzip %s", p).isTrue();
            byte[] plain;
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                plain = in.readAllBytes();
            }
            assertThat(parser.sniff(head("plain", plain))).as("plain %s", p).isTrue();
            assertThat(Parsers.sniff(head(p)).map(x -> x.kind())).contains(InputKind.PPROF);
        }
    }

    @Test
    void sniffsTheHeadOfAPlainProfileLargerThanTheHead() {
        TestProfiles p = new TestProfiles("alloc_objects", "count", "alloc_space", "bytes");
        long[] locs = new long[200];
        for (int i = 0; i < locs.length; i++) {
            locs[i] = p.location("example.com/m.f" + i, i + 1);
        }
        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            p.sample(v(r.nextInt(100), r.nextInt(100_000)), locs[r.nextInt(200)], locs[r.nextInt(200)], locs[0]);
        }
        byte[] big = p.bytes();
        assertThat(big.length).isGreaterThan(InputHead.SIZE);
        assertThat(parser.sniff(head("big.pb", big))).isTrue();
        assertThat(parser.sniff(head("big.pb.gz", TestProfiles.gzip(big)))).isTrue();
    }

    @Test
    void doesNotClaimTextJsonOrArbitraryBinary() throws Exception {
        List<Path> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Repo.resolve("testdata/corpus"))) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".pprof")).forEach(texts::add);
        }
        assertThat(texts).hasSizeGreaterThan(20);
        for (Path t : texts) {
            byte[] bytes = Files.readAllBytes(t);
            assertThat(parser.sniff(head(t))).as("%s", t).isFalse();
            assertThat(parser.sniff(head("x.gz", TestProfiles.gzip(bytes)))).as("gzipped %s", t).isFalse();
        }
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[1 + r.nextInt(i < 1000 ? 64 : 70_000)];
            r.nextBytes(junk);
            assertThat(parser.sniff(head("junk", junk))).as("random %d", i).isFalse();
            junk[0] = 0x1f;
            if (junk.length > 1) {
                junk[1] = (byte) 0x8b;
            }
            assertThat(parser.sniff(head("junk.gz", junk))).as("random gzip magic %d", i).isFalse();
        }
        assertThat(parser.sniff(head("empty", new byte[0]))).isFalse();
        assertThat(parser.sniff(new InputHead("dir", true, new byte[0]))).isFalse();
        assertThat(parser.sniff(head("t", "hello world\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    // ---- facts ---------------------------------------------------------------------------------

    private static List<Fact> parse(PprofParser p, Path file, ParseContext[] ctxOut) throws Exception {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(file.getFileName().toString(), InputKind.PPROF, facts::add);
        p.parse(InputSource.of(file), ctx);
        if (ctxOut != null) {
            ctxOut[0] = ctx;
        }
        return facts;
    }

    @Test
    void emitsSummaryHotFunctionsAndHotLinesPerSampleType() throws Exception {
        Path cpu = Repo.resolve("testdata/corpus/go1.19/t3/cpu.pprof");
        ParseContext[] ctx = new ParseContext[1];
        List<Fact> facts = parse(parser, cpu, ctx);
        ProfileData d = new ProfileReader().read(cpu);
        assertThat(ctx[0].records()).isEqualTo(d.counts().samples()).isPositive();
        assertThat(ctx[0].unparsedCount()).isZero();

        List<ProfileSummary> summaries = facts.stream().filter(f -> f instanceof ProfileSummary)
                .map(f -> (ProfileSummary) f).toList();
        assertThat(summaries).extracting(ProfileSummary::sampleType).containsExactly("samples", "cpu");
        ProfileSummary s = summaries.get(1);
        assertThat(s.input()).isEqualTo("cpu.pprof");
        assertThat(s.unit()).isEqualTo("nanoseconds");
        assertThat(s.total()).isEqualTo(850_000_000L);
        assertThat(s.period()).isEqualTo(10_000_000L);
        assertThat(s.durationNanos()).isEqualTo(d.header().durationNanos()).isPositive();
        // pprof -top: runtime.mallocgc and runtime.makeslice 120ms cum; bgsweep 20ms; mcall 30ms
        assertThat(s.allocatorShare()).isCloseTo(120.0 / 850, within(1e-12));
        assertThat(s.gcShare()).isCloseTo(20.0 / 850, within(1e-12));
        assertThat(s.schedulerShare()).isCloseTo(30.0 / 850, within(1e-12));

        HotFunction work = facts.stream().filter(f -> f instanceof HotFunction h && h.sampleType().equals("cpu")
                && h.symbol().equals("example.com/t3.Work")).map(f -> (HotFunction) f).findFirst().orElseThrow();
        // of its 620ms cum, 40ms are runtime.asyncPreempt (-ignore='^runtime\.asyncPreempt$': cum 580ms)
        assertThat(work).isEqualTo(new HotFunction("example.com/t3.Work", "cpu", "nanoseconds", 580_000_000L,
                580.0 / 850, 620_000_000L, 620.0 / 850, "example.com/t3.Work", 40_000_000L, "cpu.pprof"));
        assertThat(facts).filteredOn(f -> f instanceof HotFunction h && h.sampleType().equals("samples")
                && h.symbol().equals("example.com/t3.Work")).hasSize(1);

        HotLine line = facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals("cpu")
                && h.symbol().equals("example.com/t3.Work") && h.line() == 7).map(f -> (HotLine) f)
                .findFirst().orElseThrow();
        assertThat(line.file()).isEqualTo("/home/gopher/src/t3/b.go");
        assertThat(line.flat()).isEqualTo(580_000_000L);
        // every function and line fact has a value; flat never exceeds cum for positive profiles
        assertThat(facts).filteredOn(f -> f instanceof HotFunction).allSatisfy(f -> {
            HotFunction h = (HotFunction) f;
            assertThat(h.cum()).isPositive().isGreaterThanOrEqualTo(h.flat());
            assertThat(h.cumShare()).isBetween(0.0, 1.0);
        });
        long cpuFunctions = facts.stream().filter(f -> f instanceof HotFunction h && h.sampleType().equals("cpu"))
                .count();
        assertThat(cpuFunctions).isEqualTo(HotTable.of(d, "cpu", false, 0, 0).nodeCount());
        // flat over all lines (and all functions) adds up to the total
        assertThat(facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals("cpu"))
                .mapToLong(f -> ((HotLine) f).flat()).sum()).isEqualTo(850_000_000L);
    }

    @Test
    void profilerOverheadTellsASkewedCpuProfile() throws Exception {
        // go tool pprof -top -cum: runtime.profilealloc 0.29s of 1.95s (14.87 %), mProf_Malloc.func1 0.02s
        ProfileSummary go123 = cpuSummary(Repo.resolve("testdata/corpus/go1.23/t3/cpu.pprof"));
        assertThat(go123.profilerShare()).isBetween(0.29 / 1.95, 0.31 / 1.95);
        assertThat(go123.skewed()).isTrue();
        // runtime.profilealloc 100ms of 850ms (11.76 %)
        ProfileSummary go119 = cpuSummary(Repo.resolve("testdata/corpus/go1.19/t3/cpu.pprof"));
        assertThat(go119.profilerShare()).isBetween(100.0 / 850, 120.0 / 850);
        assertThat(go119.skewed()).isTrue();
        // a CPU profile taken in its own run: runtime.mProf_Malloc 10ms (1.85 %) at most
        ProfileSummary own = cpuSummary(Repo.resolve("facts/src/test/resources/pprof/go1.26.8/prof/cpu.pprof"));
        assertThat(own.profilerShare()).isLessThan(ProfileSummary.SKEW_LIMIT);
        assertThat(own.skewed()).isFalse();
    }

    private ProfileSummary cpuSummary(Path p) throws Exception {
        return parse(parser, p, null).stream().filter(f -> f instanceof ProfileSummary s && s.sampleType().equals("cpu"))
                .map(f -> (ProfileSummary) f).findFirst().orElseThrow();
    }

    @Test
    void lineCostsSumTheLinesOfEveryFunctionAndCountInlinedFrames() throws Exception {
        Path cpu = Repo.resolve("testdata/captured/go1.26.8/sites/cpu.pprof");
        List<Fact> facts = parse(parser, cpu, null);
        ProfileData d = new ProfileReader().read(cpu);
        int t = d.sampleIndex("cpu");
        List<LineCost> costs = facts.stream().filter(f -> f instanceof LineCost c && c.sampleType().equals("cpu"))
                .map(f -> (LineCost) f).toList();
        assertThat(costs).isNotEmpty();
        // one per (file, line); flat adds up to the total less the flat of test code's own lines (*_test.go)
        assertThat(costs.stream().map(c -> c.file() + ":" + c.line()).distinct().count()).isEqualTo(costs.size());
        long testFlat = facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals("cpu")
                && h.file().endsWith("_test.go")).mapToLong(f -> ((HotLine) f).flat()).sum();
        assertThat(costs.stream().mapToLong(LineCost::flat).sum()).isEqualTo(d.total(t) - testFlat)
                .isGreaterThan(d.total(t) / 2);
        for (LineCost c : costs) {
            List<HotLine> lines = facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals("cpu")
                    && h.file().equals(c.file()) && h.line() == c.line()).map(f -> (HotLine) f).toList();
            assertThat(c.functions()).isEqualTo(lines.size());
            assertThat(c.flat()).isEqualTo(lines.stream().mapToLong(HotLine::flat).sum());
            assertThat(c.cum()).isGreaterThanOrEqualTo(c.flat()).isLessThanOrEqualTo(d.total(t));
            assertThat(c.cumShare()).isBetween(0.0, 1.0);
        }
        // main.key is inlined (go build -m: "inlining call to key"): its line is in the profile under
        // key's own name through the inlined frame, though no function main.key was ever called; every copy
        // is inlined (through lookupA/lookupB) into BenchmarkSites, test code, and counts there
        // (go tool pprof -lines -top: sites.key main.go:37 (inline) flat 0, cum 80ms; its LineCost leaves out the
        // 10 ms in runtime.asyncPreempt: -ignore='^runtime\.asyncPreempt$' gives cum 70ms)
        assertThat(facts).anyMatch(f -> f instanceof HotLine h && h.symbol().endsWith("sites.key")
                && h.file().endsWith("sites/main.go") && h.line() == 37 && h.cum() > 0);
        assertThat(costs).filteredOn(c -> c.file().endsWith("sites/main.go") && c.line() == 37).singleElement()
                .satisfies(c -> assertThat(c.cum()).isEqualTo(70_000_000L));
    }

    /** The LineCost of {@code file:line} of one sample type in a real module's profile, null when absent. */
    private LineCost lineCost(List<Fact> facts, String file, int line, String type) {
        return facts.stream().filter(f -> f instanceof LineCost c && c.file().endsWith("/" + file) && c.line() == line
                && c.sampleType().equals(type)).map(f -> (LineCost) f).findFirst().orElse(null);
    }

    @Test
    void aLinesSelfCostLeavesOutTheFunctionsItCallsButKeepsTheRuntimeWorkItAsksFor() throws Exception {
        // bitset v1.14.3 (testdata/modules/bitset, captured with -test.benchtime=2s), Go 1.26.8. Yardsticks:
        //   go tool pprof -lines -top cpu.pprof                                  (flat; pprof's cum)
        //   go tool pprof -lines -top -ignore='^runtime\.asyncPreempt$' cpu.pprof   (cum without preemption)
        //   go tool pprof -lines -top -ignore='^runtime\.asyncPreempt$' -hide='^(runtime\.|internal/runtime/)'
        //       cpu.pprof                                                        (flat = self)
        List<Fact> facts = parse(parser, Repo.resolve("testdata/modules/bitset/cpu.pprof"), null);
        // IsStrictSuperSet's return line calls Count and IsSuperSet: pprof's cum 32.71 s (23.7 %), of which 5.25 s
        // were samples in runtime.asyncPreempt (the line or its callees interrupted): cum 27.46 s; its own work 1.14 s
        // (1.41 s with its preemption samples)
        LineCost strict = lineCost(facts, "bitset.go", 974, "cpu");
        assertThat(strict.cum()).isEqualTo(27_460_000_000L);
        assertThat(strict.self()).isEqualTo(1_140_000_000L);
        assertThat(strict.flat()).isEqualTo(1_140_000_000L);
        assertThat(strict.selfShare()).isLessThan(0.02);
        // IsSuperSet's loop line: flat 21.62 s; the rest of pprof's 25.11 s cum is runtime.asyncPreempt under it (the
        // loop interrupted), neither its self nor its calls' work
        LineCost superset = lineCost(facts, "bitset.go", 965, "cpu");
        assertThat(superset.flat()).isEqualTo(21_620_000_000L);
        assertThat(superset.self()).isEqualTo(superset.cum()).isEqualTo(21_620_000_000L);
        assertThat(facts).anyMatch(f -> f instanceof HotLine h && h.sampleType().equals("cpu")
                && h.file().endsWith("/bitset.go") && h.line() == 965 && h.cum() == 25_110_000_000L
                && h.preempt() == 3_490_000_000L);
        for (Fact f : facts) {
            if (f instanceof LineCost c) {
                assertThat(c.self()).as("%s:%d", c.file(), c.line()).isBetween(0L, c.cum());
                assertThat(c.flat()).as("%s:%d", c.file(), c.line()).isBetween(0L, c.cum());
            }
        }
        // in the heap profile runtime frames are not recorded: a line's self is the bytes it allocates
        List<Fact> heap = parse(parser, Repo.resolve("testdata/modules/bitset/mem.pprof"), null);
        LineCost make = lineCost(heap, "bitset.go", 1000, "alloc_space");
        assertThat(make.self()).isEqualTo(make.flat()).isPositive();
    }

    @Test
    void copiesOfAModuleLineInlinedIntoTestCodeCountButTheTestsOwnLinesDoNot() throws Exception {
        // bitset.go:197 ((*BitSet).Test) has CPU samples only in its copy inlined into BenchmarkGetTest
        // (go tool pprof -lines -traces: "bitset.go:197 (inline)" under "BenchmarkGetTest bitset_benchmark_test.go:34"):
        // the benchmark runs the module's line there, so it costs what pprof says. Yardsticks (-nodefraction=0):
        //   go tool pprof -lines -top cpu.pprof                                      flat 0.09 s, cum 0.11 s
        //   go tool pprof -lines -top -hide='^(runtime\.|internal/runtime/)' cpu.pprof  flat 0.11 s, of which
        //   0.02 s is runtime.asyncPreempt (-ignore='^runtime\.asyncPreempt$': flat = self = cum 0.09 s)
        Path cpu = Repo.resolve("testdata/modules/bitset/cpu.pprof");
        List<Fact> facts = parse(parser, cpu, null);
        LineCost test = lineCost(facts, "bitset.go", 197, "cpu");
        assertThat(test).isNotNull();
        assertThat(test.flat()).isEqualTo(90_000_000L);
        assertThat(test.cum()).isEqualTo(90_000_000L);
        assertThat(test.self()).isEqualTo(90_000_000L);
        // the benchmark's own lines are test code: no cost of the module
        assertThat(facts).anyMatch(f -> f instanceof HotLine h && h.file().endsWith("_test.go") && h.flat() > 0);
        assertThat(facts).noneMatch(f -> f instanceof LineCost c && c.file().endsWith("_test.go"));
        // a module function called (not inlined) from a benchmark counts as before
        assertThat(lineCost(facts, "bitset.go", 965, "cpu")).isNotNull();
    }

    @Test
    void aConstructorInlinedIntoTheBenchmarksCostsTheBytesItAsksFor() throws Exception {
        // toml v1.6.0 (testdata/captured/go1.26.8/toml, README there): NewEncoder (encode.go:137) is inlined into
        // the benchmarks' closures, and bufio.NewWriter's 4 KiB buffer it asks for is 41.83 % of the bytes.
        // go tool pprof -sample_index=alloc_space -lines -top -nodefraction=0 -unit=B mem.pprof:
        //   NewEncoder encode.go:137 (inline)  flat 0 B, cum 3754224339 B of 8974928085 B
        // The line was 'alloc 0 %' and ranked last while its finding said it allocates 41.8 % of the bytes.
        List<Fact> facts = parse(parser, Repo.resolve("testdata/captured/go1.26.8/toml/mem.pprof"), null);
        LineCost encoder = lineCost(facts, "encode.go", 137, "alloc_space");
        assertThat(encoder).isNotNull();
        assertThat(encoder.cum()).isEqualTo(3_754_224_339L);
        assertThat(encoder.cumShare()).isCloseTo(3_754_224_339.0 / 8_974_928_085L, within(1e-12));
        assertThat(encoder.flat()).isZero();
        assertThat(encoder.self()).isZero(); // the bytes are bufio.NewWriterSize's (bufio.go:599), a line it calls
        assertThat(facts).noneMatch(f -> f instanceof LineCost c && c.file().endsWith("_test.go"));
    }

    @Test
    void filesAreMadeModuleRelativeByTheNormaliser() throws Exception {
        Path cpu = Repo.resolve("facts/src/test/resources/pprof/go1.26.8/prof/cpu.pprof");
        PprofParser trimpath = new PprofParser(
                FileNormalizer.forModule(Repo.resolve("facts/src/test/resources/pprof/src")));
        List<Fact> facts = parse(trimpath, cpu, null);
        assertThat(facts).filteredOn(f -> f instanceof HotLine h && h.symbol().equals("main.fib"))
                .extracting(f -> ((HotLine) f).file()).containsOnly("main.go");
        assertThat(facts).filteredOn(f -> f instanceof HotLine h && h.symbol().equals("runtime.mallocgc"))
                .extracting(f -> ((HotLine) f).file()).allMatch(f -> f.equals("runtime/malloc.go"));
        List<Fact> raw = parse(parser, cpu, null);
        assertThat(raw).filteredOn(f -> f instanceof HotLine h && h.symbol().equals("main.fib"))
                .extracting(f -> ((HotLine) f).file()).containsOnly("example.com/prof/main.go");

        FileNormalizer abs = FileNormalizer.moduleRelative(Path.of("/home/gopher/src/t3"), "example.com/t3");
        assertThat(abs.normalize("/home/gopher/src/t3/b.go")).isEqualTo("b.go");
        assertThat(abs.normalize("example.com/t3/sub/c.go")).isEqualTo("sub/c.go");
        assertThat(abs.normalize("/usr/lib/go-1.19/src/testing/benchmark.go"))
                .isEqualTo("/usr/lib/go-1.19/src/testing/benchmark.go");
        assertThat(abs.normalize("example.com/t3x/d.go")).isEqualTo("example.com/t3x/d.go");
    }

    /**
     * fastjson v1.6.10's CPU profile (Go 1.26.8, testdata/modules/fastjson): the samples in the write barrier's
     * runtime functions, by calling line. {@code clear(o.kvs)} (parser.go:462) and {@code clear(v.a)} (592) call
     * {@code runtime.memclrHasPointers}, 120 and 60 ms ({@code go tool pprof -lines -peek 'memclrHasPointers'}), which
     * is {@code bulkBarrierPreWrite} then {@code memclrNoHeapPointers}: 18 samples, 4 in bulkBarrierPreWrite, 6 in
     * memclrNoHeapPointers, 8 its own ({@code go tool pprof -peek 'memclrHasPointers'}). Only the barrier's part is
     * write-barrier: {@code go tool pprof -lines -focus=bulkBarrierPreWrite -peek memclrHasPointers cpu.pprof}: 462
     * and 592 20 ms each; the rest (100 and 40 ms) is clearing, {@code other}. 198 and 169: 10 ms each in
     * gcWriteBarrier (the 1.21+ assembly-local name pprof prints without a package), all barrier ({@code -peek
     * gcWriteBarrier}). The lines write-barrier-hot reported at 253, 241 and 595 have none. growslice's own
     * bulkBarrierPreWriteSrcOnly counts under growslice, the function the line called.
     */
    @Test
    void runtimeCallerLineChargesTheWriteBarriersRuntimeFunctionsToTheCallingLineAsPprofDoes() throws Exception {
        List<Fact> facts = parse(parser, Repo.resolve("testdata/modules/fastjson/cpu.pprof"), null);
        java.util.Map<Integer, Long> barrier = new java.util.TreeMap<>();
        for (Fact f : facts) {
            if (f instanceof RuntimeCallerLine r && r.sampleType().equals("cpu") && r.category().equals("write-barrier")) {
                assertThat(r.file()).endsWith("valyala/fastjson/parser.go");
                barrier.merge(r.line(), r.flat(), Long::sum);
            }
        }
        assertThat(barrier).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                169, 10_000_000L, 198, 10_000_000L, 462, 20_000_000L, 592, 20_000_000L)));
        RuntimeCallerLine l462 = facts.stream().filter(f -> f instanceof RuntimeCallerLine r && r.line() == 462
                && r.sampleType().equals("cpu") && r.category().equals("write-barrier")).map(f -> (RuntimeCallerLine) f)
                .findFirst().orElseThrow();
        assertThat(l462.symbol()).isEqualTo("github.com/valyala/fastjson.(*Object).reset");
        assertThat(l462.flatShare()).isCloseTo(0.02 / 7.16, org.assertj.core.data.Offset.offset(1e-9));
        // the clearing memclrHasPointers does besides the barrier (its own samples and memclrNoHeapPointers': 100 and
        // 40 ms) is other, beside the lines' asyncPreempt (-lines -peek asyncPreempt: 10 and 50 ms)
        java.util.Map<Integer, Long> other = new java.util.TreeMap<>();
        for (Fact f : facts) {
            if (f instanceof RuntimeCallerLine r && r.sampleType().equals("cpu") && r.category().equals("other")
                    && (r.line() == 462 || r.line() == 592)) {
                other.merge(r.line(), r.flat(), Long::sum);
            }
        }
        assertThat(other).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                462, 110_000_000L, 592, 90_000_000L)));
        assertThat(facts).anyMatch(f -> f instanceof RuntimeCallerLine r && r.category().equals("growslice"));
        assertThat(facts).noneMatch(f -> f instanceof RuntimeCallerLine r && dev.perfwarden.facts.runtime.RuntimeFunctions.isRuntime(r.symbol()));
    }

    /**
     * chi v5.2.2's heap profile (Go 1.26.8): 60 % of the bytes are allocated in net/http's
     * (*Request).WithContext, inlined into (*Mux).ServeHTTP at mux.go:87; CallerLine charges them to that
     * module line (the innermost frame outside the standard library), and a standard-library line gets none.
     */
    @Test
    void callerLineChargesStandardLibraryAllocationsToTheCallingLine() throws Exception {
        List<Fact> facts = parse(parser, Repo.resolve("testdata/modules/chi/mem.pprof"), null);
        List<CallerLine> mux87 = facts.stream().filter(f -> f instanceof CallerLine c && c.sampleType().equals("alloc_space")
                && c.file().endsWith("/mux.go") && c.line() == 87).map(f -> (CallerLine) f).toList();
        HotLine own = facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals("alloc_space")
                && h.file().endsWith("net/http/request.go") && h.line() == 372).map(f -> (HotLine) f).findFirst().orElseThrow();
        assertThat(mux87).isNotEmpty();
        assertThat(mux87.stream().mapToLong(CallerLine::flat).sum()).isGreaterThanOrEqualTo(own.flat());
        assertThat(facts).noneMatch(f -> f instanceof CallerLine c && c.file().endsWith("net/http/request.go"));
        assertThat(facts).noneMatch(f -> f instanceof CallerLine c && c.symbol().startsWith("runtime."));
    }

    /**
     * LineCaller names the frames that called a CallerLine's line, as go tool pprof -lines -peek 'mux.go:87' shows them
     * for chi's heap profile: all 1082937.51kB of (*Mux).ServeHTTP's line 87 through BenchmarkMux.func8 at
     * mux_test.go:1929 (the line's CallerLine flat: net/http's WithContext and context.WithValue below it). Only
     * alloc_space has such facts.
     */
    @Test
    void lineCallerNamesTheFramesThatCalledTheLineAsPprofPeekDoes() throws Exception {
        List<Fact> facts = parse(parser, Repo.resolve("testdata/modules/chi/mem.pprof"), null);
        List<LineCaller> mux87 = facts.stream().filter(f -> f instanceof LineCaller c && c.file().endsWith("/mux.go")
                && c.line() == 87).map(f -> (LineCaller) f).toList();
        long flat = facts.stream().filter(f -> f instanceof CallerLine c && c.sampleType().equals("alloc_space")
                && c.file().endsWith("/mux.go") && c.line() == 87).mapToLong(f -> ((CallerLine) f).flat()).sum();
        assertThat(mux87).isNotEmpty().allSatisfy(c -> {
            assertThat(c.sampleType()).isEqualTo("alloc_space");
            assertThat(c.symbol()).isEqualTo("github.com/go-chi/chi/v5.(*Mux).ServeHTTP");
            assertThat(c.callerSymbol()).isEqualTo("github.com/go-chi/chi/v5.BenchmarkMux.func8");
            assertThat(c.callerFile()).endsWith("/mux_test.go");
            assertThat(c.callerLine()).isEqualTo(1929);
            assertThat(c.outerSymbol()).isNotEmpty();
        });
        assertThat(mux87.stream().mapToLong(LineCaller::value).sum()).isEqualTo(flat)
                .isCloseTo(1_108_928_010L, org.assertj.core.data.Offset.offset(2_000L)); // 1082937.51kB
        assertThat(facts).noneMatch(f -> f instanceof LineCaller c && !c.sampleType().equals("alloc_space"));
    }

    @Test
    void heapProfileFactsCarryEverySampleType() throws Exception {
        Path mem = Repo.resolve("facts/src/test/resources/pprof/go1.26.8/prof/mem.pprof");
        List<Fact> facts = parse(parser, mem, null);
        assertThat(facts).filteredOn(f -> f instanceof ProfileSummary).extracting(f -> ((ProfileSummary) f).sampleType())
                .containsExactly("alloc_objects", "alloc_space", "inuse_objects", "inuse_space");
        assertThat(facts).filteredOn(f -> f instanceof HotFunction h && h.symbol().equals("main.grow")
                && h.sampleType().equals("alloc_space")).singleElement()
                .satisfies(f -> assertThat(((HotFunction) f).unit()).isEqualTo("bytes"));
    }

    @Test
    void malformedInputThrowsFromParse() throws Exception {
        byte[] gz = Files.readAllBytes(Repo.resolve("testdata/corpus/go1.23/t3/mem.pprof"));
        Path cut = tmp.resolve("cut.pprof");
        Files.write(cut, Arrays.copyOf(gz, gz.length - 100));
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext("cut.pprof", InputKind.PPROF, facts::add);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(InputSource.of(cut), ctx))
                .isInstanceOf(dev.perfwarden.facts.core.ParseException.class)
                .hasMessageStartingWith("cut.pprof:@").hasMessageContaining("truncated gzip data");
        assertThat(facts).isEmpty();
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isNotEmpty();
    }
}
