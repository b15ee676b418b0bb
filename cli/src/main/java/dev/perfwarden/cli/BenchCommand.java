package dev.perfwarden.cli;

import dev.perfwarden.contracts.bench.BenchCompare;
import dev.perfwarden.contracts.bench.BenchReport;
import dev.perfwarden.facts.bench.BenchParser;
import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.parse.InputSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden bench compare BASE HEAD}: benchstat's comparison of two go test -bench outputs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark tools (see docs/contracts.md).",
        subcommands = {BenchCommand.Compare.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Compare a base and a head go test -bench output as benchstat does.",
                    "Compare a base and a head go test -bench output as benchstat does: per benchmark and unit, " +
                    "medians with 95%% confidence intervals, the Mann-Whitney U p-value and the delta (~ when p > alpha). " +
                    "Run each side with -count 10 (at least 6 runs give an interval, 4 a test at alpha 0.05). " +
                    "Exit code 0 whatever the result: the gate is 'perfwarden contract check' (bench clauses)."})
    public static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "BASE", description = "go test -bench output of the base commit.")
        Path base;

        @Parameters(index = "1", paramLabel = "HEAD", description = "go test -bench output of the head commit.")
        Path head;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
                description = "Significance level of the U test (default: ${DEFAULT-VALUE}).")
        double alpha;

        @Override
        public Integer call() {
            if (!format.equals("text") && !format.equals("json")) {
                throw new UserException("unknown --format '" + format + "' (expected text or json)");
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new UserException("--alpha must be between 0 and 1");
            }
            List<BenchResult> b = read(base);
            List<BenchResult> h = read(head);
            List<BenchCompare.Row> rows = BenchCompare.compare(b, h, alpha);
            List<String> unmatched = BenchCompare.unmatched(b, h);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? BenchReport.json(rows, unmatched, alpha) : BenchReport.text(rows, unmatched));
            out.flush();
            return 0;
        }

        private static List<BenchResult> read(Path p) {
            if (!Files.isRegularFile(p)) {
                throw new UserException(p + ": no such file");
            }
            InputReader.ParsedInput in = InputReader.parse(InputSource.of(p), new BenchParser());
            if (in.stats().error() != null) {
                throw new UserException(in.stats().error());
            }
            List<BenchResult> rs = in.facts().stream().filter(f -> f instanceof BenchResult).map(f -> (BenchResult) f).toList();
            if (rs.isEmpty()) {
                throw new UserException(p + ": no benchmark results (expected go test -bench output)");
            }
            return rs;
        }
    }
}
