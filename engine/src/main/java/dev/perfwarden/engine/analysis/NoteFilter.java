package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;

/**
 * Hides notes, counted as hidden ("notes"): the text report's default, where notes (cold code, facts worth
 * knowing) would bury the warnings and errors. {@code --all} or {@code --min-severity note} shows them;
 * JSON and SARIF keep them.
 */
public final class NoteFilter implements FindingFilter {
    public static final String REASON = "notes";

    @Override
    public String hide(Finding f) {
        return f.severity() == Severity.NOTE ? REASON : null;
    }
}
