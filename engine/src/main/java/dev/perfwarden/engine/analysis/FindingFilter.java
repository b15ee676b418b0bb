package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;

/**
 * Hides findings before the gate: suppressions, baselines, severity floors. Returns the reason a finding
 * is hidden (counted in {@code summary.hidden} under that name), or null to keep it.
 */
@FunctionalInterface
public interface FindingFilter {
    String hide(Finding finding);
}
