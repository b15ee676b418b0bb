package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;

/**
 * One sample type of one profile: its total, and the shares the runtime's buckets take of it
 * (cumulative share of stacks that pass through the allocator, the GC workers/assists, the
 * scheduler). Rules test for its presence to tell "no profile given" from "cold".
 */
public record ProfileSummary(String input, String sampleType, String unit, long total, long durationNanos,
                             long period, double allocatorShare, double gcShare, double schedulerShare)
        implements Fact {
}
