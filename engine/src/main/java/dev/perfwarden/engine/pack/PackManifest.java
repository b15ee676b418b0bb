package dev.perfwarden.engine.pack;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code pack.yaml} as written; bound by Jackson with unknown keys refused. Plain classes rather than
 * records on purpose: Jackson then meets an unknown key while streaming and reports its own line
 * (records are bound through a creator, which reports the end of the enclosing mapping instead).
 * Validation beyond the shape (semver, ranges, types) happens in {@link PackLoader}.
 */
final class PackManifest {
    @JsonProperty("id")
    String id;
    @JsonProperty("version")
    String version;
    @JsonProperty("perfwarden")
    String perfwarden;
    @JsonProperty("description")
    String description;
    @JsonProperty("requires")
    LinkedHashMap<String, String> requires;
    @JsonProperty("parameters")
    LinkedHashMap<String, ParamSpec> parameters;
    @JsonProperty("rules")
    List<RuleEntry> rules;

    static final class ParamSpec {
        @JsonProperty("type")
        String type;
        @JsonProperty("default")
        Object defaultValue;
        @JsonProperty("description")
        String description;
    }

    /** Optional: when present, must agree with the rules' DRL metadata (which is the source of truth). */
    static final class RuleEntry {
        @JsonProperty("id")
        String id;
        @JsonProperty("severity")
        String severity;
        @JsonProperty("tags")
        List<String> tags;
        @JsonProperty("summary")
        String summary;
    }
}
