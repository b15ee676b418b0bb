package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.profile.UntimedLines;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each CPU sample's benchmark (testdata/modules/bitset: bits-and-blooms/bitset v1.14.3, 73 benchmarks run 2 s each,
 * Go 1.26.8). Ground truth, in testdata/modules/bitset:
 * <pre>
 * go tool pprof -sample_index=samples -top -focus='BenchmarkSet$' cpu.pprof  # BenchmarkSet cum 87 of 13790 total
 * go tool pprof -sample_index=samples -peek='BenchmarkLemireCreate$' cpu.pprof # cum 465, all from testing.(*B).runN
 *   (-top's "Showing nodes accounting for 455" is the flat of the nodes it shows, not the benchmark's cum)
 * go tool pprof -top -focus='BenchmarkSet$' cpu.pprof  # (*BitSet).Set 0.20s flat, 0.30s cum of the benchmark's 0.87s
 * </pre>
 */
class BenchmarkSamplesTest {
    private static final Path BITSET = root().resolve("testdata/modules/bitset");
    private static final String SET = "github.com/bits-and-blooms/bitset.(*BitSet).Set";

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("testdata/modules"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void eachBenchmarkCountsTheSamplesOfItsStacksAsPprofFocusDoes() throws Exception {
        SampledAddresses all = SampledAddresses.read(BITSET.resolve("cpu.pprof"), "cpu.pprof", "cpu",
                UntimedLines.NONE);
        Map<String, Long> totals = all.benchmarkTotals();
        assertThat(totals).containsEntry("BenchmarkSet", 87L).containsEntry("BenchmarkLemireCreate", 465L);
        // sub-benchmarks are their function literals (b.Run), named after the benchmark that runs them
        assertThat(totals.keySet()).anyMatch(k -> k.matches("BenchmarkIsSuperSet\\.func[0-9.]+"))
                .allMatch(k -> k.startsWith("Benchmark"));
        // samples of no benchmark (GC workers, the runtime's background work) are in no benchmark's count
        long inBenchmarks = totals.values().stream().mapToLong(Long::longValue).sum();
        assertThat(inBenchmarks).isLessThan(13790L).isGreaterThan(13790L * 9 / 10);
    }

    /**
     * A b.RunParallel body counts for its benchmark: gobwas/glob v0.2.3 (testdata/modules/glob), {@code go tool pprof
     * -sample_index=samples -peek='BenchmarkAllGlobMatchParallel' cpu.pprof}: its body, BenchmarkAllGlobMatchParallel.func1,
     * 97 samples, all from testing.(*B).RunParallel.func1 (the benchmark function itself, which only compiles the
     * pattern and starts the goroutines, none).
     */
    @Test
    void aParallelBodyCountsForItsBenchmark() throws Exception {
        Map<String, Long> totals = SampledAddresses.read(root().resolve("testdata/modules/glob/cpu.pprof"), "cpu.pprof",
                "cpu", UntimedLines.NONE).benchmarkTotals();
        assertThat(totals).containsEntry("BenchmarkAllGlobMatchParallel", 97L);
        assertThat(totals.keySet()).noneMatch(k -> k.startsWith("BenchmarkAllGlobMatchParallel."));
    }

    /**
     * A b.RunParallel body declared in a helper inlined into a sub-benchmark's literal counts for that literal:
     * puzpuzpuz/xsync v4 (testdata/modules/xsync), {@code go tool pprof -sample_index=samples -top cpu.pprof}:
     * BenchmarkMap_WarmUp.func1.benchmarkMapStringKeys.5 (benchmarkMapStringKeys's body, inlined into the
     * sub-benchmark's literal BenchmarkMap_WarmUp.func1, which itself holds no sample) cum 116, all from
     * testing.(*B).RunParallel.func1; BenchmarkMap_NoWarmUp.func1.benchmarkMapStringKeys.4 cum 68.
     */
    @Test
    void aParallelBodyOfAnInlinedHelperCountsForTheLiteralItWasInlinedInto() throws Exception {
        Map<String, Long> totals = SampledAddresses.read(root().resolve("testdata/modules/xsync/cpu.pprof"), "cpu.pprof",
                "cpu", UntimedLines.NONE).benchmarkTotals();
        assertThat(totals).containsEntry("BenchmarkMap_WarmUp.func1", 116L)
                .containsEntry("BenchmarkMap_NoWarmUp.func1", 68L);
        assertThat(totals.keySet()).noneMatch(k -> k.contains("benchmarkMapStringKeys"));
    }

    @Test
    void anInstructionKnowsTheBenchmarksThatRanIt() throws Exception {
        List<Fact> facts = new InputReader().read(List.of(BITSET.resolve("cpu.pprof").toString(),
                BITSET.resolve("objdump.txt").toString()), List.of(BITSET.resolve("src")), InputStream.nullInputStream())
                .facts();
        List<HotInstruction> set = facts.stream().filter(f -> f instanceof HotInstruction h && h.symbol().equals(SET))
                .map(f -> (HotInstruction) f).toList();
        assertThat(set).isNotEmpty();
        long flatInSet = 0;
        long flatInAll = 0;
        for (HotInstruction h : set) {
            assertThat(h.benchmarks().stream().mapToLong(BenchmarkSamples::flat).sum()).isLessThanOrEqualTo(h.flatSamples());
            for (BenchmarkSamples b : h.benchmarks()) {
                if (b.benchmark().equals("BenchmarkSet")) {
                    flatInSet += b.flat();
                    // the benchmark's timed samples: its setup (between b.StopTimer and b.StartTimer) left out
                    assertThat(b.total()).isBetween(80L, 87L);
                }
            }
            flatInAll += h.flatSamples();
        }
        // Set's flat in BenchmarkSet: 0.20 s, 20 samples (pprof -focus above); the rest of its flat is other benchmarks'
        assertThat(flatInSet).isEqualTo(20L);
        assertThat(flatInAll).isGreaterThan(flatInSet);
        // its 8 entry and exit instructions (objdump.txt: 0x565c40-0x565c4a, 0x565c8f-0x565c94) hold 16 flat samples,
        // by benchmark: 15 of BenchmarkLemireCreate's, where Set grows the set on every call, 1 of BenchmarkSetExpand's,
        // none of BenchmarkSet's (where inlining Set measured -21 %: its call's cost is not seen at its entry and exits)
        java.util.Map<String, Long> atEntryExit = new java.util.TreeMap<>();
        for (HotInstruction h : set) {
            if (h.address() >= 0x565c40L && h.address() <= 0x565c4aL || h.address() >= 0x565c8fL && h.address() <= 0x565c94L) {
                h.benchmarks().forEach(b -> atEntryExit.merge(b.benchmark(), b.flat(), Long::sum));
            }
        }
        assertThat(atEntryExit).isEqualTo(Map.of("BenchmarkLemireCreate", 15L, "BenchmarkSetExpand", 1L));
    }

    /**
     * A benchmark's cum at a CALL leaves out the samples of preemption below it, as a line's cum does: BenchmarkSet's
     * CALL math/rand.(*Rand).Int31n (0x5695e7, return address 0x5695ec) and CALL (*BitSet).Set (0x5695f4, returns to
     * 0x5695f9). {@code go tool pprof -sample_index=samples -top -addresses -noinlines -focus='BenchmarkSet$'
     * [-ignore=runtime.asyncPreempt] cpu.pprof}: 0x5695eb cum 47 (31 without preemption), 0x5695f8 cum 30 (20).
     */
    @Test
    void aBenchmarksCumAtACallLeavesPreemptionOut() throws Exception {
        SampledAddresses all = SampledAddresses.read(BITSET.resolve("cpu.pprof"), "cpu.pprof", "cpu",
                UntimedLines.NONE);
        assertThat(cumIn(all, "BenchmarkSet", 0x5695e7L, 0x5695ecL)).isEqualTo(31L);
        assertThat(cumIn(all, "BenchmarkSet", 0x5695f4L, 0x5695f9L)).isEqualTo(20L);
    }

    private static long cumIn(SampledAddresses s, String benchmark, long from, long to) {
        return s.benchmarks(s.firstAtOrAbove(from), s.firstAtOrAbove(to)).stream()
                .filter(b -> b.benchmark().equals(benchmark)).mapToLong(BenchmarkSamples::cum).sum();
    }
}
