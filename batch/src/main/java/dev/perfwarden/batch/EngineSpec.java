package dev.perfwarden.batch;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.lock.LockFile;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackHashes;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.restrict.Trust;
import dev.perfwarden.engine.service.AnalysisRequest;
import dev.perfwarden.engine.service.CodeScope;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import dev.perfwarden.engine.service.SetupException;
import dev.perfwarden.engine.service.Workspace;
import dev.perfwarden.engine.analysis.Options;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every worker of a batch needs to open the same engine-service {@link Session} as the driver did: the
 * {@link SessionSpec} with the project file and the lock file resolved to absolute paths (so a worker finds
 * the same ones wherever it runs), the gate, the baseline and the scope of each repository's
 * {@link AnalysisRequest}, and the packs pinned as the driver loaded them (each pack's sha256 and files), so
 * a worker refuses a pack that changed after the batch started. Small and serializable: a pipeline ships it
 * to its workers.
 *
 * @param packs     built-in packs as asked for ({@code id} or {@code id@RANGE})
 * @param rulePacks user pack folders or archives, absolute
 * @param params    parameter overrides as given ({@code pack:name} or {@code name} → value)
 * @param config    the project file in effect (absolute), or null for none
 * @param lock      the lock file enforced (absolute), or null for none
 * @param limits    run-time limit overrides ({@code --limit})
 * @param failOn    the gate asked for, or null for the project file's (else error)
 * @param baseline  the baseline (absolute): the one asked for, else the project file's; null for none
 * @param pinned    the packs as the driver loaded them ({@link LockFile#toYaml()})
 */
public record EngineSpec(List<String> packs, List<String> rulePacks, Map<String, Object> params, String config,
                         String lock, String trust, Map<String, String> limits, String failOn, String baseline,
                         CodeScope scope, String pinned) implements Serializable {
    public EngineSpec {
        packs = List.copyOf(packs);
        rulePacks = List.copyOf(rulePacks);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /**
     * The spec of a batch whose driver opened {@code session} from {@code spec}: the project file and lock
     * file it found are named explicitly, and its packs are pinned as loaded.
     */
    public static EngineSpec of(SessionSpec spec, Session session, FailOn failOn, Path baseline, CodeScope scope) {
        return new EngineSpec(spec.packs(), spec.rulePacks().stream().map(EngineSpec::absolute).toList(),
                spec.params(), session.config().map(c -> absolute(c.file())).orElse(null),
                session.lockFile().map(EngineSpec::absolute).orElse(null), spec.trust().id(), spec.limits(),
                failOn == null ? null : failOn.id(), effective(baseline, session), scope,
                LockFile.of(session.packs(), null).toYaml());
    }

    /** The baseline asked for, else the project file's (so that its content is part of {@link #hash()}). */
    private static String effective(Path baseline, Session session) {
        Path b = baseline != null ? baseline : session.config().map(c -> c.baseline()).orElse(null);
        return b == null ? null : absolute(b);
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /** The session spec a worker opens: this project file (or none) and this lock file, every check. */
    public SessionSpec sessionSpec() {
        SessionSpec s = SessionSpec.defaults().withPacks(packs).withRulePacks(rulePacks.stream().map(Path::of).toList())
                .withParams(params).withTrust(Trust.byId(trust).orElseThrow()).withLimits(limits)
                .withLock(lock == null ? null : Path.of(lock)).withChecks(SessionSpec.Checks.TRUST_AND_LOCK);
        return config == null ? s.withoutConfig() : s.withConfig(Path.of(config));
    }

    /**
     * Opens the session on {@code ws} and checks, before any repository is analysed, that its packs are the
     * pinned ones and that the project's parameters and the baseline are good.
     *
     * @throws SetupException for a refused pack, project, lock or baseline file, or a pack that changed
     */
    public Session open(Workspace ws) {
        Session s = ws.open(sessionSpec());
        try {
            LockFile.parse(pinned, "the batch's pinned packs").enforce(s.packs(), null);
        } catch (ConfigException e) {
            throw new IllegalStateException("the batch's pinned packs do not parse: " + e.getMessage(), e);
        } catch (PackException e) {
            throw SetupException.of(e);
        }
        s.options(s.ruleSet(), request(List.of()), List.of()); // unknown parameters, a missing baseline: before any work
        return s;
    }

    /** The request for one repository whose inputs found {@code sourceRoots}: scope, gate, baseline. */
    public AnalysisRequest request(List<Path> sourceRoots) {
        Options base = scope.apply(Options.defaults(), sourceRoots);
        return AnalysisRequest.defaults().withBase(base)
                .withFailOn(failOn == null ? null : FailOn.byId(failOn).orElseThrow())
                .withBaseline(baseline == null ? null : Path.of(baseline));
    }

    /**
     * A hash of everything besides the inputs that decides a repository's result: the engine version, the
     * packs' content (pinned), trust, limits, gate, parameters, scope, and the content of the project file
     * and the baseline. {@code --resume} redoes a repository when it changed.
     */
    public String hash() {
        StringBuilder sb = new StringBuilder();
        sb.append(EngineInfo.name()).append(' ').append(EngineInfo.version()).append('\n');
        try {
            for (LockFile.LockedPack p : LockFile.parse(pinned, "lock").packs()) {
                sb.append(p.id()).append('@').append(p.version()).append(' ').append(p.sha256()).append('\n');
            }
        } catch (ConfigException e) {
            sb.append(pinned);
        }
        List<String> parts = new ArrayList<>(packs);
        parts.addAll(rulePacks);
        sb.append(String.join("\n", parts)).append('\n');
        sb.append(trust).append(' ').append(failOn).append(' ').append(scope).append('\n');
        new TreeMap<>(params).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        new TreeMap<>(limits).forEach((k, v) -> sb.append("limit ").append(k).append('=').append(v).append('\n'));
        sb.append("config ").append(config).append(' ').append(contentHash(config)).append('\n');
        sb.append("baseline ").append(baseline).append(' ').append(contentHash(baseline)).append('\n');
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String contentHash(String file) {
        if (file == null) {
            return "-";
        }
        try {
            return Sha256.hex(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
