package dev.perfwarden.engine.kie;

/**
 * Settings of Drools that perfwarden gives before any rule runs, as system properties (Drools reads them once, when
 * the class that uses them is first loaded), each only when the user has not set it.
 */
final class DroolsSettings {
    /**
     * How many compiled regular expressions the executable model's {@code matches} operator keeps. Drools' default is
     * none: every evaluation of {@code subject matches "…"} compiles its pattern again (on Go's standard library, some
     * 5 % of an analysis's CPU went to {@code Pattern.compile}). The packs' patterns are string literals, a few dozen.
     */
    static final String MATCHES_CACHE = "drools.matches.compiled.cache.count";
    static final String MATCHES_CACHE_SIZE = "256";

    private DroolsSettings() {
    }

    /** Sets what the user did not set; idempotent. */
    static void apply() {
        if (System.getProperty(MATCHES_CACHE) == null) {
            System.setProperty(MATCHES_CACHE, MATCHES_CACHE_SIZE);
        }
    }
}
