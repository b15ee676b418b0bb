package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;

import java.util.List;

/**
 * One benchmark and unit compared between a base and a head run, as benchstat compares them:
 * medians, {@code delta = head / base - 1}, the two-sided Mann-Whitney U p-value, the sample
 * sizes, and {@code minP}, the smallest p-value samples of these sizes can reach (when it is above
 * a contract's α, no verdict is possible). {@code benchmark} is benchstat's row name
 * ({@code Parse-2}: no {@code Benchmark} prefix), {@code name} the Go name without the
 * GOMAXPROCS suffix ({@code BenchmarkParse}); {@code unit} as benchstat prints it ({@code sec/op},
 * {@code B/op}, custom units), {@code higherIsBetter} for throughput units ({@code B/s}, {@code x/s}).
 * {@code allEqual}: every sample of both runs has one value (no test, p = 1).
 */
public record BenchComparison(String pkg, String benchmark, String name, String unit, double base, double head,
                              double delta, double p, double minP, int nBase, int nHead, boolean higherIsBetter,
                              boolean allEqual, List<Evidence> evidence) implements Fact {
    public BenchComparison {
        evidence = List.copyOf(evidence);
    }

    /** A change in the bad direction: slower, bigger, more allocations (or less throughput). */
    public boolean worse() {
        return higherIsBetter ? delta < 0 : delta > 0;
    }
}
