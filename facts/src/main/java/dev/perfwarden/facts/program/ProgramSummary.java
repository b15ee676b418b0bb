package dev.perfwarden.facts.program;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.ssa.BceCheck;

/**
 * Program-wide figures over every fact of one analysis, counted once before the rules run. A rule that
 * needs a figure of the whole program (not of the package it is looking at) reads this fact instead of
 * aggregating every fact in its session: an analysis partitioned by package gives each package's session
 * this same summary, so such a rule fires there exactly as in one session over the whole program.
 *
 * @param boundsChecks kept bounds checks the compiler reported ({@code -json} {@code isInBounds} /
 *                     {@code isSliceInBounds} and {@code check_bce} {@code Found IsInBounds} /
 *                     {@code Found IsSliceInBounds}); 0 when no such input was given
 */
public record ProgramSummary(long boundsChecks) implements Fact {
    /** The summary of {@code facts}; a {@link ProgramSummary} among them is not counted. */
    public static ProgramSummary of(Iterable<?> facts) {
        long checks = 0;
        for (Object o : facts) {
            if (o instanceof BoundsCheck || o instanceof BceCheck) {
                checks++;
            }
        }
        return new ProgramSummary(checks);
    }
}
