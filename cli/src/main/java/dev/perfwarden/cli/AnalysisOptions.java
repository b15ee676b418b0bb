package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code analyze} and {@code scan} share: the gate, the output, the packs, the project
 * file, the baseline, and the last step that runs the rules over what was read and reports it.
 */
public final class AnalysisOptions {
    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Fail the gate (exit 1) on findings at or above LEVEL: error, warning, note or none "
                    + "(default: failOn in .perfwarden.yaml, else error).")
    String failOn;

    @Mixin
    OutputOptions output;

    @Mixin
    PackOptions packs;

    @Mixin
    ScopeOptions scope;

    @Mixin
    ProjectOptions project;

    @Mixin
    BaselineOptions baseline;

    /** Loads the project file found from {@code starts} and the packs it and the options name. */
    Project project(List<Path> starts) {
        output.format(); // a bad --format is a usage error before any work is done
        return Project.load(packs, project, starts, true);
    }

    /**
     * Runs the rules over {@code read}, tells input problems on {@code err}, writes the report, and
     * returns the exit code (2 when an input failed, else the gate's).
     */
    int analyse(Project proj, RuleSet rules, InputReader.Result read, PrintWriter out, PrintWriter err)
            throws IOException {
        AnalysisResult result;
        try {
            Options options = proj.options(rules, scope.apply(Options.defaults(), read.sourceRoots()), failOn,
                    baseline.baseline, read.sourceRoots(), true);
            result = Analysis.run(read.facts(), read.inputs(), rules, output.severityFloor(options));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        boolean inputFailed = ScopeOptions.reportInputs(read.inputs(), err);
        output.write(result, out);
        return inputFailed ? ExitCodes.USAGE : result.exitCode();
    }
}
