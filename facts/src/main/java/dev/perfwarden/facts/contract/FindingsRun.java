package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;

/**
 * What the findings a findings clause counts were computed from: {@code inputs} inputs read without
 * error (0: nothing was analysed, so a count of zero proves nothing) and whether a baseline hid the
 * accepted findings ({@code new: none} needs one).
 */
public record FindingsRun(int inputs, boolean baseline) implements Fact {
}
