package dev.perfwarden.facts.bench;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.input.Parsers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchParserTest {
    private final BenchParser parser = new BenchParser();

    @TempDir
    Path tmp;

    record Parsed(List<Fact> facts, ParseContext ctx) {
        <T> List<T> all(Class<T> type) {
            return facts.stream().filter(type::isInstance).map(type::cast).toList();
        }

        BenchSummary summary() {
            return all(BenchSummary.class).get(0);
        }

        BenchResult result(String fullName, String unit) {
            return all(BenchResult.class).stream().filter(r -> r.fullName().equals(fullName) && r.unit().equals(unit))
                    .findFirst().orElseThrow(() -> new AssertionError("no result " + fullName + " " + unit));
        }
    }

    private Parsed parse(Path file) throws Exception {
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(file.getFileName().toString(), InputKind.BENCH, facts::add);
        parser.parse(InputSource.of(file), ctx);
        return new Parsed(facts, ctx);
    }

    private Parsed parse(String text) throws Exception {
        Path f = tmp.resolve("bench-" + System.nanoTime() + ".txt");
        Files.writeString(f, text);
        return parse(f);
    }

    private static InputHead head(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return new InputHead(p.getFileName().toString(), false, Arrays.copyOf(b, Math.min(b.length, InputHead.SIZE)));
    }

    static Path root() {
        String p = System.getProperty("perfwarden.root");
        if (p != null && !p.isBlank() && Files.isDirectory(Path.of(p, "facts"))) {
            return Path.of(p).toAbsolutePath();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    /** Every real benchmark capture of the repository: the corpus, the rule and example captures, ours. */
    static List<Path> captures() {
        Path root = root();
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (n.startsWith(".") || n.equals("target"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString();
                    if (n.matches("bench(-v|-json)?\\.txt") && attrs.size() > 0) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    // ---- real captures, checked against counts taken independently from the raw text ------------

    @TestFactory
    Stream<DynamicTest> everyCaptureIsReadCompletely() {
        List<Path> files = captures();
        assertThat(files).anyMatch(p -> p.toString().contains("go1.19/t3/bench.txt"))
                .anyMatch(p -> p.toString().contains("go1.23/t3/bench.txt"))
                .anyMatch(p -> p.toString().contains("go1.26.8") && p.toString().endsWith("bench.txt"));
        return files.stream().map(f -> DynamicTest.dynamicTest(root().relativize(f).toString(), () -> {
            assertThat(parser.sniff(head(f))).isTrue();
            assertThat(Parsers.sniff(head(f)).map(InputParser::kind)).contains(InputKind.BENCH);
            Parsed p = parse(f);
            assertThat(p.ctx().unparsedSamples()).as("unparsed").isEmpty();
            List<String> text = texts(f);
            // independent reading: result lines are "Benchmark…" with an iteration count and pairs
            Map<String, List<Double>> expected = new LinkedHashMap<>();
            long resultLines = 0;
            for (String l : text) {
                String[] fields = l.strip().split("\\s+");
                if (l.startsWith("Benchmark") && fields.length >= 4 && fields[1].matches("\\d+")) {
                    resultLines++;
                    for (int i = 2; i + 1 < fields.length; i += 2) {
                        expected.computeIfAbsent(fields[0] + " " + fields[i + 1], k -> new ArrayList<>())
                                .add(Double.parseDouble(fields[i]));
                    }
                }
            }
            assertThat(resultLines).isPositive();
            assertThat(p.summary().lines(BenchParser.LineClass.RESULT)).isEqualTo(resultLines);
            assertThat(p.all(BenchResult.class)).hasSize(expected.size());
            expected.forEach((key, values) -> {
                String[] k = key.split(" ");
                BenchResult r = p.result(k[0], k[1]);
                assertThat(r.samples()).as(key).isEqualTo(values);
                assertThat(r.iterations()).hasSameSizeAs(values);
                double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
                assertThat(r.median()).isEqualTo(median);
                assertThat(r.pkg()).isEqualTo(r.config().get("pkg"));
                assertThat(r.config()).containsKeys("goos", "goarch", "pkg");
            });
            long failHeaders = text.stream().filter(l -> l.strip().startsWith("--- FAIL: Benchmark")).count();
            long skipHeaders = text.stream().filter(l -> l.strip().startsWith("--- SKIP: Benchmark")).count();
            assertThat(p.all(BenchFailure.class)).hasSize((int) (failHeaders + skipHeaders));
            long logs = text.stream().filter(l -> !l.isEmpty() && Character.isWhitespace(l.charAt(0))
                    && !l.strip().startsWith("---")).count();
            assertThat(p.summary().lines(BenchParser.LineClass.LOG)).isEqualTo(logs);
            long okLines = text.stream().filter(l -> l.startsWith("ok  ") || l.startsWith("FAIL\t")).count();
            assertThat(p.all(BenchPackage.class)).hasSize((int) okLines);
        }));
    }

    /** The text lines of a capture; for -json output, the joined Output of its events. */
    static List<String> texts(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("{")) {
            return lines;
        }
        StringBuilder sb = new StringBuilder();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String l : lines) {
            var node = mapper.readTree(l);
            if (node.has("Output")) {
                sb.append(node.get("Output").asText());
            }
        }
        return Arrays.asList(sb.toString().split("\n"));
    }

    @Test
    void go119CorpusBenchmarks() throws Exception {
        Parsed p = parse(root().resolve("testdata/corpus/go1.19/t3/bench.txt"));
        assertThat(p.all(BenchResult.class)).hasSize(15);
        BenchResult work = p.result("BenchmarkWork-2", "ns/op");
        assertThat(work.name()).isEqualTo("BenchmarkWork");
        assertThat(work.procs()).isEqualTo(2);
        assertThat(work.pkg()).isEqualTo("example.com/t3");
        assertThat(work.samples()).containsExactly(606.2, 617.3);
        assertThat(work.iterations()).containsExactly(1685918L, 2058316L);
        assertThat(work.median()).isCloseTo(611.75, within(1e-9));
        assertThat(work.symbol()).isEqualTo("example.com/t3.BenchmarkWork");
        assertThat(work.config()).containsEntry("cpu", "AMD EPYC").containsEntry("goos", "linux");
        assertThat(work.at().format()).isEqualTo("bench.txt:5");

        BenchResult widgets = p.result("BenchmarkAlloc-2", "widgets/op");
        assertThat(widgets.samples()).containsExactly(42.0, 42.0);
        BenchResult sub = p.result("BenchmarkSub/n=:-2", "MB/s");
        assertThat(sub.name()).isEqualTo("BenchmarkSub/n=:");
        assertThat(sub.nameParts()).containsExactly(Map.entry("n", ":"));
        assertThat(sub.symbol()).isEqualTo("example.com/t3.BenchmarkSub");
        assertThat(sub.samples()).containsExactly(3315.92, 3361.08);
        assertThat(p.all(BenchPackage.class)).singleElement()
                .satisfies(b -> {
                    assertThat(b.pkg()).isEqualTo("example.com/t3");
                    assertThat(b.status()).isEqualTo("ok");
                    assertThat(b.seconds()).isEqualTo(12.910);
                });
        assertThat(p.ctx().records()).isEqualTo(14);
        assertThat(p.summary().lines(BenchParser.LineClass.CONFIG)).isEqualTo(4);
        assertThat(p.summary().lines(BenchParser.LineClass.PASS)).isEqualTo(1);
    }

    @Test
    void go126CountCpuLogSkipFailAndJson() throws Exception {
        Path dir = root().resolve("facts/src/test/resources/bench/go1.26.8");
        Parsed plain = parse(dir.resolve("bench.txt"));
        BenchResult one = plain.result("BenchmarkAlloc", "ns/op");
        BenchResult two = plain.result("BenchmarkAlloc-2", "ns/op");
        assertThat(one.procs()).isEqualTo(1);
        assertThat(two.procs()).isEqualTo(2);
        assertThat(one.name()).isEqualTo(two.name()).isEqualTo("BenchmarkAlloc");
        assertThat(one.samples()).hasSize(2);
        assertThat(plain.result("BenchmarkAlloc-2", "widgets/op").median()).isEqualTo(42.0);
        assertThat(plain.result("BenchmarkSub/n=1000-2", "MB/s").nameParts()).containsEntry("n", "1000");
        assertThat(plain.summary().lines(BenchParser.LineClass.BENCH_HEADER)).isPositive();
        assertThat(plain.all(BenchFailure.class)).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("BenchmarkFail");
            assertThat(f.status()).isEqualTo("FAIL");
            assertThat(f.log()).singleElement().asString().endsWith("boom");
        });
        assertThat(plain.all(BenchPackage.class)).singleElement()
                .satisfies(b -> assertThat(b.status()).isEqualTo("FAIL"));

        Parsed verbose = parse(dir.resolve("bench-v.txt"));
        Parsed json = parse(dir.resolve("bench-json.txt"));
        assertThat(json.summary().json()).isTrue();
        assertThat(verbose.summary().json()).isFalse();
        assertThat(verbose.all(BenchFailure.class)).extracting(BenchFailure::status).containsExactly("SKIP", "FAIL");
        assertThat(verbose.all(BenchFailure.class).get(0).log()).singleElement().asString().endsWith("not today");
        assertThat(json.all(BenchFailure.class)).extracting(BenchFailure::status).containsExactly("SKIP", "FAIL");
        // the same benchmarks, read from -v text and from -json events
        assertThat(json.all(BenchResult.class)).extracting(r -> r.fullName() + " " + r.unit())
                .containsExactlyElementsOf(verbose.all(BenchResult.class).stream()
                        .map(r -> r.fullName() + " " + r.unit()).toList());
        assertThat(json.summary().lines(BenchParser.LineClass.RUN_EVENT)).isPositive();
        assertThat(verbose.summary().lines(BenchParser.LineClass.NAME)).isPositive();
    }

    // ---- format details --------------------------------------------------------------------------

    @Test
    void configAppliesUntilChangedAndAnEmptyValueDeletesIt() throws Exception {
        Parsed p = parse("""
                goos: linux
                pkg: example.com/a
                commit: abc
                BenchmarkX-8   	 100	  10.0 ns/op
                commit:
                BenchmarkX-8   	 100	  12.0 ns/op
                commit: def
                BenchmarkX-8   	 100	  14.0 ns/op
                BenchmarkX-8   	 100	  16.0 ns/op
                pkg: example.com/b
                BenchmarkX-8   	 100	  18.0 ns/op
                """);
        List<BenchResult> rs = p.all(BenchResult.class);
        assertThat(rs).extracting(BenchResult::samples).containsExactly(List.of(10.0), List.of(12.0),
                List.of(14.0, 16.0), List.of(18.0));
        assertThat(rs.get(0).config()).containsEntry("commit", "abc");
        assertThat(rs.get(1).config()).doesNotContainKey("commit");
        assertThat(rs.get(2).config()).containsEntry("commit", "def");
        assertThat(rs.get(2).median()).isEqualTo(15.0);
        assertThat(rs.get(3).pkg()).isEqualTo("example.com/b");
        assertThat(rs.get(3).symbol()).isEqualTo("example.com/b.BenchmarkX");
        assertThat(rs).allSatisfy(r -> assertThat(r.procs()).isEqualTo(8));
    }

    /** Fact dumps and ParseDigest print facts: the config must print in one order in every JVM (Map.copyOf's is salted). */
    @Test
    void configPrintsItsKeysSorted() throws Exception {
        Parsed p = parse("""
                zeta: 1
                goos: linux
                mu: 2
                goarch: amd64
                pkg: example.com/a
                cpu: some cpu
                alpha: 3
                omega: 4
                BenchmarkX-8   	 100	  10.0 ns/op
                """);
        BenchResult r = p.all(BenchResult.class).get(0);
        assertThat(r.config().keySet()).containsExactly("alpha", "cpu", "goarch", "goos", "mu", "omega", "pkg", "zeta");
        assertThat(r.toString()).contains("config={alpha=3, cpu=some cpu, goarch=amd64, goos=linux, mu=2, omega=4,"
                + " pkg=example.com/a, zeta=1}");
    }

    @Test
    void brokenResultLinesAreUnparsedWithBenchfmtsReasons() throws Exception {
        Parsed p = parse("""
                BenchmarkA-2   	 abc	  10 ns/op
                BenchmarkB-2   	 100
                BenchmarkC-2   	 100	  10
                BenchmarkD-2   	 100	  ten ns/op
                something else entirely
                BenchmarkE-2   	 100	  1.5e3 ns/op	 NaN x/op
                """);
        assertThat(p.ctx().unparsedSamples()).extracting(Unparsed::reason).containsExactly(
                "missing iteration count", "missing measurements", "missing units",
                "parsing measurement: invalid value \"ten\"",
                "not a benchmark result, config, unit or go test status line");
        assertThat(p.ctx().unparsedSamples()).extracting(u -> u.at().line()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(p.result("BenchmarkE-2", "ns/op").samples()).containsExactly(1500.0);
        assertThat(p.result("BenchmarkE-2", "x/op").samples().get(0)).isNaN();
        assertThat(p.summary().lines(BenchParser.LineClass.UNPARSED)).isEqualTo(5);
        assertThat(p.ctx().records()).isEqualTo(6);
    }

    @Test
    void unitMetadataAndStatusLines() throws Exception {
        Parsed p = parse("""
                Unit ns/op assume=exact better=lower
                ?   	example.com/none	[no test files]
                # example.com/broken [example.com/broken.test]
                ./x_test.go:3:1: syntax error
                FAIL	example.com/broken [build failed]
                testing: warning: no tests to run
                === RUN   BenchmarkY
                BenchmarkY
                BenchmarkY-4   	 5	 200 ns/op
                PASS
                ok  	example.com/y	(cached)
                exit status 1
                """);
        assertThat(p.all(BenchUnitMeta.class)).extracting(u -> u.unit() + " " + u.key() + "=" + u.value())
                .containsExactly("ns/op assume=exact", "ns/op better=lower");
        assertThat(p.all(BenchPackage.class)).extracting(b -> b.pkg() + " " + b.status() + " " + b.detail())
                .containsExactly("example.com/none none no test files", "example.com/broken FAIL build failed",
                        "example.com/y ok (cached)");
        assertThat(p.ctx().unparsedCount()).isZero();
        BenchSummary s = p.summary();
        assertThat(s.lines(BenchParser.LineClass.BUILD_HEADER)).isEqualTo(1);
        assertThat(s.lines(BenchParser.LineClass.COMPILER_OUTPUT)).isEqualTo(1);
        assertThat(s.lines(BenchParser.LineClass.TESTING_WARNING)).isEqualTo(1);
        assertThat(s.lines(BenchParser.LineClass.RUN_EVENT)).isEqualTo(1);
        assertThat(s.lines(BenchParser.LineClass.NAME)).isEqualTo(1);
        assertThat(s.lines(BenchParser.LineClass.EXIT_STATUS)).isEqualTo(1);
        assertThat(p.result("BenchmarkY-4", "ns/op").config()).isEmpty();
    }

    @Test
    void jsonOutputSplitAcrossEventsIsJoined() throws Exception {
        String ev = "{\"Action\":\"output\",\"Package\":\"example.com/j\",\"Output\":%s}\n";
        Parsed p = parse(String.format(ev, "\"pkg: example.com/j\\n\"")
                + String.format(ev, "\"BenchmarkJ-2   \\t\"")
                + "{\"Action\":\"run\",\"Package\":\"example.com/j\",\"Test\":\"BenchmarkK\"}\n"
                + String.format(ev, "\"  1000\\t    12.5 ns/op\\t   8 B/op\"")
                + String.format(ev, "\"\\t  1 allocs/op\\n\""));
        BenchResult r = p.result("BenchmarkJ-2", "ns/op");
        assertThat(r.samples()).containsExactly(12.5);
        assertThat(r.pkg()).isEqualTo("example.com/j");
        assertThat(r.at().line()).isEqualTo(5);
        assertThat(p.result("BenchmarkJ-2", "allocs/op").samples()).containsExactly(1.0);
        assertThat(p.summary().lines(BenchParser.LineClass.JSON_EVENT)).isEqualTo(5);
        assertThat(p.ctx().unparsedCount()).isZero();
    }

    @Test
    void aResultWhoseNumbersFollowOnTheNextLineIsJoined() throws Exception {
        Parsed p = parse("BenchmarkP-2\n     500\t  30 ns/op\n");
        assertThat(p.result("BenchmarkP-2", "ns/op").samples()).containsExactly(30.0);
        assertThat(p.summary().lines(BenchParser.LineClass.LOG)).isZero();
    }

    @Test
    void sniffing() throws Exception {
        assertThat(parser.sniff(head(root().resolve("testdata/corpus/go1.19/t3/bench.txt")))).isTrue();
        for (String other : List.of("m1.txt", "m2.txt", "S.txt", "objdump.txt", "b_test.go")) {
            Optional<Path> f = Optional.of(root().resolve("testdata/corpus/go1.19/t3/" + other)).filter(Files::exists);
            if (f.isPresent()) {
                assertThat(parser.sniff(head(f.get()))).as(other).isFalse();
            }
        }
        assertThat(parser.sniff(head(root().resolve("testdata/corpus/go1.19/t3/cpu.pprof")))).isFalse();
        assertThat(parser.sniff(new InputHead("e", false, new byte[0]))).isFalse();
        assertThat(parser.sniff(new InputHead("t", false,
                "goos: linux\nPASS\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
    }
}
