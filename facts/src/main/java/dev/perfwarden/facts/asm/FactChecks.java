package dev.perfwarden.facts.asm;

import java.util.Objects;

/** Shared checks for the compact constructors of the machine-code and SSA fact records. */
public final class FactChecks {
    private FactChecks() {
    }

    /** Checks the {@code Located} components: non-null strings, line and col not negative. */
    public static void located(String symbol, String file, int line, int col) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0 (0 = unknown): " + line);
        }
        if (col < 0) {
            throw new IllegalArgumentException("col must be >= 0 (0 = unknown): " + col);
        }
    }
}
