package dev.perfwarden.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious a finding is. The ids ({@code error}, {@code warning}, {@code note}) are used in rule
 * metadata, in JSON output and, unchanged, as SARIF levels. Declared from most to least severe.
 */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    /** Lower-case id as written in rule metadata and output. */
    public String id() {
        return id;
    }

    /** {@code true} when this severity is {@code other} or more severe. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** One level more severe (note → warning → error); error stays error. */
    public Severity raise() {
        return this == NOTE ? WARNING : ERROR;
    }

    /** Parses an id, case-insensitively; empty for anything else. */
    public static Optional<Severity> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Severity v : values()) {
            if (v.id.equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
