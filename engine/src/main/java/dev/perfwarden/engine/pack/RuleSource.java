package dev.perfwarden.engine.pack;

import java.util.Objects;

/**
 * The source of one rule as loaded: what the author wrote and the DRL that Drools compiles from it.
 *
 * @param ruleId   the rule id (its folder name)
 * @param file     path relative to the pack root, e.g. {@code slow-call/rule.dslr}
 * @param language DRL or DSLR
 * @param text     the file as written
 * @param drl      the DRL compiled for it: {@code text} for DRL, the DSL expansion for DSLR
 * @param lineMap  maps {@code drl} lines back to {@code text} lines
 */
public record RuleSource(String ruleId, String file, Language language, String text, String drl, LineMap lineMap) {
    public enum Language { DRL, DSLR }

    public RuleSource {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(drl, "drl");
        Objects.requireNonNull(lineMap, "lineMap");
    }
}
