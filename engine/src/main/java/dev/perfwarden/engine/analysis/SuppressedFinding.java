package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;

import java.util.Objects;

/** A finding a {@link Suppressor} hid, with the suppression that hid it (SARIF lists both). */
public record SuppressedFinding(Finding finding, Suppression suppression) {
    public SuppressedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(suppression, "suppression");
    }
}
