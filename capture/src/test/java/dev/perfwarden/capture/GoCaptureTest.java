package dev.perfwarden.capture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code perfwarden scan}'s capture with the real Go toolchain on {@code examples/orders}: everything the
 * analysis reads is there, from one build, one test binary and two benchmark runs. Skipped only when
 * {@code go} is not on the PATH.
 */
class GoCaptureTest {
    static Path orders;

    @BeforeAll
    static void needsGo() throws Exception {
        boolean go;
        try {
            go = new ProcessBuilder("go", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            go = false;
        }
        assumeTrue(go, "go is not on the PATH");
        String root = System.getProperty("perfwarden.root", "..");
        orders = Path.of(root, "examples/orders").toAbsolutePath().normalize();
    }

    @Test
    void capturesAreCompleteFromOneBuildAndOneTestBinary(@TempDir Path out) throws Exception {
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(orders, out, ".", "20x", true));
        List<String> cmds = r.commands();

        // one test binary per package with tests (orders has two), each built once, with -m=2, -json and
        // check_bce in one -gcflags value; they compile every package, so there is no go build
        List<String> testBins = cmds.stream().filter(c -> c.startsWith("go test -c")).toList();
        assertThat(testBins).hasSize(2).doesNotHaveDuplicates()
                .allMatch(c -> c.contains("-gcflags=example.com/orders/...=-m=2 -json=0,file:")
                        && c.contains(" -d=ssa/check_bce/debug=1"));
        assertThat(cmds).noneMatch(c -> c.startsWith("go build"));

        String m2 = Files.readString(out.resolve("m2.txt"));
        assertThat(m2).contains("# example.com/orders", ": can inline ", " escapes to heap")
                .doesNotContain("Found IsInBounds");
        List<String> bce = Files.readAllLines(out.resolve("bce.txt"));
        assertThat(bce).isNotEmpty().allMatch(l -> l.startsWith("# ") || l.endsWith(": Found IsInBounds")
                || l.endsWith(": Found IsSliceInBounds"));
        assertThat(bce).anyMatch(l -> l.startsWith("internal/pricing/pricing.go:"));
        try (Stream<Path> s = Files.walk(out.resolve("json"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".json")).count()).isGreaterThan(2);
        }
        assertThat(Files.readString(out.resolve("objdump-1.txt"))).contains("TEXT example.com/orders");

        assertThat(Files.readString(out.resolve("objdump-2.txt"))).contains("TEXT example.com/orders/internal/pricing");
        List<String> objdumps = cmds.stream().filter(c -> c.startsWith("go tool objdump")).toList();
        assertThat(objdumps).hasSize(2);

        // benchmarks: each test binary (the one objdump read) run twice, the CPU profile without the heap
        // profile's sampling rate
        List<String> runs = cmds.stream().filter(c -> c.contains("-test.bench=")).toList();
        assertThat(runs).hasSize(4);
        for (int i = 0; i < 2; i++) {
            String bin = testBins.get(i).split(" ")[4];
            assertThat(objdumps.get(i)).endsWith(" " + bin);
            assertThat(runs.get(2 * i)).startsWith(bin + " ").contains("-test.cpuprofile=").doesNotContain("memprofile");
            assertThat(runs.get(2 * i)).contains(" -test.benchtime=20x ");
            // the heap run: half the iterations (the default), its output not kept
            assertThat(runs.get(2 * i + 1)).startsWith(bin + " ").contains(" -test.benchtime=10x ")
                    .contains("-test.memprofile=", "-test.memprofilerate=512").doesNotContain("cpuprofile");
        }
        // B/op and allocs/op from the CPU profile's run, the one of 20 iterations
        assertThat(Files.readString(out.resolve("bench-1.txt"))).containsPattern("(?m)^Benchmark\\S+\\s+20\\s+.* B/op")
                .doesNotContainPattern("(?m)^Benchmark\\S+\\s+10\\s+");
        for (String prof : List.of("cpu-1.pprof", "mem-1.pprof")) {
            try (var in = new GZIPInputStream(Files.newInputStream(out.resolve(prof)))) {
                assertThat(in.readAllBytes().length).as(prof).isGreaterThan(100);
            }
        }
        assertThat(Files.readString(out.resolve("capture.json"))).contains("\"module\" : \"example.com/orders\"");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".json-"));
        }
    }

    @Test
    void aPackageWhereNoBenchmarkMatchedLeavesNoBenchOutputOrProfiles(@TempDir Path out) throws Exception {
        // only internal/pricing has BenchmarkPrice: the root package's binary runs once, finds nothing
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(orders, out, "^BenchmarkPrice$", "5x", true));
        List<String> runs = r.commands().stream().filter(c -> c.contains("-test.bench=")).toList();
        assertThat(runs).hasSize(3);
        assertThat(runs).filteredOn(c -> c.contains("memprofile")).hasSize(1);
        // numbered by pricing's binary (bin2.test, objdump-2.txt), not by how many packages had benchmarks
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.matches("(bench|cpu|mem)-\\d+\\..*")))
                    .containsExactlyInAnyOrder("bench-2.txt", "cpu-2.pprof", "mem-2.pprof");
        }
        assertThat(Files.readString(out.resolve("bench-2.txt"))).contains("BenchmarkPrice");
        assertThat(Files.readString(out.resolve("objdump-2.txt"))).contains("TEXT example.com/orders/internal/pricing.BenchmarkPrice(");
    }

    /**
     * lz4's layout: packages with benchmarks around one with tests but none (lz4stream). Every file made from a
     * test binary carries that binary's number; none is shared, none shifted; the binaries are kept when asked,
     * and each profile names its own binary; each step is announced.
     */
    @Test
    void everyOutputOfATestBinaryCarriesItsNumber(@TempDir Path dir) throws Exception {
        Path mod = threePackages(dir.resolve("m"));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("cpu-2.pprof"), "stale profile of an earlier scan");
        List<String> steps = new java.util.ArrayList<>();
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(mod, out, ".", "3x", true, List.of(), true,
                steps::add));
        List<String> cmds = r.commands();
        List<String> runs = cmds.stream().filter(c -> c.contains("-test.bench=")).toList();
        // a: bin1, b: bin2 (tests, no benchmark: one run, no files), c: bin3
        assertThat(runs).hasSize(5);
        for (String run : runs) {
            String bin = run.split(" ")[0];
            String n = bin.replaceAll(".*/bin(\\d+)\\.test$", "$1");
            assertThat(run).as(run).containsPattern("-test\\.(cpu|mem)profile=\\S*/(cpu|mem)-" + n + "\\.pprof( |$)");
        }
        assertThat(runs.stream().map(c -> c.replaceAll(".*-test\\.(cpu|mem)profile=(\\S+).*", "$2")))
                .doesNotHaveDuplicates();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.matches("(bench|cpu|mem|objdump)-\\d+\\..*|bin.*")))
                    .containsExactlyInAnyOrder("objdump-1.txt", "objdump-2.txt", "objdump-3.txt", "bench-1.txt",
                            "cpu-1.pprof", "mem-1.pprof", "bench-3.txt", "cpu-3.pprof", "mem-3.pprof",
                            "bin1.test", "bin2.test", "bin3.test");
        }
        assertThat(Files.readString(out.resolve("objdump-3.txt"))).contains("TEXT example.com/m/c.BenchmarkC(");
        assertThat(Files.readString(out.resolve("bench-3.txt"))).contains("BenchmarkC");
        for (int n : new int[]{1, 3}) {
            try (var in = new GZIPInputStream(Files.newInputStream(out.resolve("cpu-" + n + ".pprof")))) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("cpu-%d.pprof's main mapping", n).contains(out.resolve("bin" + n + ".test").toString());
            }
        }
        assertThat(steps).noneMatch(x -> x.contains("go build"))
                .anyMatch(x -> x.matches("\\d+s go test -c example.com/m/b \\(2/3\\)"))
                .anyMatch(x -> x.matches("\\d+s go tool objdump bin3.test \\(3/3\\)"))
                .anyMatch(x -> x.matches("\\d+s benchmarks with a CPU profile: example.com/m/c \\(3/3\\)"))
                .anyMatch(x -> x.matches("\\d+s benchmarks with a heap profile \\(-test.benchtime=2x\\): example.com/m/c \\(3/3\\)"))
                .anyMatch(x -> x.matches("\\d+s no benchmark matched in example.com/m/b: no profiles of it"));
        assertThat(steps.get(steps.size() - 1)).matches("\\d+s captured");
    }

    @Test
    void withoutKeepingTheBinariesAreGone(@TempDir Path dir) throws Exception {
        Path mod = threePackages(dir.resolve("m"));
        Path out = dir.resolve("out");
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(mod, out, "^BenchmarkC$", "2x", true));
        String bin = r.commands().stream().filter(c -> c.startsWith("go test -c")).findFirst().orElseThrow()
                .split(" ")[4];
        assertThat(Path.of(bin)).doesNotExist();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("bin"))
                    .contains("cpu-3.pprof", "objdump-3.txt");
        }
    }

    /** The temporary folder of the binaries is gone after a capture that failed too (here: the build). */
    @Test
    void withoutKeepingTheTemporaryFolderIsGoneAfterAFailure(@TempDir Path dir) throws Exception {
        Path mod = threePackages(dir.resolve("m"));
        Files.writeString(mod.resolve("c/c.go"), "package c\n\nfunc C( {\n");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String was = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            assertThatThrownBy(() -> GoCapture.capture(new GoCapture.Request(mod, dir.resolve("out"), ".", "1x", true)))
                    // the test binary's build with the compiler flags fails first, with the compiler's message
                    .isInstanceOf(GoToolchainException.class).hasMessageContaining("failed in " + mod)
                    .hasMessageContaining("c/c.go:3:9: syntax error");
        } finally {
            System.setProperty("java.io.tmpdir", was);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).isEmpty();
        }
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".json-"));
        }
    }

    /** Half the CPU run's -test.benchtime: a count (at least 1x) or a Go duration; anything else unchanged. */
    /** golang/snappy v1.0.0 without testdata/bench: 2 of its 26 benchmarks ran, the others called b.Skip (no line). */
    @Test
    void benchmarksThatReportedNoResultAreNamed() {
        String out = "goos: linux\ngoarch: amd64\npkg: github.com/golang/snappy\ncpu: AMD EPYC\n"
                + "BenchmarkRandomEncode-2     \t    9091\t     41544 ns/op\t25239.99 MB/s\t       0 B/op\t       0 allocs/op\n"
                + "BenchmarkExtendMatch-2      \t   54909\t      5857 ns/op\t       0 B/op\t       0 allocs/op\n"
                + "BenchmarkSub/small-2 \t 10\t 5 ns/op\nBenchmarkDash-Name-8 \t 10\t 5 ns/op\nPASS\n";
        assertThat(GoCapture.unreported(List.of("BenchmarkRandomEncode", "BenchmarkExtendMatch", "BenchmarkSub",
                "BenchmarkDash-Name"), out)).isEmpty();
        assertThat(GoCapture.unreported(List.of("BenchmarkWordsDecode1e1", "BenchmarkRandomEncode",
                "BenchmarkUFlat0", "BenchmarkUFlat1", "BenchmarkExtendMatch", "BenchmarkZFlat0"), out))
                .isEqualTo("4 of 6 benchmarks (BenchmarkWordsDecode1e1, BenchmarkUFlat0, BenchmarkUFlat1 and 1 more)");
    }

    @Test
    void theHeapRunTakesHalfTheBenchtime() {
        assertThat(GoCapture.heapBenchtime("1s")).isEqualTo("500ms");
        assertThat(GoCapture.heapBenchtime("20x")).isEqualTo("10x");
        assertThat(GoCapture.heapBenchtime("3x")).isEqualTo("2x");
        assertThat(GoCapture.heapBenchtime("1x")).isEqualTo("1x");
        assertThat(GoCapture.heapBenchtime("1.5s")).isEqualTo("750ms");
        assertThat(GoCapture.heapBenchtime("1h30m")).isEqualTo("45m");
        assertThat(GoCapture.heapBenchtime("2m")).isEqualTo("1m");
        assertThat(GoCapture.heapBenchtime("1m")).isEqualTo("30s");
        assertThat(GoCapture.heapBenchtime(".5s")).isEqualTo("250ms");
        assertThat(GoCapture.heapBenchtime("3us")).isEqualTo("1500ns");
        assertThat(GoCapture.heapBenchtime("1\u00b5s")).isEqualTo("500ns");
        assertThat(GoCapture.heapBenchtime("200ms")).isEqualTo("100ms");
        for (String odd : List.of("1sec", "x", "s", "", "0s", "-1s", "1s2")) {
            assertThat(GoCapture.heapBenchtime(odd)).as(odd).isEqualTo(odd);
        }
        assertThat(new GoCapture.Request(Path.of("m"), Path.of("o"), ".", "2s", true).heapBenchtime()).isEqualTo("1s");
        assertThat(new GoCapture.Request(Path.of("m"), Path.of("o"), ".", "2s", true, List.of(), false, null, "2s")
                .heapBenchtime()).isEqualTo("2s");
    }

    /** Packages a (a benchmark), b (a test, no benchmark) and c (a benchmark). */
    private static Path threePackages(Path mod) throws IOException {
        Files.createDirectories(mod.resolve("b"));
        Files.createDirectories(mod.resolve("c"));
        Files.writeString(mod.resolve("go.mod"), "module example.com/m\n\ngo 1.22\n");
        Files.writeString(mod.resolve("a.go"), "package a\n\nfunc A(n int) int { s := 0; for i := 0; i < n; i++ "
                + "{ s += i * i }; return s }\n");
        Files.writeString(mod.resolve("a_test.go"), "package a\n\nimport \"testing\"\n\nvar sink int\n\n"
                + "func BenchmarkA(b *testing.B) { for i := 0; i < b.N; i++ { sink += A(1 << 16) } }\n");
        Files.writeString(mod.resolve("b/b.go"), "package b\n\nfunc B() int { return 2 }\n");
        Files.writeString(mod.resolve("b/b_test.go"), "package b\n\nimport \"testing\"\n\n"
                + "func TestB(t *testing.T) { if B() != 2 { t.Fatal(B()) } }\n");
        Files.writeString(mod.resolve("c/c.go"), "package c\n\nfunc C(n int) int { s := 1; for i := 1; i < n; i++ "
                + "{ s ^= s*31 + i }; return s }\n");
        Files.writeString(mod.resolve("c/c_test.go"), "package c\n\nimport \"testing\"\n\nvar sink int\n\n"
                + "func BenchmarkC(b *testing.B) { for i := 0; i < b.N; i++ { sink += C(1 << 16) } }\n");
        return mod;
    }

    @Test
    void withoutBenchmarksOnlyTheMainBinaryIsBuiltAndDisassembled(@TempDir Path out) throws Exception {
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(orders, out, null, "1s", true));
        List<String> cmds = r.commands();
        assertThat(cmds).noneMatch(c -> c.startsWith("go test")).noneMatch(c -> c.contains("-test.bench"));
        // built once, with the diagnostic flags: it compiles internal/pricing too, so no other build
        assertThat(cmds.stream().filter(c -> c.startsWith("go build"))).singleElement().asString()
                .startsWith("go build -o ").contains("-m=2 -json=0,file:");
        // the main binary holds the module's other package too
        assertThat(Files.readString(out.resolve("objdump-1.txt")))
                .contains("TEXT example.com/orders/internal/pricing.", "TEXT main.");
        assertThat(out.resolve("objdump-2.txt")).doesNotExist();
        assertThat(out.resolve("m2.txt")).isNotEmptyFile();
        assertThat(out.resolve("bce.txt")).isNotEmptyFile();
    }

    /**
     * tidwall/btree's defect: a generic function that only a benchmark instantiates is compiled in the test build
     * alone, so its -m=2, check_bce and -json facts come from there. A package compiled both as its test variant and
     * plainly (for a program) keeps one section, the test variant's, and its -json files; a package that no binary
     * compiles gets the one go build.
     */
    @Test
    void compilerOutputComesFromTheTestBuildsOncePerPackage(@TempDir Path dir) throws Exception {
        Path mod = dir.resolve("m");
        Files.createDirectories(mod.resolve("cmd/tool"));
        Files.createDirectories(mod.resolve("extra"));
        Files.writeString(mod.resolve("go.mod"), "module example.com/g\n\ngo 1.22\n");
        Files.writeString(mod.resolve("g.go"), "package g\n\n// Pick sums xs[i] of every index in idx.\n"
                + "func Pick[T int | float64](xs []T, idx []int) T {\n\tvar s T\n\tfor _, i := range idx {\n"
                + "\t\ts += xs[i]\n\t}\n\treturn s\n}\n\nfunc Twice(n int) int { return 2 * n }\n");
        Files.writeString(mod.resolve("g_test.go"), "package g\n\nimport \"testing\"\n\nvar sink float64\n\n"
                + "func BenchmarkPick(b *testing.B) {\n\txs := []float64{1, 2, 3}\n\tidx := []int{2, 0, 1}\n"
                + "\tfor i := 0; i < b.N; i++ {\n\t\tsink += Pick(xs, idx)\n\t}\n}\n");
        Files.writeString(mod.resolve("cmd/tool/main.go"), "package main\n\nimport \"example.com/g\"\n\n"
                + "func main() { println(g.Twice(len(\"ab\"))) }\n");
        Files.writeString(mod.resolve("extra/extra.go"), "package extra\n\nfunc Thrice(n int) int { return 3 * n }\n");
        Path out = dir.resolve("out");
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(mod, out, ".", "2x", true));

        String m2 = Files.readString(out.resolve("m2.txt"));
        assertThat(m2).contains("./g.go:4:6: can inline Pick[go.shape.float64] with cost ",
                "./g_test.go:11:15: inlining call to Pick[go.shape.float64]",
                "# example.com/g/extra\nextra/extra.go:3:6: can inline Thrice");
        assertThat(Files.readString(out.resolve("bce.txt"))).contains("./g.go:7:10: Found IsInBounds");
        // cmd/tool's build compiled example.com/g plainly: its section and -json files are not kept
        assertThat(m2.lines().filter(l -> l.startsWith("# example.com/g"))).containsExactly(
                "# example.com/g [example.com/g.test]", "# example.com/g.test", "# example.com/g/cmd/tool",
                "# example.com/g/extra");
        assertThat(m2.lines().filter(l -> l.startsWith("./g.go:12:6: can inline Twice"))).hasSize(1);
        assertThat(out.resolve("json/example.com%2Fg/g_test.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("json/example.com%2Fg/g.json"))).contains("\"line\":4,");
        assertThat(out.resolve("json/example.com%2Fg%2Fextra/extra.json")).isRegularFile();

        List<String> builds = r.commands().stream().filter(c -> c.startsWith("go build") || c.startsWith("go test"))
                .toList();
        assertThat(builds).hasSize(3);
        assertThat(builds.get(0)).startsWith("go test -c -o ").endsWith(" example.com/g");
        assertThat(builds.get(1)).startsWith("go build -o ").endsWith(" example.com/g/cmd/tool");
        assertThat(builds.get(2)).startsWith("go build -gcflags=").endsWith(" example.com/g/extra");
        assertThat(builds).allMatch(c -> c.contains("-gcflags=example.com/g/...=-m=2 -json=0,file:"));
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".json-"));
        }
    }

    @Test
    void diagnosticsAreSplitByMessageForm(@TempDir Path dir) throws Exception {
        String stderr = "# example.com/x\n./a.go:3:6: can inline f with cost 4 as: func() int { return 1 }\n"
                + "./a.go:9:13: Found IsInBounds\n./a.go:10:2: moved to heap: v\n./a.go:11:9: Found IsSliceInBounds\n";
        GoCapture.splitDiagnostics(stderr, dir.resolve("m2"), dir.resolve("bce"));
        assertThat(Files.readAllLines(dir.resolve("m2"))).containsExactly("# example.com/x",
                "./a.go:3:6: can inline f with cost 4 as: func() int { return 1 }", "./a.go:10:2: moved to heap: v");
        assertThat(Files.readAllLines(dir.resolve("bce"))).containsExactly("# example.com/x",
                "./a.go:9:13: Found IsInBounds", "./a.go:11:9: Found IsSliceInBounds");
    }

    /** A main package of test files only (its program file excluded by a build constraint) is not built. */
    @Test
    void aMainPackageWithOnlyTestFilesIsNoProgram(@TempDir Path dir) throws Exception {
        Path mod = dir.resolve("m");
        Files.createDirectories(mod.resolve("cmd/tool"));
        Files.createDirectories(mod.resolve("plugin"));
        Files.writeString(mod.resolve("go.mod"), "module example.com/m\n\ngo 1.22\n");
        Files.writeString(mod.resolve("cmd/tool/main.go"), "package main\n\nfunc main() { println(1) }\n");
        Files.writeString(mod.resolve("plugin/plugin.go"), "//go:build ignore\n\npackage main\n\nfunc main() {}\n");
        Files.writeString(mod.resolve("plugin/plugin_test.go"), "package main\n\nimport \"testing\"\n\n"
                + "func TestX(t *testing.T) {}\n");
        Path out = dir.resolve("out");
        GoCapture.Result r = GoCapture.capture(new GoCapture.Request(mod, out, null, "1s", true));
        assertThat(r.commands().stream().filter(c -> c.startsWith("go build -o")))
                .singleElement().asString().endsWith(" example.com/m/cmd/tool");
        assertThat(Files.readString(out.resolve("objdump-1.txt"))).contains("TEXT main.main");
    }
}
