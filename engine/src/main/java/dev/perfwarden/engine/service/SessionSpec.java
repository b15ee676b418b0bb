package dev.perfwarden.engine.service;

import dev.perfwarden.engine.restrict.Trust;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to open a {@link Session} on: the packs asked for (else the project file's, else go-perf), the
 * project file, the lock file, trust, parameter overrides, and what to check. Immutable; start from
 * {@link #defaults()}.
 *
 * @param packs     built-in packs, {@code id} or {@code id@RANGE} (e.g. {@code go-perf@^1.0})
 * @param rulePacks user pack folders or {@code .zip}/{@code .jar} archives
 * @param params    parameter overrides, {@code "pack:name"} or {@code "name"} → value; they win over the
 *                  project file's
 * @param config    the project file to use; null finds {@code .perfwarden.yaml} upward from {@code starts}
 *                  (then the current folder)
 * @param noConfig  ignore any project file
 * @param lock      the lock file to enforce; null takes the project file's
 * @param trust     how far packs that do not ship with perfwarden are trusted
 * @param starts    where to look for the project file from (files count as their folder)
 * @param checks    what {@link Workspace#open} enforces
 * @param limits    run-time limit overrides ({@code --limit}), name → value; they win over the project file's
 *                  {@code limits:} (see {@link dev.perfwarden.engine.restrict.SessionLimits})
 */
public record SessionSpec(List<String> packs, List<Path> rulePacks, Map<String, Object> params, Path config,
                          boolean noConfig, Path lock, Trust trust, List<Path> starts, Checks checks,
                          Map<String, String> limits) {
    /** What opening a session enforces before it returns. */
    public enum Checks {
        /** Only load: for commands that list packs or report on them ({@link Session#verify()}). */
        NONE,
        /** Refuse packs that break restricted mode (writing a lock file replaces the old one). */
        TRUST,
        /** Refuse packs that break restricted mode or differ from the lock file: what an analysis needs. */
        TRUST_AND_LOCK
    }

    public SessionSpec {
        packs = List.copyOf(packs);
        rulePacks = List.copyOf(rulePacks);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(trust, "trust");
        starts = List.copyOf(starts);
        Objects.requireNonNull(checks, "checks");
        limits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(limits == null ? Map.of() : limits));
    }

    /** A spec without limit overrides. */
    public SessionSpec(List<String> packs, List<Path> rulePacks, Map<String, Object> params, Path config,
                       boolean noConfig, Path lock, Trust trust, List<Path> starts, Checks checks) {
        this(packs, rulePacks, params, config, noConfig, lock, trust, starts, checks, Map.of());
    }

    /** Run-time limit overrides, name → value ({@code time=30s}); see {@code docs/packs.md}. */
    public SessionSpec withLimits(Map<String, String> l) {
        return new SessionSpec(packs, rulePacks, params, config, noConfig, lock, trust, starts, checks, l);
    }

    /** go-perf (or the project file's packs), restricted trust, every check. */
    public static SessionSpec defaults() {
        return new SessionSpec(List.of(), List.of(), Map.of(), null, false, null, Trust.RESTRICTED, List.of(),
                Checks.TRUST_AND_LOCK);
    }

    public SessionSpec withPacks(List<String> p) {
        return new SessionSpec(p, rulePacks, params, config, noConfig, lock, trust, starts, checks, limits);
    }

    public SessionSpec withRulePacks(List<Path> r) {
        return new SessionSpec(packs, r, params, config, noConfig, lock, trust, starts, checks, limits);
    }

    public SessionSpec withParams(Map<String, Object> p) {
        return new SessionSpec(packs, rulePacks, p, config, noConfig, lock, trust, starts, checks, limits);
    }

    /** Use {@code file} as the project file (null: find it). */
    public SessionSpec withConfig(Path file) {
        return new SessionSpec(packs, rulePacks, params, file, noConfig, lock, trust, starts, checks, limits);
    }

    /** Ignore any project file. */
    public SessionSpec withoutConfig() {
        return new SessionSpec(packs, rulePacks, params, config, true, lock, trust, starts, checks, limits);
    }

    public SessionSpec withLock(Path file) {
        return new SessionSpec(packs, rulePacks, params, config, noConfig, file, trust, starts, checks, limits);
    }

    public SessionSpec withTrust(Trust t) {
        return new SessionSpec(packs, rulePacks, params, config, noConfig, lock, t, starts, checks, limits);
    }

    public SessionSpec withStarts(List<Path> s) {
        return new SessionSpec(packs, rulePacks, params, config, noConfig, lock, trust, s, checks, limits);
    }

    public SessionSpec withChecks(Checks c) {
        return new SessionSpec(packs, rulePacks, params, config, noConfig, lock, trust, starts, c, limits);
    }
}
