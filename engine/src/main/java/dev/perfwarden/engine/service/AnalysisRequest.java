package dev.perfwarden.engine.service;

import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.gate.FailOn;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How one analysis of a {@link Session} runs, beyond what the project file says.
 *
 * @param base        the options to start from (scope filters, tool); the project's settings are added
 * @param failOn      the gate; null takes the project file's, else {@link FailOn#ERROR}
 * @param baseline    the baseline file; null takes the project file's
 * @param useBaseline false ignores any baseline (creating a new one)
 */
public record AnalysisRequest(Options base, FailOn failOn, Path baseline, boolean useBaseline) {
    public AnalysisRequest {
        Objects.requireNonNull(base, "base");
    }

    /** {@link Options#defaults()}, the project's gate and baseline. */
    public static AnalysisRequest defaults() {
        return new AnalysisRequest(Options.defaults(), null, null, true);
    }

    public AnalysisRequest withBase(Options o) {
        return new AnalysisRequest(o, failOn, baseline, useBaseline);
    }

    public AnalysisRequest withFailOn(FailOn f) {
        return new AnalysisRequest(base, f, baseline, useBaseline);
    }

    public AnalysisRequest withBaseline(Path b) {
        return new AnalysisRequest(base, failOn, b, useBaseline);
    }

    /** Every finding after source suppressions, without a baseline and without a gate (to write a baseline). */
    public AnalysisRequest forNewBaseline() {
        return new AnalysisRequest(base, FailOn.NONE, null, false);
    }
}
