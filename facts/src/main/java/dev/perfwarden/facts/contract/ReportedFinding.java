package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;

/**
 * A finding of an analysis as a findings clause counts it: what is left after scope filters, in-source
 * suppressions and the baseline (so with a baseline, only new findings). Every finding on its own, also one a report
 * folds into another rule's finding on the same line, and whatever the report shows (its severity floor,
 * {@code --all}, {@code contract check}'s hiding of other rules' findings). {@code rule} is the rule id,
 * {@code symbol} the function, {@code severity} its id ({@code error}, {@code warning}, {@code note}).
 */
public record ReportedFinding(String rule, String symbol, String file, int line, int col, String severity,
                              String message) implements Fact {
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
