package dev.perfwarden.engine.pack;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code pack.yaml} as written; bound by Jackson with unknown keys refused. Validation beyond the
 * shape (semver, ranges, types) happens in {@link PackLoader}.
 */
record PackManifest(
        @JsonProperty("id") String id,
        @JsonProperty("version") String version,
        @JsonProperty("perfwarden") String perfwarden,
        @JsonProperty("description") String description,
        @JsonProperty("requires") LinkedHashMap<String, String> requires,
        @JsonProperty("parameters") LinkedHashMap<String, ParamSpec> parameters,
        @JsonProperty("rules") List<RuleEntry> rules) {

    record ParamSpec(
            @JsonProperty("type") String type,
            @JsonProperty("default") Object defaultValue,
            @JsonProperty("description") String description) {
    }

    /** Optional: when present, must agree with the rules' DRL metadata (which is the source of truth). */
    record RuleEntry(
            @JsonProperty("id") String id,
            @JsonProperty("severity") String severity,
            @JsonProperty("tags") List<String> tags,
            @JsonProperty("summary") String summary) {
    }
}
