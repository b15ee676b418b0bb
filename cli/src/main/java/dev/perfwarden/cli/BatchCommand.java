package dev.perfwarden.cli;

import dev.perfwarden.batch.BatchEngine;
import dev.perfwarden.batch.BatchRequest;
import dev.perfwarden.batch.BatchResult;
import dev.perfwarden.batch.EngineSpec;
import dev.perfwarden.batch.LocalBatch;
import dev.perfwarden.batch.Manifest;
import dev.perfwarden.batch.Progress;
import dev.perfwarden.batch.RepoEntry;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import dev.perfwarden.engine.project.ConfigException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code perfwarden batch}: one pinned set of packs over many repositories; the work is in module batch. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Analyse many repositories with one set of packs.",
                "Analyse many repositories with one set of packs: a manifest (repos.yaml) of capture " +
                "folders, Go modules to scan and git repositories to clone, or --dirs of capture folders. " +
                "Writes per repository <id>.json and <id>.sarif, and findings.jsonl, summary.json and " +
                "summary.txt to --out-dir. Exit 3 when any repository could not be analysed, else 1 when any " +
                "gate failed. See docs/batch.md."})
public final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Inputs {
        @Parameters(arity = "1", paramLabel = "MANIFEST", description = "The manifest (repos.yaml).")
        Path manifest;

        @Option(names = "--dirs", arity = "1..*", paramLabel = "DIR",
                description = "Capture folders instead of a manifest; each is one repository named after the folder.")
        List<Path> dirs;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Inputs inputs;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where the results go.")
    Path outDir;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where git entries are cloned and modules captured (default: OUT_DIR/.batch/work).")
    Path workDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Repositories analysed at once (default: the cores).")
    Integer jobs;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Give up on a repository after DURATION (e.g. 90s, 10m, 1h): it fails, the rest go on.")
    String timeout;

    @Option(names = "--resume", description = "Keep the results of repositories whose inputs and packs did not change "
            + "since they were written; redo the others (and the failed ones).")
    boolean resume;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (a thread pool in this JVM, default) or beam (the Apache Beam pipeline).")
    String engine;

    @Option(names = "--runner", paramLabel = "RUNNER",
            description = "With --engine beam: DirectRunner (default) or FlinkRunner (the Spark and Dataflow runners are not bundled).")
    String runner;

    @Option(names = "--pipeline-option", paramLabel = "NAME=VALUE",
            description = "With --engine beam: a Beam pipeline option, e.g. flinkMaster=[local]. Repeatable.")
    List<String> pipelineOptions = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none.")
    String progress;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Each repository's gate: error, warning, note or none (default: failOn in .perfwarden.yaml, else error).")
    String failOn;

    @Mixin
    ScopeOptions scope;

    @Mixin
    BaselineOptions baseline;

    @Mixin
    PackOptions packs;

    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() throws Exception {
        if (engine.equals("beam") && BeamLoader.inProcess().isEmpty()) {
            return BeamLoader.reexec(spec.commandLine().getParseResult().originalArgs());
        }
        if (jobs != null && jobs < 1) {
            throw new UserException("--jobs " + jobs + ": expected at least 1");
        }
        Duration limit = duration(timeout); // usage errors first, before packs compile
        List<String> beamArgs = pipelineArgs();
        BatchEngine be = engine();
        Progress pr = progress();
        List<RepoEntry> entries;
        List<Path> starts = new ArrayList<>();
        try {
            if (inputs.manifest != null) {
                entries = Manifest.read(inputs.manifest);
                starts.add(inputs.manifest.toAbsolutePath().getParent());
            } else {
                entries = Manifest.ofDirs(inputs.dirs);
            }
        } catch (ConfigException e) {
            throw new UserException("manifest refused:\n  " + e.getMessage().replace("\n", "\n  "), e);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        FailOn gate = null;
        if (failOn != null) {
            gate = FailOn.byId(failOn).orElseThrow(() -> new UserException(
                    "unknown --fail-on '" + failOn + "' (expected error, warning, note or none)"));
        }
        // the engine service opens the project here (refused packs, project, lock or baseline: exit 2 before any
        // work); every worker opens the same session again from the spec, which names what was found
        SessionSpec ss = project.spec(packs, starts.stream().map(Path::toString).toList(), SessionSpec.Checks.TRUST_AND_LOCK);
        Session session = PerfwardenCommand.WORKSPACE.open(ss);
        EngineSpec es = EngineSpec.of(ss, session, gate, baseline.baseline, scope.scope());
        BatchRequest req = new BatchRequest(entries, outDir, workDir != null ? workDir : outDir.resolve(".batch/work"),
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), limit, resume, es, beamArgs);
        BatchResult result;
        try {
            result = be.run(req, pr);
        } catch (IllegalArgumentException e) { // bad parameters, refused pipeline options (an unknown --runner)
            throw new UserException(e.getMessage(), e);
        }
        spec.commandLine().getOut().print(result.table());
        spec.commandLine().getOut().flush();
        return result.exitCode();
    }

    private Progress progress() {
        PrintStream err = System.err;
        return switch (progress) {
            case "auto" -> Progress.on(err, System.console() != null, Duration.ofSeconds(10));
            case "bar" -> Progress.on(err, true, Duration.ZERO);
            case "lines" -> Progress.on(err, false, Duration.ofSeconds(10));
            case "none" -> Progress.NONE;
            default -> throw new UserException("unknown --progress '" + progress + "' (expected auto, bar, lines or none)");
        };
    }

    private List<String> pipelineArgs() {
        if (!engine.equals("beam")) {
            if (runner != null || !pipelineOptions.isEmpty()) {
                throw new UserException("--runner and --pipeline-option need --engine beam");
            }
            return List.of();
        }
        List<String> args = new ArrayList<>();
        args.add("--runner=" + (runner == null ? "DirectRunner" : runner));
        for (String p : pipelineOptions) {
            if (!p.contains("=")) {
                throw new UserException("--pipeline-option " + p + ": expected NAME=VALUE");
            }
            args.add("--" + p);
        }
        return args;
    }

    private BatchEngine engine() {
        return switch (engine) {
            case "local" -> new LocalBatch();
            case "beam" -> BeamLoader.inProcess().orElseThrow();
            default -> throw new UserException("unknown --engine '" + engine + "' (expected local or beam)");
        };
    }

    static Duration duration(String s) {
        if (s == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(s.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new UserException("--timeout " + s + ": expected a positive number with ms, s, m or h (e.g. 90s, 10m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
