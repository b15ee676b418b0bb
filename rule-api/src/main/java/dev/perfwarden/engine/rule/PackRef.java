package dev.perfwarden.engine.rule;

/**
 * One per loaded pack in every session: ties a rule's DRL package to its pack id and version, so the
 * prelude can label findings ({@code go-perf@1.0.0}) and find the pack's parameters.
 */
public record PackRef(String pkg, String id, String version) {
    public String label() {
        return id + "@" + version;
    }
}
