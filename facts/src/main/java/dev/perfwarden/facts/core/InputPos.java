package dev.perfwarden.facts.core;

import java.util.Objects;

/**
 * A position inside a captured input: the capture's path and its 1-based line (for binary inputs
 * such as pprof, the byte offset, flagged by {@code byteOffset}).
 */
public record InputPos(String input, long line, boolean byteOffset) {
    public InputPos {
        Objects.requireNonNull(input, "input");
    }

    public static InputPos line(String input, long line) {
        return new InputPos(input, line, false);
    }

    public static InputPos offset(String input, long offset) {
        return new InputPos(input, offset, true);
    }

    /** {@code path:line}, or {@code path:@offset} for binary inputs. */
    public String format() {
        return byteOffset ? input + ":@" + line : input + ":" + line;
    }

    // written out, as the record's own would be: see SourcePos
    @Override
    public boolean equals(Object o) {
        return o instanceof InputPos p && line == p.line && byteOffset == p.byteOffset && input.equals(p.input);
    }

    @Override
    public int hashCode() {
        return (input.hashCode() * 31 + Long.hashCode(line)) * 31 + Boolean.hashCode(byteOffset);
    }

    @Override
    public String toString() {
        return "InputPos[input=" + input + ", line=" + line + ", byteOffset=" + byteOffset + "]";
    }
}
