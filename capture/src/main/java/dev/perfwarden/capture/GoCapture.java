package dev.perfwarden.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real Go toolchain on a module and writes what it prints into a capture folder that
 * {@code perfwarden analyze} reads: {@code m2.txt} ({@code -m=2}), {@code json/} ({@code -json=0,DIR}) and
 * {@code bce.txt} ({@code -d=ssa/check_bce/debug=1}), all from the builds of the binaries below, each built once
 * with those flags (so instances that only tests make have facts too), and one {@code go build} with them of the
 * packages no binary compiled; stderr split by message form ({@link CompilerOutput} puts the builds together);
 * {@code objdump-N.txt} per main package's binary (with benchmarks, or without a main package:
 * per test binary, and main packages without tests); with benchmarks
 * {@code bench-N.txt} and {@code cpu-N.pprof} from one run of that same test binary and {@code mem-N.pprof}
 * from a second, by default half as long run ({@link #heapBenchtime(String)}). N is the binary's number ({@code binN.test}, {@code binN} for a program), the same in every
 * file made from it: a package whose benchmarks matched nothing leaves a gap, never a shifted number. With
 * {@link Request#keepBinaries()} the binaries are built into the capture folder and kept there (the profiles
 * name them as their main mapping: {@code go tool pprof}, {@code perfwarden hot --binary}). {@code capture.json}
 * records the Go version and every command. Each step is announced to {@link Request#progress()} before it runs.
 */
public final class GoCapture {
    /**
     * What to capture. {@code benchRegex} null: no benchmarks. {@code keepBinaries}: build the binaries into
     * {@code out} and keep them (else a temporary folder, deleted). {@code progress} is told each step (one
     * line, no line end) before it runs. {@code heapBenchtime}: the heap profile's run's {@code -test.benchtime}
     * (null: {@link #heapBenchtime(String) half of benchtime}).
     */
    public record Request(Path module, Path out, String benchRegex, String benchtime, boolean objdump,
                          List<String> packages, boolean keepBinaries, Consumer<String> progress,
                          String heapBenchtime) {
        /** {@code packages}: the package patterns to capture (default {@code ./...}). */
        public Request {
            packages = packages == null || packages.isEmpty() ? List.of("./...") : List.copyOf(packages);
            for (String p : packages) {
                if (p.startsWith("-")) { // a pattern is never an option of the go commands it is passed to
                    throw new IllegalArgumentException("package pattern '" + p + "' starts with '-'");
                }
            }
            progress = progress == null ? step -> { } : progress;
            heapBenchtime = heapBenchtime == null && benchtime != null ? GoCapture.heapBenchtime(benchtime) : heapBenchtime;
        }

        public Request(Path module, Path out, String benchRegex, String benchtime, boolean objdump,
                       List<String> packages, boolean keepBinaries, Consumer<String> progress) {
            this(module, out, benchRegex, benchtime, objdump, packages, keepBinaries, progress, null);
        }

        public Request(Path module, Path out, String benchRegex, String benchtime, boolean objdump,
                       List<String> packages) {
            this(module, out, benchRegex, benchtime, objdump, packages, false, null);
        }

        public Request(Path module, Path out, String benchRegex, String benchtime, boolean objdump) {
            this(module, out, benchRegex, benchtime, objdump, List.of());
        }
    }

    /**
     * A finished capture. {@code binaries}: the binaries kept in {@code dir} ({@link Request#keepBinaries()}; else
     * none), which are no capture: the profiles and {@code objdump-N.txt} were made from them.
     */
    public record Result(Path dir, String goVersion, String modulePath, List<String> commands, List<Path> binaries) {
        public Result {
            binaries = List.copyOf(binaries);
        }
    }

    private static final long TIMEOUT_MINUTES = 30;

    private GoCapture() {
    }

    private static String[] cat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    /** For {@code perfwarden test --regen}: captures a fixture module into {@code capturesRoot/go<version>/}. */
    public static Path captureFixture(Path fixture, Path capturesRoot) throws IOException, GoToolchainException {
        String version = goVersion(fixture);
        Path out = capturesRoot.resolve(version);
        // a fixture's heap profile is made once and read by every test: the full second, not scan's half
        capture(new Request(fixture, out, hasBenchmarks(fixture) ? "." : null, "1s", true, List.of(), false, null,
                "1s"));
        return out;
    }

    /** The -gcflags value of every build: -m=2, -json and check_bce together, for the module's packages only. */
    static String gcflags(String modulePath, Path jsonDir) {
        return modulePath + "/...=-m=2 -json=0," + jsonDir.toUri() + " -d=ssa/check_bce/debug=1";
    }

    public static Result capture(Request req) throws IOException, GoToolchainException {
        Path module = req.module().toAbsolutePath().normalize();
        if (!Files.isRegularFile(module.resolve("go.mod"))) {
            throw new GoToolchainException(module + ": no go.mod (perfwarden scan needs a Go module folder)");
        }
        String version = goVersion(module);
        Path out = req.out().toAbsolutePath().normalize();
        Files.createDirectories(out);
        clearNumberedOutputs(out);
        Path work = req.keepBinaries() ? out : Files.createTempDirectory(tempRoot(), "perfwarden-scan");
        Progress progress = new Progress(req.progress());
        try {
            List<String> commands = new ArrayList<>();
            String modPath = run(module, commands, "go", "list", "-m").stdout.strip();
            List<Pkg> pkgs = packages(module, commands, req.packages());
            Map<Pkg, Bin> bins = compile(module, commands, modPath, pkgs, req, work, out, progress);
            if (req.objdump()) {
                String symRe = "^(main\\.|" + Pattern.quote(modPath) + "[./])";
                int i = 0;
                for (Bin bin : bins.values()) {
                    progress.step(String.format(Locale.ROOT, "go tool objdump %s (%d/%d)", bin.path().getFileName(),
                            ++i, bins.size()));
                    Files.writeString(out.resolve("objdump-" + bin.n() + ".txt"),
                            run(module, commands, "go", "tool", "objdump", "-s", symRe, bin.path().toString()).stdout);
                }
            }
            if (req.benchRegex() != null) {
                benchmarks(commands, bins, req, out, progress);
            }
            progress.step("captured");
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("go", version);
            meta.put("module", modPath);
            meta.put("source", module.toString());
            meta.put("commands", commands);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                    out.resolve("capture.json").toFile(), meta);
            return new Result(out, version, modPath, commands, req.keepBinaries()
                    ? bins.values().stream().map(Bin::path).toList() : List.of());
        } finally {
            if (!req.keepBinaries()) {
                deleteTree(work);
            }
        }
    }

    /** The packages {@code patterns} name, as {@code go list} gives them. */
    private static List<Pkg> packages(Path module, List<String> commands, List<String> patterns)
            throws IOException, GoToolchainException {
        List<Pkg> pkgs = new ArrayList<>();
        for (String line : run(module, commands, cat(List.of("go", "list", "-f",
                "{{.ImportPath}}|{{.Name}}|{{len .GoFiles}}|{{len .TestGoFiles}}|{{len .XTestGoFiles}}|{{.Dir}}"),
                patterns)).stdout.split("\n")) {
            if (!line.isBlank()) {
                // a main package is a program only with non-test files for this platform (xxhash's dynamic/
                // holds a test and a //go:build ignore file: `go build` of it fails)
                String[] f = line.strip().split("\\|", 6);
                pkgs.add(new Pkg(f[0], f[1].equals("main") && Integer.parseInt(f[2]) > 0,
                        Integer.parseInt(f[3]) + Integer.parseInt(f[4]) > 0, Integer.parseInt(f[2]) > 0, Path.of(f[5])));
            }
        }
        return pkgs;
    }

    /**
     * Builds the binaries and writes {@code m2.txt}, {@code bce.txt} and {@code json/} from those same builds: each
     * test binary and program is built once, with the diagnostic flags ({@link #gcflags}: they change no code;
     * objdump of both is the same instructions at the same addresses, only the build info that records the flags
     * is longer), so a generic instance that only tests or benchmarks make has its facts. The packages none of the
     * binaries compiled get one {@code go build} with the flags; none when the binaries cover every package.
     */
    private static Map<Pkg, Bin> compile(Path module, List<String> commands, String modPath, List<Pkg> pkgs,
                                         Request req, Path work, Path out, Progress progress)
            throws IOException, GoToolchainException {
        CompilerOutput cc = new CompilerOutput(out);
        try {
            String flags = gcflags(modPath, cc.jsonDir());
            Map<Pkg, Bin> bins = binaries(module, commands, pkgs, req, work, progress, flags, cc);
            build(module, commands, pkgs, bins, req.packages(), flags, cc, progress);
            cc.write(out);
            return bins;
        } finally {
            cc.delete();
        }
    }

    /**
     * One {@code go build} with the diagnostic flags of the packages no binary compiled (without binaries: of the
     * patterns, as one build of everything). The -json folder is the binaries' own, so the build cache is shared.
     */
    private static void build(Path module, List<String> commands, List<Pkg> pkgs, Map<Pkg, Bin> bins,
                              List<String> patterns, String flags, CompilerOutput cc, Progress progress)
            throws IOException, GoToolchainException {
        List<String> args = patterns;
        int n = pkgs.size();
        if (!bins.isEmpty()) {
            java.util.Set<String> covered = compiledBy(module, commands, bins);
            List<Pkg> rest = pkgs.stream().filter(p -> p.compiles() && !covered.contains(p.importPath())).toList();
            if (rest.isEmpty()) {
                return;
            }
            args = rest.stream().map(Pkg::importPath).toList();
            n = rest.size();
        }
        progress.step("go build -gcflags='-m=2 -json=0,DIR -d=ssa/check_bce/debug=1' " + String.join(" ", args)
                + " (" + n + (n == 1 ? " package)" : " packages)"));
        List<String> cmd = new ArrayList<>(List.of("go", "build"));
        String only = args.size() == 1 ? args.get(0) : null;
        if (pkgs.stream().anyMatch(p -> p.main() && p.importPath().equals(only))) {
            cmd.addAll(List.of("-o", java.io.File.separatorChar == '/' ? "/dev/null" : "NUL")); // no program in the module
        }
        cc.add(flagged(module, commands, cmd, flags, args));
    }

    /** The packages the binaries' builds compiled: {@code go list -deps} (test binaries: {@code -test}). */
    private static java.util.Set<String> compiledBy(Path module, List<String> commands, Map<Pkg, Bin> bins)
            throws IOException, GoToolchainException {
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (boolean test : new boolean[]{true, false}) {
            List<String> of = bins.entrySet().stream().filter(e -> e.getValue().test() == test)
                    .map(e -> e.getKey().importPath()).toList();
            if (of.isEmpty()) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of("go", "list", "-deps"));
            if (test) {
                cmd.add("-test");
            }
            cmd.addAll(List.of("-f", "{{.ImportPath}}"));
            for (String line : run(module, commands, cat(cmd, of)).stdout.split("\n")) {
                // "P [X.test]": P compiled for X's test binary
                covered.add(line.strip().split(" ", 2)[0]);
            }
        }
        return covered;
    }

    /**
     * Runs {@code cmd -gcflags=flags args} and returns its stderr. On failure that stderr is mostly diagnostics,
     * so the same command without the flags is run to say why.
     */
    private static String flagged(Path module, List<String> commands, List<String> cmd, String flags,
                                  List<String> args) throws IOException, GoToolchainException {
        List<String> withFlags = new ArrayList<>(cmd);
        withFlags.add("-gcflags=" + flags);
        Proc p = exec(module, commands, cat(withFlags, args));
        if (p.exit != 0) {
            String[] plain = cat(cmd, args);
            Proc q = exec(module, commands, plain);
            String why = q.exit != 0 ? (q.stderr.isBlank() ? q.stdout : q.stderr) : p.stderr;
            throw new GoToolchainException("'" + String.join(" ", plain) + "' failed in " + module + ":\n"
                    + tail(why));
        }
        return p.stderr;
    }

    /**
     * The binaries objdump reads. With benchmarks: one test binary per package with tests, which the benchmarks
     * then run too (built once), and main packages without tests. Without: the main packages' binaries only (no
     * test dependencies to compile and link), or, in a module without a main package, the test binaries. Each
     * binary's number N ({@code binN.test}, {@code binN}) names every file made from it. Each is built with the
     * diagnostic flags; its stderr and -json files go to {@code cc}.
     */
    private static Map<Pkg, Bin> binaries(Path module, List<String> commands, List<Pkg> pkgs, Request req, Path work,
                                          Progress progress, String flags, CompilerOutput cc)
            throws IOException, GoToolchainException {
        boolean anyMain = pkgs.stream().anyMatch(Pkg::main);
        boolean testBinaries = req.benchRegex() != null || !anyMain;
        List<Pkg> built = pkgs.stream().filter(p -> testBinaries && p.tests() || p.main() && req.objdump()).toList();
        Map<Pkg, Bin> bins = new LinkedHashMap<>();
        int n = 0;
        for (Pkg p : built) {
            boolean test = testBinaries && p.tests();
            Path bin = work.resolve("bin" + (++n) + (test ? ".test" : ""));
            progress.step(String.format(Locale.ROOT, "go %s %s (%d/%d)", test ? "test -c" : "build", p.importPath(), n,
                    built.size()));
            cc.add(flagged(module, commands, test ? List.of("go", "test", "-c", "-o", bin.toString())
                    : List.of("go", "build", "-o", bin.toString()), flags, List.of(p.importPath())));
            if (Files.isRegularFile(bin)) {
                bins.put(p, new Bin(n, bin, test));
            }
        }
        return bins;
    }

    /**
     * Runs each test binary's benchmarks twice: {@code bench-N.txt} (B/op and allocs/op included) and
     * {@code cpu-N.pprof}, then {@code mem-N.pprof} in a run of {@link Request#heapBenchtime()}, N the binary's
     * number (as in {@code objdump-N.txt}). The heap run's output is not kept: its iteration counts and ns/op are
     * those of a shorter run slowed by the profiler's sampling rate.
     */
    private static void benchmarks(List<String> commands, Map<Pkg, Bin> bins, Request req, Path out,
                                   Progress progress) throws IOException, GoToolchainException {
        List<Map.Entry<Pkg, Bin>> tests = bins.entrySet().stream().filter(e -> e.getValue().test()).toList();
        int k = 0;
        for (Map.Entry<Pkg, Bin> e : tests) {
            int n = e.getValue().n();
            String pkg = e.getKey().importPath();
            String bin = e.getValue().path().toString();
            List<String> common = List.of(bin, "-test.run=^$", "-test.bench=" + req.benchRegex(), "-test.benchmem",
                    "-test.count=1");
            // CPU and heap profiles in separate runs: a low -memprofilerate costs CPU (runtime.profilealloc
            // took 7-14 % of the CPU samples when both were taken in one run)
            List<String> cpu = new ArrayList<>(common);
            Path cpuProfile = out.resolve("cpu-" + n + ".pprof");
            cpu.add(3, "-test.benchtime=" + req.benchtime());
            cpu.add("-test.cpuprofile=" + cpuProfile);
            progress.step(String.format(Locale.ROOT, "benchmarks with a CPU profile: %s (%d/%d)", pkg, ++k, tests.size()));
            Proc r = run(e.getKey().dir(), commands, cpu.toArray(String[]::new));
            if (!BENCH_RESULT.matcher(r.stdout).find()) {
                // no benchmark of this package matched: its output is a bare PASS and its profile empty,
                // neither is a capture; no heap run either
                Files.deleteIfExists(cpuProfile);
                progress.step("no benchmark matched in " + pkg + ": no profiles of it");
                continue;
            }
            Files.writeString(out.resolve("bench-" + n + ".txt"), r.stdout);
            String quiet = unreported(listed(e.getKey().dir(), commands, bin, req.benchRegex()), r.stdout);
            if (!quiet.isEmpty()) {
                progress.step(quiet + " in " + pkg + " reported no result (b.Skip, e.g. for missing test data, or"
                        + " a failure): their code is not in the profiles");
            }
            List<String> mem = new ArrayList<>(common);
            mem.add(3, "-test.benchtime=" + req.heapBenchtime());
            mem.add("-test.memprofile=" + out.resolve("mem-" + n + ".pprof"));
            mem.add("-test.memprofilerate=512");
            progress.step(String.format(Locale.ROOT, "benchmarks with a heap profile (-test.benchtime=%s): %s (%d/%d)",
                    req.heapBenchtime(), pkg, k, tests.size()));
            run(e.getKey().dir(), commands, mem.toArray(String[]::new));
        }
    }

    /**
     * The top-level benchmarks of a test binary that match {@code regex} ({@code -test.list}: names of tests,
     * benchmarks, examples and fuzz targets, one per line; of a {@code -test.bench} regex with sub-benchmark parts,
     * the top-level part before its first {@code /}); empty when the binary cannot list them.
     */
    private static List<String> listed(Path dir, List<String> commands, String bin, String regex) throws IOException {
        String top = regex.contains("/") ? regex.substring(0, regex.indexOf('/')) : regex;
        try {
            Proc p = exec(dir, commands, bin, "-test.list=" + (top.isEmpty() ? "." : top));
            return p.exit() != 0 ? List.of() : p.stdout().lines().map(String::strip)
                    .filter(l -> l.startsWith("Benchmark")).toList();
        } catch (GoToolchainException e) {
            return List.of();
        }
    }

    /**
     * Of the {@code listed} benchmarks, those without a result line in {@code benchOutput} (a benchmark that called
     * {@code b.Skip} prints nothing without {@code -test.v}: golang/snappy's 24 data benchmarks, skipped when
     * {@code testdata/bench} is missing, left a report of 2 benchmarks that said nothing of the others), as
     * {@code "24 of 26 benchmarks (BenchmarkA, BenchmarkB, BenchmarkC and 21 more)"}; empty when all reported.
     */
    static String unreported(List<String> listed, String benchOutput) {
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (String l : benchOutput.split("\n")) {
            Matcher m = RESULT_NAME.matcher(l);
            if (m.lookingAt()) {
                reported.add(m.group(1));
            }
        }
        List<String> quiet = listed.stream().filter(b -> !reported.contains(b)).toList();
        if (quiet.isEmpty()) {
            return "";
        }
        return quiet.size() + " of " + listed.size() + " benchmarks (" + String.join(", ",
                quiet.subList(0, Math.min(3, quiet.size()))) + (quiet.size() > 3 ? " and " + (quiet.size() - 3)
                + " more" : "") + ")";
    }

    /** A result line's top-level benchmark: the name before a sub-benchmark's {@code /} or the {@code -GOMAXPROCS}. */
    private static final Pattern RESULT_NAME = Pattern.compile("(Benchmark[^\\s/]*?)(?:-\\d+)?(?:/\\S*)?\\s+\\d+\\s");

    /** A Go duration's units, in nanoseconds (time.ParseDuration's; {@code µs} in both spellings). */
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

    /**
     * The heap profile's run's {@code -test.benchtime} by default: half the CPU run's ({@code 1s}: {@code 500ms};
     * {@code 20x}: {@code 10x}, at least {@code 1x}); a value Go would not take as a duration or count is kept as it
     * is (go test reports it). Half, not less: a benchmark's one-time allocations (setup, sync.Pool fills, the b.N=1
     * round) weigh more the shorter the run: on lz4 v4.1.33 (ten of its benchmarks), a 200 ms heap run instead of 1 s
     * moved 24 points of alloc_space (go tool pprof -top -lines) from reader.go:207 (per operation) to a pool's New
     * (blocks.go:25), a 500 ms run 3.6 points; BurntSushi/toml's top lines moved at most 4.5 points at 500 ms, less
     * than two 1 s runs differed on a loaded machine (16.8).
     */
    public static String heapBenchtime(String benchtime) {
        String t = benchtime.strip();
        if (t.matches("\\d+x")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return Math.max(1, (n + 1) / 2) + "x";
        }
        java.util.regex.Matcher m = DURATION_PART.matcher(t);
        java.math.BigDecimal ns = java.math.BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            ns = ns.add(new java.math.BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(java.math.BigDecimal.valueOf(UNITS.get(m.group(2)))));
            end = m.end();
        }
        if (end == 0 || end != t.length() || ns.signum() <= 0) {
            return benchtime;
        }
        long half = ns.divide(java.math.BigDecimal.valueOf(2), 0, java.math.RoundingMode.CEILING).longValueExact();
        for (String u : List.of("h", "m", "s", "ms", "us")) {
            long unit = UNITS.get(u);
            if (half % unit == 0) {
                return half / unit + u;
            }
        }
        return half + "ns";
    }

    /** Where temporary folders go: {@code java.io.tmpdir} as it is now (a test may point it elsewhere). */
    public static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A built binary: its number N, its path, whether it is a test binary. */
    private record Bin(int n, Path path, boolean test) {
    }

    /** Announces steps with the time since the capture began ({@code 1m05s}). */
    private static final class Progress {
        private final Consumer<String> sink;
        private final long start = System.nanoTime();

        Progress(Consumer<String> sink) {
            this.sink = sink;
        }

        void step(String what) {
            sink.accept(elapsed() + " " + what);
        }

        private String elapsed() {
            long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            return s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
    }

    /** The files a capture numbers by binary: {@code objdump-N.txt}, {@code bench-N.txt}, profiles, binaries. */
    private static final Pattern NUMBERED = Pattern.compile("(objdump|bench)-\\d+\\.txt|(cpu|mem)-\\d+\\.pprof|bin\\d+(\\.test)?");

    /**
     * Deletes the numbered files of an earlier capture into the same folder: a package without matching benchmarks
     * leaves a gap in the numbers, which an old {@code cpu-N.pprof} of another binary must not fill.
     */
    private static void clearNumberedOutputs(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.filter(f -> NUMBERED.matcher(f.getFileName().toString()).matches()
                    && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.delete(f);
            }
        }
    }

    /** A result line of {@code go test -bench} (name, iterations, ns/op). */
    private static final Pattern BENCH_RESULT = Pattern.compile("(?m)^Benchmark\\S*\\s+\\d+\\s+\\S+ ns/op");

    /** {@code compiles}: the package has non-test files for this platform (a plain build compiles something). */
    private record Pkg(String importPath, boolean main, boolean tests, boolean compiles, Path dir) {
    }

    /**
     * Splits the one build's stderr by message form: check_bce's {@code Found IsInBounds} /
     * {@code Found IsSliceInBounds} lines to {@code bce}, everything else ({@code -m=2}) to {@code m2}; the
     * {@code # package} headers go to both.
     */
    static void splitDiagnostics(String stderr, Path m2, Path bce) throws IOException {
        StringBuilder a = new StringBuilder(stderr.length());
        StringBuilder b = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# ")) {
                a.append(line).append('\n');
                b.append(line).append('\n');
            } else if (line.endsWith(": Found IsInBounds") || line.endsWith(": Found IsSliceInBounds")) {
                b.append(line).append('\n');
            } else {
                a.append(line).append('\n');
            }
        }
        Files.writeString(m2, a);
        Files.writeString(bce, b);
    }

    /** Writes {@code go tool objdump -s symbolRegex binary} (the Go toolchain on the PATH) to {@code out}. */
    public static void objdump(Path binary, String symbolRegex, Path out) throws IOException, GoToolchainException {
        Path bin = binary.toAbsolutePath();
        Files.writeString(out, run(bin.getParent(), new ArrayList<>(), "go", "tool", "objdump", "-s", symbolRegex,
                bin.toString()).stdout);
    }

    /** {@code go1.26.8}, from {@code go env GOVERSION}. */
    public static String goVersion(Path dir) throws IOException, GoToolchainException {
        return run(dir, new ArrayList<>(), "go", "env", "GOVERSION").stdout.strip();
    }

    static boolean hasBenchmarks(Path module) throws IOException {
        try (Stream<Path> s = Files.walk(module)) {
            return s.filter(p -> p.toString().endsWith("_test.go")).anyMatch(p -> {
                try {
                    return Files.readString(p).contains("func Benchmark");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private record Proc(int exit, String stdout, String stderr) {
    }

    private static Proc run(Path dir, List<String> commands, String... cmd)
            throws IOException, GoToolchainException {
        Proc p = exec(dir, commands, cmd);
        if (p.exit != 0) {
            throw new GoToolchainException("'" + String.join(" ", cmd) + "' failed in " + dir + ":\n"
                    + tail(p.stderr.isBlank() ? p.stdout : p.stderr));
        }
        return p;
    }

    private static Proc exec(Path dir, List<String> commands, String... cmd) throws IOException, GoToolchainException {
        commands.add(String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Path errFile = Files.createTempFile("perfwarden-go", ".err");
        Path outFile = Files.createTempFile("perfwarden-go", ".out");
        pb.redirectError(errFile.toFile()).redirectOutput(outFile.toFile());
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            throw new GoToolchainException("cannot run '" + cmd[0] + "': " + e.getMessage()
                    + " (is Go installed and on the PATH? Without Go, capture the output yourself and use "
                    + "'perfwarden analyze')");
        }
        try {
            if (!proc.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
                throw new GoToolchainException("'" + String.join(" ", cmd) + "' did not finish in "
                        + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GoToolchainException("interrupted while running " + cmd[0]);
        }
        try {
            return new Proc(proc.exitValue(), CommandOutput.read(outFile, CommandOutput.MAX, "standard output", cmd),
                    CommandOutput.read(errFile, CommandOutput.MAX, "standard error", cmd));
        } finally {
            Files.deleteIfExists(errFile);
            Files.deleteIfExists(outFile);
        }
    }

    private static String tail(String s) {
        String[] lines = s.strip().split("\n");
        int from = Math.max(0, lines.length - 30);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            sb.append("  ").append(lines[i]).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
