package dev.perfwarden.cli;

import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.SemVer;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ProjectConfig;
import dev.perfwarden.engine.restrict.RestrictedMode;
import dev.perfwarden.engine.restrict.Trust;
import dev.perfwarden.engine.suppress.Baseline;
import dev.perfwarden.engine.suppress.SourceSuppressions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's view of the project: its {@code .perfwarden.yaml} (if any), the packs to run (command line
 * first, then the project file, then go-perf), checked for restricted mode and against the lock file, and
 * the analysis options that follow from both.
 */
final class Project {
    private static final ClassLoader CL = Project.class.getClassLoader();

    final ProjectConfig config;
    final List<Pack> packs;
    final Path lockFile;
    final Trust trust;
    private final PackOptions packOptions;

    private dev.perfwarden.engine.restrict.SessionLimits limits = dev.perfwarden.engine.restrict.SessionLimits.defaults();

    private Project(ProjectConfig config, List<Pack> packs, Path lockFile, Trust trust, PackOptions packOptions) {
        this.config = config;
        this.packs = packs;
        this.lockFile = lockFile;
        this.trust = trust;
        this.packOptions = packOptions;
    }

    /**
     * Finds the project file (from {@code starts}, then the current folder), loads the packs, refuses packs
     * that break restricted mode and, when {@code enforceLock}, packs that differ from the lock file.
     */
    static Project load(PackOptions po, ProjectOptions pj, List<Path> starts, boolean enforceLock) {
        return load(po, pj, starts, enforceLock, true);
    }

    /**
     * As {@link #load(PackOptions, ProjectOptions, List, boolean)}; {@code enforceTrust} false only loads (for
     * commands that list packs or report on them). Without {@code enforceLock}, {@link #lockFile} is null.
     */
    static Project load(PackOptions po, ProjectOptions pj, List<Path> starts, boolean enforceLock,
                        boolean enforceTrust) {
        Trust trust = pj.trust();
        ProjectConfig config = config(pj, starts);
        List<Pack> packs = packs(po, config);
        if (enforceTrust) {
            try {
                RestrictedMode.enforce(packs, trust, CL);
            } catch (PackException e) {
                throw PackOptions.packError(e);
            }
        }
        Path lock = enforceLock ? lockPath(pj, config) : null;
        if (lock != null) {
            try {
                LockFile.read(lock).enforce(packs, lock);
            } catch (ConfigException e) {
                throw configError(e);
            } catch (PackException e) {
                throw PackOptions.packError(e);
            }
        }
        Project p = new Project(config, packs, lock, trust, po);
        p.limits = pj.limits(config);
        return p;
    }

    static ProjectConfig config(ProjectOptions pj, List<Path> starts) {
        if (pj.noConfig) {
            return null;
        }
        Path file = pj.config;
        if (file == null) {
            List<Path> s = new ArrayList<>(starts);
            Optional<Path> found = ProjectConfig.find(s);
            if (found.isEmpty()) {
                found = ProjectConfig.find(List.of(Path.of("")));
            }
            file = found.orElse(null);
        } else if (!Files.isRegularFile(file)) {
            throw new UserException("--config " + file + ": no such file");
        }
        if (file == null) {
            return null;
        }
        try {
            return ProjectConfig.load(file);
        } catch (ConfigException e) {
            throw configError(e);
        }
    }

    /** The lock file that applies, or null: --lock (must exist), else the project file's. */
    static Path lockPath(ProjectOptions pj, ProjectConfig config) {
        if (pj.lock != null) {
            if (!Files.isRegularFile(pj.lock)) {
                throw new UserException("--lock " + pj.lock + ": no such file (write one with 'perfwarden packs lock')");
            }
            return pj.lock;
        }
        if (config == null) {
            return null;
        }
        if (config.lock() != null && !Files.isRegularFile(config.lock())) {
            throw new UserException(config.file() + ": lock " + config.lock()
                    + " does not exist (write it with 'perfwarden packs lock')");
        }
        return config.lockFile().orElse(null);
    }

    private static List<Pack> packs(PackOptions po, ProjectConfig config) {
        if (!po.packs.isEmpty() || !po.ruleDirs.isEmpty() || config == null || config.packs().isEmpty()) {
            return po.load();
        }
        List<Pack> out = new ArrayList<>();
        for (ProjectConfig.PackSpec s : config.packs()) {
            Pack p;
            try {
                if (s.builtin()) {
                    List<String> ids = PackLoader.builtinIds(CL);
                    if (!ids.contains(s.id())) {
                        throw new UserException(config.file() + ":" + s.line() + ": no built-in pack '" + s.id()
                                + "' (built-in: " + String.join(", ", ids) + "); use path: for a pack folder");
                    }
                    p = PackLoader.loadBuiltin(CL, s.id());
                } else {
                    if (!Files.exists(s.path())) {
                        throw new UserException(config.file() + ":" + s.line() + ": pack " + s.path()
                                + " does not exist");
                    }
                    p = PackLoader.load(s.path());
                }
            } catch (PackException e) {
                throw PackOptions.packError(e);
            } catch (IOException e) {
                throw new UserException("cannot list built-in packs: " + e.getMessage(), e);
            }
            if (s.range() != null && !s.range().contains(SemVer.of(p.version()))) {
                throw new UserException(config.file() + ":" + s.line() + ": pack " + p.label() + " does not satisfy "
                        + s.label());
            }
            out.add(p);
        }
        return out;
    }

    RuleSet ruleSet() {
        try {
            return RuleSet.build(packs, CL).withLimits(limits);
        } catch (PackException e) {
            throw PackOptions.packError(e);
        }
    }

    /**
     * Checks the project file against the built rule set (rule ids, parameter names and types) and returns
     * the analysis options: gate, parameters (project file, then --param), severity overrides, path and rule
     * filters, source suppressions from {@code sourceRoots}, and the baseline.
     */
    Options options(RuleSet rules, Options base, String cliFailOn, Path cliBaseline, List<Path> sourceRoots,
                    boolean useBaseline) {
        Map<String, Object> params = new LinkedHashMap<>();
        Options o = base;
        if (config != null) {
            config.unknownRules(rules.rules().stream().map(r -> r.id()).toList()).ifPresent(e -> {
                throw configError(e);
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
        params.putAll(packOptions.overrides());
        o = o.withParams(params);
        FailOn gate = FailOn.ERROR;
        if (cliFailOn != null) {
            gate = FailOn.byId(cliFailOn).orElseThrow(() -> new UserException(
                    "unknown --fail-on '" + cliFailOn + "' (expected error, warning, note or none)"));
        } else if (config != null && config.failOn() != null) {
            gate = config.failOn();
        }
        o = o.withFailOn(gate);
        o = o.withSuppressor(SourceSuppressions.scan(sourceRoots));
        if (useBaseline) {
            Path b = cliBaseline != null ? cliBaseline : config != null ? config.baseline() : null;
            if (b != null) {
                if (!Files.isRegularFile(b)) {
                    throw new UserException((cliBaseline != null ? "--baseline " : config.file() + ": baseline ") + b
                            + " does not exist (create it with 'perfwarden baseline create')");
                }
                try {
                    o = o.withSuppressor(Baseline.read(b));
                } catch (ConfigException e) {
                    throw configError(e);
                }
            }
        }
        return o;
    }

    private static void check(RuleSet rules, String key, Object value, String where) {
        try {
            rules.parameters(Map.of(key, value));
        } catch (IllegalArgumentException e) {
            throw new UserException(where + e.getMessage(), e);
        }
    }

    /** The folders to look for the project file from: the given paths (files count as their folder). */
    static List<Path> starts(List<String> paths) {
        List<Path> out = new ArrayList<>();
        for (String s : paths) {
            if (!s.equals("-") && Files.exists(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    static UserException configError(ConfigException e) {
        return new UserException("project file refused:\n  " + e.getMessage().replace("\n", "\n  "), e);
    }
}
