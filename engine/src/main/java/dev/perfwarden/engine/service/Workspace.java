package dev.perfwarden.engine.service;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.kie.RuleSetCache;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ProjectConfig;
import dev.perfwarden.engine.restrict.RestrictedMode;
import dev.perfwarden.engine.restrict.Trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine service: what the CLI, a batch run and a pipeline worker all call. A workspace is long-lived
 * and thread-safe; it holds the class loader that sees the fact classes and the {@link RuleSetCache} that
 * shares compiled rule sets, and nothing else. {@link #open} reads one project (its
 * {@code .perfwarden.yaml}, packs, trust, lock file) into a {@link Session}, which builds the rule set
 * and runs analyses with the project's parameters, filters, severities, suppressions and baseline.
 */
public final class Workspace {
    private final ClassLoader classLoader;
    private final RuleSetCache cache;

    private Workspace(ClassLoader classLoader, RuleSetCache cache) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The engine's class loader and an in-memory cache of the 16 rule sets used last. */
    public static Workspace create() {
        return of(Workspace.class.getClassLoader(), RuleSetCache.inMemory(16));
    }

    /** {@code classLoader} must see the fact classes the rules import (e.g. a pipeline runner's). */
    public static Workspace of(ClassLoader classLoader, RuleSetCache cache) {
        return new Workspace(classLoader, cache);
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    public RuleSetCache cache() {
        return cache;
    }

    /**
     * Reads the project {@code spec} names: finds and loads the project file, selects the packs, refuses
     * packs per {@link SessionSpec#checks()} (restricted mode, then the lock file).
     *
     * @throws SetupException for anything the project's owner can fix, with file and line
     */
    public Session open(SessionSpec spec) {
        ProjectConfig config = config(spec);
        List<Pack> packs = new PackSelection(classLoader).select(spec, config);
        if (spec.checks() != SessionSpec.Checks.NONE) {
            enforceTrust(packs, spec.trust());
        }
        Path lock = null;
        if (spec.checks() == SessionSpec.Checks.TRUST_AND_LOCK) {
            lock = Session.lockPath(spec, config);
            if (lock != null) {
                try {
                    dev.perfwarden.engine.lock.LockFile.read(lock).enforce(packs, lock);
                } catch (ConfigException e) {
                    throw SetupException.of(e);
                } catch (PackException e) {
                    throw SetupException.of(e);
                }
            }
        }
        return new Session(this, spec, config, packs, lock);
    }

    /** The built-in pack ids this workspace's class loader sees. */
    public List<String> builtinIds() {
        return new PackSelection(classLoader).builtinIds();
    }

    /** The packs {@code spec} names on its own (go-perf when none), without a project file. */
    public List<Pack> packs(SessionSpec spec) {
        return new PackSelection(classLoader).asked(spec);
    }

    /**
     * The rule set of {@code packs} from the cache, after refusing packs that break restricted mode under
     * {@code trust} (Drools evaluates some code while it compiles, so the check comes first).
     */
    public RuleSet ruleSet(List<Pack> packs, Trust trust) {
        enforceTrust(packs, trust);
        return ruleSet(packs);
    }

    /** The rule set of {@code packs} from the cache; the packs must already have passed their checks. */
    RuleSet ruleSet(List<Pack> packs) {
        try {
            return cache.get(packs, classLoader);
        } catch (PackException e) {
            throw SetupException.of(e);
        }
    }

    private void enforceTrust(List<Pack> packs, Trust trust) {
        try {
            RestrictedMode.enforce(packs, trust, classLoader);
        } catch (PackException e) {
            throw SetupException.of(e);
        }
    }

    private static ProjectConfig config(SessionSpec spec) {
        if (spec.noConfig()) {
            return null;
        }
        Path file = spec.config();
        if (file == null) {
            List<Path> s = new ArrayList<>();
            for (Path p : spec.starts()) {
                if (Files.exists(p)) {
                    s.add(p);
                }
            }
            try {
                Optional<Path> found = ProjectConfig.find(s);
                if (found.isEmpty()) {
                    found = ProjectConfig.find(List.of(Path.of("")));
                }
                file = found.orElse(null);
            } catch (ConfigException e) {
                throw SetupException.of(e);
            }
        } else if (!Files.isRegularFile(file)) {
            throw new SetupException("--config " + file + ": no such file");
        }
        if (file == null) {
            return null;
        }
        try {
            return ProjectConfig.load(file);
        } catch (ConfigException e) {
            throw SetupException.of(e);
        }
    }
}
