package dev.perfwarden.facts.gctrace;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;

/**
 * What one gctrace input says as a whole, from its first to its last {@code gc} line: cycles per
 * minute over that span ({@code (last.cycle - first.cycle) / span}; NaN with fewer than two lines),
 * the GC CPU share the last line prints (cumulative since program start), the longest
 * stop-the-world pause, the largest live heap, and the live heap's growth per minute (least-squares
 * slope of live heap over time; NaN with fewer than two lines). {@code first}/{@code last} are the
 * lines the span is measured between.
 */
public record GcTraceSummary(String input, int cycles, double spanSeconds, double cyclesPerMinute, int cpuPercent,
                             double maxPauseMs, InputPos maxPauseAt, long maxLiveMB, InputPos maxLiveAt,
                             double liveGrowthMBPerMinute, GcCycle first, GcCycle last) implements Fact {
    public Evidence evidence() {
        return Evidence.of(InputKind.GCTRACE, last.text(), last.at());
    }
}
