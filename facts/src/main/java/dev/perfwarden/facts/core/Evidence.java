package dev.perfwarden.facts.core;

import java.util.Objects;

/**
 * One line of real toolchain output that supports a fact or a finding, so a report can quote what the
 * compiler said. {@code input} is the {@link InputKind} id. The text is either held ({@code text}) or,
 * for the large line-based inputs ({@code -m} text, {@code -json} records), kept by reference
 * ({@code ref}: the file and byte offset of the line) and read back only when {@link #text()} is called,
 * which the engine does for reported findings alone.
 */
public record Evidence(String input, String text, InputPos at, TextRef ref) {
    public Evidence {
        Objects.requireNonNull(input, "input");
        if (text == null && ref == null) {
            throw new NullPointerException("text");
        }
    }

    public Evidence(String input, String text, InputPos at) {
        this(input, Objects.requireNonNull(text, "text"), at, null);
    }

    public static Evidence of(InputKind kind, String text, InputPos at) {
        return new Evidence(kind.id(), text, at);
    }

    /** Evidence whose text stays in its input file until a report reads it. */
    public static Evidence of(InputKind kind, TextRef ref, InputPos at) {
        return new Evidence(kind.id(), null, at, Objects.requireNonNull(ref, "ref"));
    }

    /** The line as printed: held, or read back from the input now. */
    @Override
    public String text() {
        return text != null ? text : ref.read();
    }

    /**
     * A line a rule writes itself from the facts of input kind {@code input} ({@code "pprof"}), not quoted from a
     * file: {@code Evidence.of("pprof", "runtime.mallocgc: cum 12.3 % of cpu samples")}. Allowed in restricted mode.
     */
    public static Evidence of(String input, String text) {
        return new Evidence(input, text, null);
    }

    // written out, as the record's own would be (over the fields: a referenced text is not read): see SourcePos
    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence e && input.equals(e.input) && Objects.equals(text, e.text)
                && Objects.equals(at, e.at) && Objects.equals(ref, e.ref);
    }

    @Override
    public int hashCode() {
        return ((input.hashCode() * 31 + Objects.hashCode(text)) * 31 + Objects.hashCode(at)) * 31
                + Objects.hashCode(ref);
    }

    @Override
    public String toString() {
        return "Evidence[input=" + input + ", text=" + text + ", at=" + at + ", ref=" + ref + "]";
    }
}
