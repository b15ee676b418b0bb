package dev.perfwarden.engine.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A finding's largest share within one benchmark: JSON {@code cost.benchmark}. A {@code go test -bench} CPU profile
 * merges its binary's benchmarks, each run for about the same {@code -benchtime}, so a site's share of the profile
 * ({@link Cost#cpuShare()}) is about the mean of its shares in them: a third of one benchmark in a suite of 73 is
 * 0.5 %; a Go engineer judges a change per benchmark (benchstat). Measured on the same samples as the cost (the
 * instructions a finding is weighed on: their flat samples, a {@code CALL}'s cum for a {@code cum} measure).
 *
 * @param name        the benchmark, without its package ({@code BenchmarkSet}; a sub-benchmark's or a
 *                    {@code b.RunParallel} body's function literal as the profile names it: {@code BenchmarkX.func1})
 * @param share       the site's samples in that benchmark as a share of the benchmark's timed samples
 * @param samples     that benchmark's timed samples (its setup left out)
 * @param siteSamples the site's samples in that benchmark
 */
public record BenchmarkShare(String name, double share, long samples, long siteSamples) {
    public BenchmarkShare {
        Objects.requireNonNull(name, "name");
    }

    /** {@code BenchmarkSet: 20 of its 87 samples (23.0 %)}. */
    public String format() {
        return String.format(Locale.ROOT, "%s: %d of its %d samples (%s)", name, siteSamples, samples, Cost.pct(share));
    }
}
