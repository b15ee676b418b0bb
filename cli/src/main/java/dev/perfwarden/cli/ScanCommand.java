package dev.perfwarden.cli;

import dev.perfwarden.capture.GoCapture;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code perfwarden scan [MODULE_DIR]}: runs the real Go toolchain on a module, then analyses what it printed. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Build a Go module with the real toolchain and analyse its output.",
                "Builds each test binary once (main packages: their binary) with -gcflags='-m=2 -json=0,DIR " +
                "-d=ssa/check_bce/debug=1' (so generic instances only tests make have facts; packages no binary " +
                "compiles get one go build with those flags), reads it with go tool objdump, and with --bench " +
                "runs that test binary twice: once with a CPU profile, once, half as long by default, with a " +
                "heap profile (-memprofilerate=512 would skew the CPU profile); then analyses it. Without --keep " +
                "the captures go to a temporary folder, deleted at the end. " +
                "Each step (package, step, time since the start) is one line on standard error, terminal or not " +
                "(CI logs too); standard output holds the report only. Needs go on the PATH."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODULE_DIR", defaultValue = ".",
            description = "The Go module folder (with go.mod); default: the current folder.")
    Path module;

    @Option(names = "--keep", paramLabel = "DIR",
            description = {"Keep the captured outputs in DIR (re-analyse later with 'perfwarden analyze DIR'), " +
                    "with the binaries they were made from: binN.test (binN for a program) next to objdump-N.txt, " +
                    "bench-N.txt, cpu-N.pprof and mem-N.pprof of the same N, for 'perfwarden hot DIR/cpu-N.pprof " +
                    "--disasm RE --binary DIR/binN.test' and 'go tool pprof'. Numbered files of an earlier scan " +
                    "into DIR are deleted first."})
    Path keep;

    @Option(names = "--bench", paramLabel = "REGEX",
            description = "Also run the benchmarks matching REGEX with CPU and memory profiles; findings are then weighed by hotness.")
    String bench;

    @Option(names = "--benchtime", paramLabel = "T", defaultValue = "1s", description = "go test -benchtime (default: ${DEFAULT-VALUE}).")
    String benchtime;

    @Option(names = "--heap-benchtime", paramLabel = "T",
            description = {"go test -benchtime of the heap profile's run (default: half of --benchtime: 1s gives " +
                    "500ms, 20x gives 10x). B/op and allocs/op come from the CPU profile's run (bench-N.txt) " +
                    "either way. A shorter heap run weighs one-time allocations (setup, sync.Pool fills) more."})
    String heapBenchtime;

    @Mixin
    AnalysisOptions analysis;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(module)) {
            throw new UserException(module + ": not a directory");
        }
        Session session = analysis.open(List.of(module.toString()));
        session.ruleSet(); // a refused or broken pack stops before the build
        Path dir = keep != null ? keep : Files.createTempDirectory(GoCapture.tempRoot(), "perfwarden-capture");
        try {
            PrintWriter err = spec.commandLine().getErr();
            err.println("perfwarden: building " + module + " with the Go toolchain...");
            err.flush();
            GoCapture.Result cap = GoCapture.capture(new GoCapture.Request(module, dir, bench, benchtime, true,
                    List.of(), keep != null, step -> {
                        err.println("perfwarden: " + step);
                        err.flush();
                    }, heapBenchtime));
            InputReader.Result read = withoutBinaries(new InputReader().read(List.of(dir.toString()),
                    List.of(module.toAbsolutePath().normalize()), InputStream.nullInputStream()), cap.binaries());
            if (keep != null) {
                err.println("perfwarden: captures kept in " + keep + " (" + cap.goVersion() + ")"
                        + (cap.binaries().isEmpty() ? "" : ", with the binaries they were made from: " + cap.binaries()
                        .stream().map(b -> b.getFileName().toString()).collect(Collectors.joining(" "))));
                err.flush();
            }
            return analysis.analyse(session, read, spec.commandLine().getOut(), err);
        } finally {
            if (keep == null) {
                deleteTree(dir);
            }
        }
    }

    /**
     * The inputs without the kept binaries: objdump-N.txt and the profiles were made from them, they are no
     * capture (the reader would list them as binary files it did not read).
     */
    static InputReader.Result withoutBinaries(InputReader.Result r, List<Path> binaries) {
        if (binaries.isEmpty()) {
            return r;
        }
        Set<Path> bins = binaries.stream().map(b -> b.toAbsolutePath().normalize()).collect(Collectors.toSet());
        Predicate<String> kept = p -> bins.contains(Path.of(p).toAbsolutePath().normalize());
        return new InputReader.Result(r.facts(), r.inputs().stream().filter(in -> !kept.test(in.path())).toList(),
                r.sourceRoots(), r.skipped().stream().filter(s -> !kept.test(s.path())).toList(), r.sourceTrees());
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
