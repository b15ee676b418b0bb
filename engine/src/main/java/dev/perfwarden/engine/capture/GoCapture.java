package dev.perfwarden.engine.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real Go toolchain on a module and writes what it prints into a capture folder that
 * {@code perfwarden analyze} reads: {@code m2.txt} ({@code -gcflags=-m=2}), {@code json/}
 * ({@code -json=0,DIR}), {@code bce.txt}, {@code objdump-N.txt} per main package (or test binary),
 * and with benchmarks {@code bench-N.txt}, {@code cpu-N.pprof}, {@code mem-N.pprof}.
 * {@code capture.json} records the Go version and every command.
 */
public final class GoCapture {
    /** What to capture. {@code benchRegex} null: no benchmarks. {@code packages}: patterns to build (default {@code ./...}). */
    public record Request(Path module, Path out, String benchRegex, String benchtime, boolean objdump,
                          List<String> packages) {
        public Request {
            packages = packages == null || packages.isEmpty() ? List.of("./...") : List.copyOf(packages);
        }

        public Request(Path module, Path out, String benchRegex, String benchtime, boolean objdump) {
            this(module, out, benchRegex, benchtime, objdump, List.of());
        }
    }

    /** A finished capture. */
    public record Result(Path dir, String goVersion, String modulePath, List<String> commands) {
    }

    private static final long TIMEOUT_MINUTES = 30;

    private GoCapture() {
    }

    /** For {@code perfwarden test --regen}: captures a fixture module into {@code capturesRoot/go<version>/}. */
    public static Path captureFixture(Path fixture, Path capturesRoot) throws IOException, GoToolchainException {
        String version = goVersion(fixture);
        Path out = capturesRoot.resolve(version);
        capture(new Request(fixture, out, hasBenchmarks(fixture) ? "." : null, "1s", true));
        return out;
    }

    public static Result capture(Request req) throws IOException, GoToolchainException {
        Path module = req.module().toAbsolutePath().normalize();
        if (!Files.isRegularFile(module.resolve("go.mod"))) {
            throw new GoToolchainException(module + ": no go.mod (perfwarden scan needs a Go module folder)");
        }
        String version = goVersion(module);
        Path out = req.out().toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("perfwarden-scan");
        List<String> commands = new ArrayList<>();
        String modPath = run(module, commands, null, "go", "list", "-m").stdout.strip();
        List<String[]> pkgs = new ArrayList<>();
        for (String line : run(module, commands, null, cat(List.of("go", "list", "-f",
                "{{.ImportPath}} {{.Name}} {{len .TestGoFiles}}"), req.packages())).stdout.split("\n")) {
            if (!line.isBlank()) {
                pkgs.add(line.trim().split(" "));
            }
        }
        String gcpat = modPath + "/...";
        build(module, commands, out.resolve("m2.txt"), cat(List.of("go", "build", "-gcflags=" + gcpat + "=-m=2"),
                req.packages()));
        Path json = out.resolve("json");
        deleteTree(json);
        Files.createDirectories(json);
        build(module, commands, null, cat(List.of("go", "build", "-gcflags=" + gcpat + "=-json=0," + json.toUri()),
                req.packages()));
        build(module, commands, out.resolve("bce.txt"), cat(List.of("go", "build",
                "-gcflags=" + gcpat + "=-d=ssa/check_bce/debug=1"), req.packages()));
        if (req.objdump()) {
            String symRe = "^(main\\.|" + Pattern.quote(modPath) + "[./])";
            int n = 0;
            for (String[] p : pkgs) {
                boolean main = p[1].equals("main");
                boolean tests = Integer.parseInt(p[2]) > 0;
                if (!main && !tests) {
                    continue;
                }
                n++;
                Path bin = work.resolve("bin" + n);
                if (main) {
                    run(module, commands, null, "go", "build", "-trimpath", "-o", bin.toString(), p[0]);
                } else {
                    run(module, commands, null, "go", "test", "-c", "-trimpath", "-o", bin.toString(), p[0]);
                }
                Files.writeString(out.resolve("objdump-" + n + ".txt"),
                        run(module, commands, null, "go", "tool", "objdump", "-s", symRe, bin.toString()).stdout);
            }
        }
        if (req.benchRegex() != null) {
            int n = 0;
            for (String[] p : pkgs) {
                if (Integer.parseInt(p[2]) == 0) {
                    continue;
                }
                n++;
                Proc r = run(module, commands, null, "go", "test", "-run=^$", "-bench=" + req.benchRegex(),
                        "-benchmem", "-benchtime=" + req.benchtime(), "-count=1",
                        "-cpuprofile=" + out.resolve("cpu-" + n + ".pprof"),
                        "-memprofile=" + out.resolve("mem-" + n + ".pprof"), "-memprofilerate=512",
                        "-o", work.resolve("bench" + n + ".test").toString(), p[0]);
                Files.writeString(out.resolve("bench-" + n + ".txt"), r.stdout);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("go", version);
        meta.put("module", modPath);
        meta.put("source", module.toString());
        meta.put("commands", commands);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("capture.json").toFile(),
                meta);
        deleteTree(work);
        return new Result(out, version, modPath, commands);
    }

    private static String[] cat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    /** {@code go1.26.8}, from {@code go env GOVERSION}. */
    public static String goVersion(Path dir) throws IOException, GoToolchainException {
        return run(dir, new ArrayList<>(), null, "go", "env", "GOVERSION").stdout.strip();
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

    /** A build whose stderr is the capture; a failed build is an error quoting the compiler. */
    private static void build(Path dir, List<String> commands, Path stderrTo, String... cmd)
            throws IOException, GoToolchainException {
        Proc p = exec(dir, commands, cmd);
        if (p.exit != 0) {
            throw new GoToolchainException("'" + String.join(" ", cmd) + "' failed in " + dir + ":\n" + tail(p.stderr));
        }
        if (stderrTo != null) {
            Files.writeString(stderrTo, p.stderr);
        }
    }

    private static Proc run(Path dir, List<String> commands, Path unused, String... cmd)
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
        Proc p = new Proc(proc.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
        Files.deleteIfExists(errFile);
        Files.deleteIfExists(outFile);
        return p;
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
