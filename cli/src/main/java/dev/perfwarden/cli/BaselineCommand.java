package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.service.AnalysisRequest;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import dev.perfwarden.engine.suppress.Baseline;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden baseline create}: accept today's findings, so that later runs report only new ones. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Record the findings a project has accepted: later runs report only new ones.",
                "Baselines: the findings a project has accepted, matched by fingerprint (which survives " +
                "line shifts). 'analyze --baseline FILE' then reports only findings that are not in it."},
        subcommands = {BaselineCommand.Create.class})
public final class BaselineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code perfwarden baseline create [--out FILE] PATH...}: the same inputs and options as analyze. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Write every finding of PATH... to a baseline file.",
                    "Analyse PATH... as 'perfwarden analyze' does and write every finding it would report " +
                    "(after source suppressions, without any existing baseline) to a baseline file."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Capture files or directories; - reads stdin.")
        List<String> paths;

        @Option(names = "--source", paramLabel = "DIR", description = "A folder of the Go sources the captures came from. Repeatable.")
        List<String> sources = new ArrayList<>();

        @Option(names = {"-o", "--out"}, paramLabel = "FILE",
                description = "Where to write the baseline (default: the baseline named in .perfwarden.yaml, else "
                        + "perfwarden.baseline.json).")
        Path out;

        @Mixin
        PackOptions packs;

        @Mixin
        ScopeOptions scope;

        @Mixin
        ProjectOptions project;

        @Override
        public Integer call() throws Exception {
            List<String> starts = new ArrayList<>(sources);
            starts.addAll(paths);
            Session session = project.open(packs, starts, SessionSpec.Checks.TRUST_AND_LOCK);
            session.ruleSet(); // a refused or broken pack stops before any input is read
            InputReader.Result read = Captures.read(paths, sources, System.in);
            AnalysisResult result = session.analyze(read,
                    AnalysisRequest.defaults().withBase(scope.apply(Options.defaults(), read.sourceRoots())).forNewBaseline());
            PrintWriter err = spec.commandLine().getErr();
            boolean inputFailed = ScopeOptions.reportInputs(read.inputs(), err);
            Path target = session.baselineTarget(out);
            Baseline written = Baseline.of(result.findings(), target.toString());
            written.write(target);
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + written.entries().size() + " finding(s) to " + target
                    + (result.summary().hiddenTotal() > 0 ? " (" + result.summary().hiddenTotal()
                    + " hidden ones are not included)" : ""));
            o.flush();
            return inputFailed ? ExitCodes.USAGE : ExitCodes.OK;
        }

    }
}
