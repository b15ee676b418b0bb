package dev.perfwarden.batch;

import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.analysis.ExternalCodeFilter;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackHashes;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.restrict.RestrictedMode;
import dev.perfwarden.engine.restrict.SessionLimits;
import dev.perfwarden.engine.restrict.Trust;
import dev.perfwarden.engine.suppress.SourceSuppressions;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every worker of a batch needs to rebuild the same engine: the packs by reference (a built-in id or
 * a pack folder/archive path), the lock that pins them (each pack's sha256 and files), the trust level and
 * the analysis options. Small and serializable, so a pipeline ships it to its workers and each builds its
 * {@link RuleSet} once ({@link #ruleSet}), refusing packs that differ from the lock.
 *
 * @param packRefs  {@code builtin:ID} or a path, in run order
 * @param lockYaml  the lock the packs must match ({@link LockFile#toYaml()})
 * @param params    parameter overrides as given ({@code pack:name} or {@code name} → value)
 * @param limits    the run-time limits of every rule session ({@link SessionLimits#describe()}: the defaults,
 *                  the project file's {@code limits:} and {@code --limit}); a session that breaks one fails
 *                  its repository, naming the pack and rule
 */
public record EngineSpec(List<String> packRefs, String lockYaml, String trust, String failOn,
                         Map<String, Object> params, boolean includeExternal, Map<String, String> limits)
        implements Serializable {
    public EngineSpec {
        packRefs = List.copyOf(packRefs);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        limits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /** A spec with the default session limits. */
    public EngineSpec(List<String> packRefs, String lockYaml, String trust, String failOn,
                      Map<String, Object> params, boolean includeExternal) {
        this(packRefs, lockYaml, trust, failOn, params, includeExternal, SessionLimits.defaults().describe());
    }

    /** This spec with {@code l} as every session's limits. */
    public EngineSpec withLimits(SessionLimits l) {
        return new EngineSpec(packRefs, lockYaml, trust, failOn, params, includeExternal, l.describe());
    }

    /**
     * The spec of {@code packs} as loaded and checked by the caller; {@code lock} is the lock they were
     * checked against, or null to pin them as they are now.
     */
    public static EngineSpec of(List<Pack> packs, LockFile lock, Trust trust, FailOn failOn,
                                Map<String, Object> params, boolean includeExternal) {
        List<String> refs = new ArrayList<>();
        for (Pack p : packs) {
            refs.add(p.builtin() ? "builtin:" + p.id() : Path.of(p.origin()).toAbsolutePath().normalize().toString());
        }
        LockFile l = lock != null ? lock : LockFile.of(packs, null);
        return new EngineSpec(refs, l.toYaml(), trust.id(), failOn.id(), params, includeExternal);
    }

    /** Loads the packs, enforces the trust level and the lock (sha256 of every file), and builds the rule set. */
    public RuleSet ruleSet(ClassLoader cl) throws PackException {
        List<Pack> packs = new ArrayList<>();
        for (String ref : packRefs) {
            packs.add(ref.startsWith("builtin:") ? PackLoader.loadBuiltin(cl, ref.substring("builtin:".length()))
                    : PackLoader.load(Path.of(ref)));
        }
        RestrictedMode.enforce(packs, Trust.byId(trust).orElseThrow(), cl);
        try {
            LockFile.parse(lockYaml, "the batch's pack lock").enforce(packs, null);
        } catch (ConfigException e) {
            throw new IllegalStateException("the batch's pack lock does not parse: " + e.getMessage(), e);
        }
        RuleSet rules = RuleSet.build(packs, cl).withLimits(SessionLimits.defaults().with(limits));
        rules.parameters(params); // unknown names and bad types fail before any repository is analysed
        return rules;
    }

    /** The options for one repository: the gate, the parameters, scope, and its in-source suppressions. */
    public Options options(List<Path> sourceRoots) {
        Options o = Options.defaults().withFailOn(FailOn.byId(failOn).orElseThrow()).withParams(params);
        if (!includeExternal) {
            o = o.withFilter(new ExternalCodeFilter());
        }
        return o.withSuppressor(SourceSuppressions.scan(sourceRoots));
    }

    /**
     * A hash of everything besides the inputs that decides a repository's result: the engine version, the
     * packs' content (from the lock), trust, gate, parameters and scope. {@code --resume} redoes a repository
     * when it changed.
     */
    public String hash() {
        StringBuilder sb = new StringBuilder();
        sb.append(EngineInfo.name()).append(' ').append(EngineInfo.version()).append('\n');
        try {
            for (LockFile.LockedPack p : LockFile.parse(lockYaml, "lock").packs()) {
                sb.append(p.id()).append('@').append(p.version()).append(' ').append(p.sha256()).append('\n');
            }
        } catch (ConfigException e) {
            sb.append(lockYaml);
        }
        sb.append(String.join("\n", packRefs)).append('\n');
        sb.append(trust).append(' ').append(failOn).append(' ').append(includeExternal).append('\n');
        new TreeMap<>(params).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return PackHashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
