package dev.perfwarden.engine.ruletest;

import java.util.List;

/**
 * The outcome of one rule on one capture set: how many findings were expected and found, and
 * every mismatch as {@code file:line}.
 */
public record RuleTestResult(String rule, String capture, int expected, int found, List<String> missing,
                             List<String> unexpected, List<String> inputErrors) {
    public RuleTestResult {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        inputErrors = List.copyOf(inputErrors);
    }

    public boolean passed() {
        return missing.isEmpty() && unexpected.isEmpty() && inputErrors.isEmpty();
    }

    /** Every mismatch, one per line, compiler style. */
    public List<String> mismatches() {
        List<String> out = new java.util.ArrayList<>();
        missing.forEach(m -> out.add(m + ": missing " + rule + " (" + capture + ")"));
        unexpected.forEach(u -> out.add(u + ": unexpected " + rule + " (" + capture + ")"));
        inputErrors.forEach(e -> out.add(e + " (" + capture + ")"));
        return out;
    }
}
