package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.service.AnalysisRequest;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
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

    /** Opens the project whose file is found from {@code starts}, with the packs it and the options name. */
    Session open(List<String> starts) {
        output.check(); // a bad --format or --out is a usage error before any work is done
        return project.open(packs, starts, SessionSpec.Checks.TRUST_AND_LOCK);
    }

    /**
     * The gate, scope and baseline asked for on the command line; {@code sourceRoots} (the module roots found
     * for the inputs) bound what counts as module code.
     */
    AnalysisRequest request(List<java.nio.file.Path> sourceRoots) {
        FailOn gate = null;
        if (failOn != null) {
            gate = FailOn.byId(failOn).orElseThrow(() -> new UserException(
                    "unknown --fail-on '" + failOn + "' (expected error, warning, note or none)"));
        }
        return AnalysisRequest.defaults().withBase(output.severityFloor(scope.apply(Options.defaults(), sourceRoots)))
                .withFailOn(gate)
                .withBaseline(baseline.baseline);
    }

    /**
     * Runs the session over {@code read}, tells input problems on {@code err}, writes the report, and
     * returns the exit code (2 when an input failed, else the gate's).
     */
    int analyse(Session session, InputReader.Result read, PrintWriter out, PrintWriter err) throws IOException {
        AnalysisRequest request = request(read.sourceRoots());
        // only the HTML page shows the facts: other reports let each package's facts go after its rule session
        AnalysisResult result = output.needsFacts() ? session.analyze(read, request)
                : session.analyzeReleasing(read, request);
        boolean inputFailed = ScopeOptions.reportInputs(read.inputs(), err);
        output.write(result, read, out);
        return inputFailed ? ExitCodes.USAGE : result.exitCode();
    }
}
