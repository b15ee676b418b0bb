package dev.perfwarden.engine.frontend;

import java.util.Objects;

/**
 * A problem in a rule source, where its author has to fix it.
 *
 * @param file    path relative to the pack root; usually the file translated, but it may be another one
 *                (e.g. the pack's {@code .dsl})
 * @param line    1-based line in {@code file}; 0 when unknown
 * @param column  1-based column; 0 when unknown
 * @param message what is wrong and what was expected
 */
public record Diagnostic(String file, int line, int column, String message) {
    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        line = Math.max(0, line);
        column = Math.max(0, column);
    }

    /** {@code file:line:col: message}, the column and line left out when unknown. */
    public String format() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
