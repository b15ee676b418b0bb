package dev.perfwarden.engine.service;

import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ProjectConfig;
import dev.perfwarden.engine.restrict.RestrictedMode;
import dev.perfwarden.engine.restrict.SessionLimits;
import dev.perfwarden.engine.restrict.Trust;
import dev.perfwarden.engine.suppress.Baseline;
import dev.perfwarden.engine.suppress.SourceSuppressions;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.program.ExternalFile;
import dev.perfwarden.facts.program.SourceRoots;
import dev.perfwarden.facts.source.GoTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One project, opened by {@link Workspace#open}: its project file (if any), the packs it runs (checked as
 * its {@link SessionSpec} asked), its lock file. It builds the rule set once (through the workspace's
 * cache) and runs any number of analyses, from any thread, with the project's settings.
 */
public final class Session {
    private final Workspace workspace;
    private final SessionSpec spec;
    private final ProjectConfig config;
    private final List<Pack> packs;
    private final Path lockFile;
    private volatile RuleSet rules;

    Session(Workspace workspace, SessionSpec spec, ProjectConfig config, List<Pack> packs, Path lockFile) {
        this.workspace = workspace;
        this.spec = spec;
        this.config = config;
        this.packs = List.copyOf(packs);
        this.lockFile = lockFile;
    }

    /** The project file in effect, if any. */
    public Optional<ProjectConfig> config() {
        return Optional.ofNullable(config);
    }

    /** The packs this session runs, in the order asked for. */
    public List<Pack> packs() {
        return packs;
    }

    public Trust trust() {
        return spec.trust();
    }

    /** The lock file that was enforced (only when the spec's checks include the lock). */
    public Optional<Path> lockFile() {
        return Optional.ofNullable(lockFile);
    }

    /**
     * From how many compiler facts on a run has one rule session per package ({@link RuleSet#withPartitioning}):
     * {@link RuleSet#PARTITION_FACTS}, or the system property {@code perfwarden.partitionFacts} (bench/std.sh
     * sets it to compare the findings of both modes on Go's standard library).
     */
    static final String PARTITION_PROPERTY = "perfwarden.partitionFacts";

    /**
     * The compiled rule set (built on first use, shared through the workspace's cache), carrying this
     * session's {@link #limits()}.
     */
    public RuleSet ruleSet() {
        RuleSet r = rules;
        if (r == null) {
            r = workspace.ruleSet(packs).withLimits(limits())
                    .withPartitioning(Integer.getInteger(PARTITION_PROPERTY, RuleSet.PARTITION_FACTS));
            rules = r;
        }
        return r;
    }

    /**
     * The run-time limits of every rule session: the defaults, then the project file's {@code limits:} (which
     * may only tighten them), then the spec's overrides ({@code --limit}).
     *
     * @throws SetupException for an unknown limit or a bad value
     */
    public SessionLimits limits() {
        SessionLimits l = config == null ? SessionLimits.defaults() : config.limits();
        try {
            return l.with(spec.limits());
        } catch (IllegalArgumentException e) {
            throw new SetupException("--limit: " + e.getMessage(), e);
        }
    }

    /** {@link #analyze(List, List, List, AnalysisRequest)} over what an {@link InputReader} read. */
    public AnalysisResult analyze(InputReader.Result read, AnalysisRequest request) {
        RuleSet rs = ruleSet();
        return run(read.facts(), read.inputs(), read.sourceRoots(), rs,
                options(rs, request, read.sourceRoots(), read.sourceTrees()));
    }

    /**
     * As {@link #analyze(InputReader.Result, AnalysisRequest)}, taking {@code read}'s facts over: {@code read.facts()}
     * is emptied, and each package's facts can be collected as soon as its rule session ends, so a large input's
     * facts do not all stay live to the end (for a caller that needs them no more, e.g. a report without them).
     */
    public AnalysisResult analyzeReleasing(InputReader.Result read, AnalysisRequest request) {
        RuleSet rs = ruleSet();
        Options o = options(rs, request, read.sourceRoots(), read.sourceTrees());
        List<Fact> all = withRoots(read.facts(), read.sourceRoots());
        read.facts().clear();
        try {
            return Analysis.runReleasing(all, read.inputs(), rs, o);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    /**
     * Runs the rules over {@code facts} with the project's settings ({@link #options}) and returns the result.
     *
     * @param sourceRoots the Go source folders, scanned for {@code //perfwarden:ignore} comments
     * @throws SetupException for a wrong project setting, parameter or baseline
     */
    public AnalysisResult analyze(List<? extends Fact> facts, List<InputStats> inputs, List<Path> sourceRoots,
                                  AnalysisRequest request) {
        RuleSet rs = ruleSet();
        return run(facts, inputs, sourceRoots, rs, options(rs, request, sourceRoots));
    }

    private static AnalysisResult run(List<? extends Fact> facts, List<InputStats> inputs, List<Path> sourceRoots,
                                      RuleSet rs, Options o) {
        try {
            return Analysis.run(withRoots(facts, sourceRoots), inputs, rs, o);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    /** {@code facts} and a {@link SourceRoots} fact naming {@code roots}: the rules judge {@link ExternalFile}s by them. */
    private static List<Fact> withRoots(List<? extends Fact> facts, List<Path> roots) {
        List<Fact> all = new ArrayList<>(facts.size() + 1);
        all.addAll(facts);
        all.add(SourceRoots.of(roots));
        return all;
    }

    /**
     * The analysis options: the request's base; the project file's parameters (checked against the rule
     * set: rule ids, parameter names and types), then the spec's overrides; its path and rule filters and
     * severities; the gate (request, project file, else error); source suppressions from
     * {@code sourceRoots}; and the baseline (request, else project file) unless the request ignores it.
     */
    public Options options(RuleSet rules, AnalysisRequest request, List<Path> sourceRoots) {
        return options(rules, request, sourceRoots, Map.of());
    }

    /** As {@link #options(RuleSet, AnalysisRequest, List)}, with source trees already walked (by absolute root). */
    public Options options(RuleSet rules, AnalysisRequest request, List<Path> sourceRoots, Map<Path, GoTree> walked) {
        Map<String, Object> params = new LinkedHashMap<>();
        Options o = request.base();
        if (config != null) {
            config.unknownRules(rules.rules().stream().map(r -> r.id()).toList()).ifPresent(e -> {
                throw SetupException.of(e);
            });
            for (ProjectConfig.ParamSetting s : config.parameters()) {
                check(rules, s.key(), s.value(), config.file() + ":" + s.line() + ": ");
                params.put(s.key(), s.value());
            }
            for (ProjectConfig.PackSpec s : config.packs()) {
                if (!s.builtin() && !s.parameters().isEmpty()) {
                    String id = packs.stream().filter(p -> Path.of(p.origin()).toAbsolutePath().normalize()
                            .equals(s.path())).map(Pack::id).findFirst().orElse(null);
                    if (id != null) {
                        s.parameters().forEach((k, v) -> {
                            check(rules, id + ":" + k, v, config.file() + ":" + s.line() + ": ");
                            params.put(id + ":" + k, v);
                        });
                    }
                }
            }
            o = o.withFilter(config.filter()).withSeverities(config.severities());
        }
        params.putAll(spec.params());
        o = o.withParams(params);
        FailOn gate = FailOn.ERROR;
        if (request.failOn() != null) {
            gate = request.failOn();
        } else if (config != null && config.failOn() != null) {
            gate = config.failOn();
        }
        o = o.withFailOn(gate);
        o = o.withSuppressor(SourceSuppressions.scan(sourceRoots, walked));
        if (request.useBaseline()) {
            Path b = request.baseline() != null ? request.baseline()
                    : config != null && config.baseline() != null
                    ? insideProject(config, config.baseline(), "baseline") : null;
            if (b != null) {
                if (!Files.isRegularFile(b)) {
                    throw new SetupException((request.baseline() != null ? "--baseline " : config.file()
                            + ": baseline ") + b + " does not exist (create it with 'perfwarden baseline create')");
                }
                try {
                    o = o.withSuppressor(Baseline.read(b));
                } catch (ConfigException e) {
                    throw SetupException.of(e);
                }
            }
        }
        return o;
    }

    private static void check(RuleSet rules, String key, Object value, String where) {
        try {
            rules.parameters(Map.of(key, value));
        } catch (IllegalArgumentException e) {
            throw new SetupException(where + e.getMessage(), e);
        }
    }

    /** Where a new baseline goes: {@code out}, else the project file's baseline, else perfwarden.baseline.json. */
    public Path baselineTarget(Path out) {
        if (out != null) {
            return out;
        }
        return config != null && config.baseline() != null ? insideProject(config, config.baseline(), "baseline")
                : Path.of("perfwarden.baseline.json");
    }

    /**
     * {@code target}, a file the project file names for perfwarden to read or write, when it stays inside the project
     * folder once symbolic links are followed, in the file's own name and in every folder above it: a repository's
     * committed link {@code perfwarden.lock -> ~/.bashrc} had {@code packs lock} write through it (attack2 probe 15),
     * and {@code lock: out/new/perfwarden.lock} with a committed link {@code out -> ~} had it create folders and a file
     * in the home folder (attack3 probe 01); {@code baseline: out/passwd} with {@code out -> /etc} read /etc/passwd.
     * The longest part of the path that exists is resolved, the rest must not leave it. Else a {@link SetupException}.
     */
    private static Path insideProject(ProjectConfig config, Path target, String what) {
        Path dir = config.file().toAbsolutePath().normalize().getParent();
        try {
            Path realDir = dir.toRealPath();
            Path t = target.toAbsolutePath().normalize();
            boolean link = Files.isSymbolicLink(t);
            Path real = link ? null : realOfLongestExisting(t);
            if (real == null || !real.startsWith(realDir)) {
                throw new SetupException(config.file() + ": " + what + " " + target + " is not a file inside the project"
                        + " folder " + dir + (link ? " (it is a symbolic link)" : real == null ? "" : " (it leads to "
                        + real + ")") + "; perfwarden reads and writes only there for a project file (name another file"
                        + " with --out, --baseline or --lock)");
            }
            return target;
        } catch (IOException e) {
            throw new SetupException(config.file() + ": " + what + " " + target + ": " + e.getMessage(), e);
        }
    }

    /** {@code t} with its longest existing prefix resolved to the real path (links followed), the rest appended. */
    private static Path realOfLongestExisting(Path t) throws IOException {
        Path existing = t;
        java.util.Deque<Path> rest = new java.util.ArrayDeque<>();
        while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            rest.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return t;
        }
        Path real = existing.toRealPath();
        while (!rest.isEmpty()) {
            real = real.resolve(rest.pop());
        }
        return real.normalize();
    }

    /** A lock file written, and where. */
    public record Locked(LockFile lock, Path file) {
    }

    /**
     * Compiles the packs (only packs that compile are locked) and writes the lock file: to {@code out}, else
     * the spec's lock, else the one the project file names, else {@code perfwarden.lock} next to the
     * project file, else in the current folder.
     */
    public Locked lock(Path out) throws IOException {
        try {
            RuleSet.build(packs, workspace.classLoader());
        } catch (PackException e) {
            throw SetupException.of(e);
        }
        Path target = out != null ? out : spec.lock() != null ? spec.lock()
                : config != null ? insideProject(config, config.lock() != null ? config.lock()
                : config.file().resolveSibling(ProjectConfig.LOCK_NAME), "lock") : Path.of(ProjectConfig.LOCK_NAME);
        Path dir = target.toAbsolutePath().normalize().getParent();
        LockFile lock = LockFile.of(packs, dir, spec.trust());
        lock.write(target);
        return new Locked(lock, target);
    }

    /**
     * What {@code packs verify} reports: every pack's problems under restricted mode (unless trusted
     * fully), against the lock file (when there is one) and, when those pass, from compiling.
     *
     * @param problems    every problem, as {@code pack/file:line}
     * @param lock        the lock file read, or null
     * @param lockFile    its path, or null
     * @param lockMatches whether no problem comes from the lock file
     */
    public record Verification(List<Problem> problems, LockFile lock, Path lockFile, boolean lockMatches) {
        public boolean refused(Pack p) {
            return problems.stream().anyMatch(x -> x.pack().equals(p.id()));
        }
    }

    /** Checks the packs without running them; see {@link Verification}. */
    public Verification verify() {
        List<Problem> problems = new ArrayList<>();
        if (spec.trust() == Trust.RESTRICTED) {
            // all the packs' checks together within one check's bound (CompileGuard.Budget)
            dev.perfwarden.engine.restrict.CompileGuard.Budget budget = new dev.perfwarden.engine.restrict.CompileGuard.Budget();
            for (Pack pack : packs) {
                if (!pack.builtin()) {
                    problems.addAll(RestrictedMode.check(pack, workspace.classLoader(), budget));
                }
            }
        }
        LockFile lock = null;
        Path lf = lockPath(spec, config);
        boolean matches = true;
        if (lf != null) {
            try {
                lock = LockFile.read(lf);
            } catch (ConfigException e) {
                throw SetupException.of(e);
            }
            List<Problem> lockProblems = lock.check(packs, lf);
            matches = lockProblems.isEmpty();
            problems.addAll(lockProblems);
        }
        if (problems.isEmpty()) {
            try {
                RuleSet.build(packs, workspace.classLoader());
            } catch (PackException e) {
                problems.addAll(e.problems());
            }
        }
        return new Verification(List.copyOf(problems), lock, lf, matches);
    }

    /** The lock file that applies, or null: the spec's (must exist), else the project file's. */
    static Path lockPath(SessionSpec spec, ProjectConfig config) {
        if (spec.lock() != null) {
            if (!Files.isRegularFile(spec.lock())) {
                throw new SetupException("--lock " + spec.lock()
                        + ": no such file (write one with 'perfwarden packs lock')");
            }
            return spec.lock();
        }
        if (config == null) {
            return null;
        }
        if (config.lock() != null) {
            insideProject(config, config.lock(), "lock");
        }
        if (config.lock() != null && !Files.isRegularFile(config.lock())) {
            throw new SetupException(config.file() + ": lock " + config.lock()
                    + " does not exist (write it with 'perfwarden packs lock')");
        }
        return config.lockFile().orElse(null);
    }
}
