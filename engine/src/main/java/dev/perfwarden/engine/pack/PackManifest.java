package dev.perfwarden.engine.pack;

import java.util.List;

/**
 * {@code pack.yaml} as written, read by {@link PackManifestReader} through the one positioned YAML
 * reader: every value with the line and column of its key, so that {@link PackLoader}'s checks beyond
 * the shape (semver, ranges, parameter types, the optional rule list) name the real place.
 *
 * @param id          null when missing
 * @param version     null when missing
 * @param perfwarden  the engine range; null when not written
 * @param requires    other packs with version ranges, in file order
 * @param parameters  in file order
 * @param rules       the optional rule list; null when not written
 * @param rulesLine   the line of {@code rules:} (1 when not written)
 */
record PackManifest(Text id, Text version, Text perfwarden, String description, List<Require> requires,
                    List<ParamSpec> parameters, List<RuleEntry> rules, int rulesLine) {
    PackManifest {
        requires = List.copyOf(requires);
        parameters = List.copyOf(parameters);
        rules = rules == null ? null : List.copyOf(rules);
    }

    /** A text value and where its key is. */
    record Text(String value, int line, int col) {
    }

    /** {@code requires: {ID: RANGE}}. */
    record Require(String id, String range, int line, int col) {
    }

    /** One entry of {@code parameters:}; {@code type}, {@code defaultValue} null when not written. */
    record ParamSpec(String name, String type, Object defaultValue, String description, int line, int col) {
    }

    /** Optional: when present, must agree with the rules' DRL metadata (which is the source of truth). */
    record RuleEntry(String id, String severity, List<String> tags, String summary, int line, int col) {
    }
}
