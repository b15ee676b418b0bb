package dev.perfwarden.cli;

import dev.perfwarden.engine.capture.GoCapture;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden scan [MODULE_DIR]}: runs the real Go toolchain on a module, then analyses what it printed. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Build a Go module with the real toolchain and analyse its output.",
                "Runs go build with -gcflags=-m=2, -json=0,DIR and -d=ssa/check_bce/debug=1 on the module's",
                "packages, go tool objdump on its binaries (main packages, else test binaries), and with",
                "--bench the benchmarks with -cpuprofile/-memprofile; then analyses all of it.",
                "Needs go on the PATH."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODULE_DIR", defaultValue = ".",
            description = "The Go module folder (with go.mod); default: the current folder.")
    Path module;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Keep the captured outputs in DIR (re-analyse later with 'perfwarden analyze DIR').")
    Path keep;

    @Option(names = "--bench", paramLabel = "REGEX",
            description = "Also run the benchmarks matching REGEX with CPU and memory profiles; findings are then weighed by hotness.")
    String bench;

    @Option(names = "--benchtime", paramLabel = "T", defaultValue = "1s", description = "go test -benchtime (default: ${DEFAULT-VALUE}).")
    String benchtime;

    @Mixin
    AnalysisOptions analysis;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(module)) {
            throw new UserException(module + ": not a directory");
        }
        Session session = analysis.open(List.of(module.toString()));
        session.ruleSet(); // a refused or broken pack stops before the build
        Path dir = keep != null ? keep : Files.createTempDirectory("perfwarden-capture");
        PrintWriter err = spec.commandLine().getErr();
        err.println("perfwarden: building " + module + " with the Go toolchain...");
        err.flush();
        GoCapture.Result cap = GoCapture.capture(new GoCapture.Request(module, dir, bench, benchtime, true));
        InputReader.Result read = new InputReader().read(List.of(dir.toString()),
                List.of(module.toAbsolutePath().normalize()), InputStream.nullInputStream());
        if (keep != null) {
            err.println("perfwarden: captures kept in " + keep + " (" + cap.goVersion() + ")");
            err.flush();
        }
        return analysis.analyse(session, read, spec.commandLine().getOut(), err);
    }
}
