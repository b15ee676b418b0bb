package dev.perfwarden.engine.gate;

import dev.perfwarden.engine.model.Severity;

import java.util.Locale;
import java.util.Optional;

/** The {@code --fail-on} threshold: the gate fails on any visible finding at or above it; {@link #NONE} never fails. */
public enum FailOn {
    ERROR("error", Severity.ERROR),
    WARNING("warning", Severity.WARNING),
    NOTE("note", Severity.NOTE),
    NONE("none", null);

    private final String id;
    private final Severity threshold;

    FailOn(String id, Severity threshold) {
        this.id = id;
        this.threshold = threshold;
    }

    public String id() {
        return id;
    }

    /** The least severe severity that fails the gate; empty for {@link #NONE}. */
    public Optional<Severity> threshold() {
        return Optional.ofNullable(threshold);
    }

    public static Optional<FailOn> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (FailOn f : values()) {
            if (f.id.equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
