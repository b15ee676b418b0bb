package dev.perfwarden.facts.core;

import java.util.Objects;

/**
 * One line of real toolchain output that supports a fact or a finding, kept verbatim so a report
 * can quote what the compiler said. {@code input} is the {@link InputKind} id.
 */
public record Evidence(String input, String text, InputPos at) {
    public Evidence {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(text, "text");
    }

    public static Evidence of(InputKind kind, String text, InputPos at) {
        return new Evidence(kind.id(), text, at);
    }

    /**
     * A line a rule writes itself from the facts of input kind {@code input} ({@code "pprof"}), not quoted from a
     * file: {@code Evidence.of("pprof", "runtime.mallocgc: cum 12.3 % of cpu samples")}. Allowed in restricted mode.
     */
    public static Evidence of(String input, String text) {
        return new Evidence(input, text, null);
    }
}
