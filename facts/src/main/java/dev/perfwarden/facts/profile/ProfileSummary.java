package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;

/**
 * One sample type of one profile: its total, and the shares the runtime's buckets take of it
 * (cumulative share of stacks that pass through the allocator, the GC workers/assists, the
 * scheduler). Rules test for its presence to tell "no profile given" from "cold".
 * {@code profilerShare}: the share of stacks in the memory profiler itself ({@code runtime.profilealloc},
 * {@code runtime.mProf_Malloc}, …); above {@link #SKEW_LIMIT} in a CPU profile, every share the profile
 * gives is skewed by the profiling (the profile was taken with a low {@code -memprofilerate}).
 */
public record ProfileSummary(String input, String sampleType, String unit, long total, long durationNanos,
                             long period, double allocatorShare, double gcShare, double schedulerShare,
                             double profilerShare) implements Fact {
    /** Profiling overhead above which a CPU profile is called skewed (2 %). */
    public static final double SKEW_LIMIT = 0.02;

    /** A CPU profile whose memory-profiling overhead exceeds {@link #SKEW_LIMIT}. */
    public boolean skewed() {
        return sampleType.equals("cpu") && profilerShare > SKEW_LIMIT;
    }
}
