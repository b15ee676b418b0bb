package dev.perfwarden.engine.pack;

import java.util.Objects;

/**
 * The source of one rule as loaded: what the author wrote and the DRL that Drools compiles from it.
 *
 * @param ruleId   the rule id (its folder name); for a pack-level policy file, which may define several
 *                 rules, the file's path
 * @param file     path relative to the pack root, e.g. {@code slow-call/rule.dslr}
 * @param language the language of {@code text} (the front-end that translated it)
 * @param text     the file as written
 * @param drl      the DRL compiled for it: {@code text} for DRL, the DSL expansion for DSLR, the generated
 *                 DRL for YAML
 * @param lineMap  maps {@code drl} lines back to {@code text} lines
 */
public record RuleSource(String ruleId, String file, Language language, String text, String drl, LineMap lineMap)
        implements java.io.Serializable {
    /** The language of a rule source; {@link #OTHER} for a plug-in front-end's. */
    public enum Language {
        DRL, DSLR, YAML, OTHER;

        /** The language of front-end {@code id} ({@code drl}, {@code dslr}, {@code yaml}, else OTHER). */
        public static Language of(String frontendId) {
            for (Language l : values()) {
                if (l.name().equalsIgnoreCase(frontendId)) {
                    return l;
                }
            }
            return OTHER;
        }
    }

    public RuleSource {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(drl, "drl");
        Objects.requireNonNull(lineMap, "lineMap");
    }
}
