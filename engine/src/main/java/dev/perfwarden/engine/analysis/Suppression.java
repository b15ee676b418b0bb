package dev.perfwarden.engine.analysis;

import dev.perfwarden.facts.core.SourcePos;

import java.util.Objects;

/**
 * Why a finding is not shown although a rule reported it: suppressed by a comment in the Go source
 * ({@link Kind#IN_SOURCE}) or listed in a baseline ({@link Kind#EXTERNAL}). Suppressed findings do not
 * count in the gate; SARIF still lists them, with a {@code suppressions} entry.
 *
 * @param kind          SARIF {@code suppression.kind}
 * @param reason        the key it is counted under in {@code summary.hidden}: {@code suppressed} or
 *                      {@code baseline}
 * @param justification the reason the author gave (the text after {@code --}), or the baseline file
 * @param location      where the suppression is written (the comment's file and line), or null
 */
public record Suppression(Kind kind, String reason, String justification, SourcePos location) {
    public enum Kind {
        IN_SOURCE("inSource"),
        EXTERNAL("external");

        private final String sarif;

        Kind(String sarif) {
            this.sarif = sarif;
        }

        /** The SARIF {@code suppression.kind} value. */
        public String sarif() {
            return sarif;
        }
    }

    public Suppression {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        justification = justification == null ? "" : justification;
    }
}
