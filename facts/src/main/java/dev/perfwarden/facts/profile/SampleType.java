package dev.perfwarden.facts.profile;

import java.util.Objects;

/** One {@code sample_type} of a profile: what is counted ({@code cpu}, {@code alloc_space}) and its unit. */
public record SampleType(String type, String unit) {
    public SampleType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
    }

    /** {@code type/unit}, as {@code go tool pprof -raw} prints it. */
    public String format() {
        return type + "/" + unit;
    }
}
