package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * One sample type of one profile: its total, and the shares the runtime's buckets take of it
 * (cumulative share of stacks that pass through the allocator, the GC workers/assists, the
 * scheduler). Rules test for its presence to tell "no profile given" from "cold".
 * {@code profilerShare}: the share of stacks in the memory profiler itself ({@code runtime.profilealloc},
 * {@code runtime.mProf_Malloc}, …); above {@link #SKEW_LIMIT} in a CPU profile, every share the profile
 * gives is skewed by the profiling (the profile was taken with a low {@code -memprofilerate}).
 */
@FactDoc(name = "profile-summary", inputs = {"pprof"},
        value = "One sample type of one profile: its total and the shares of the allocator, GC and scheduler.")
public record ProfileSummary(
                             @FieldDoc("the profile file") String input, String sampleType, String unit, long total, long durationNanos,
                             long period,
                             @FieldDoc("cumulative share of samples in the allocator") double allocatorShare,
                             @FieldDoc("share of samples in GC workers and assists") double gcShare,
                             @FieldDoc("share of samples in the scheduler") double schedulerShare,
                             @FieldDoc("share of samples in the memory profiler itself (above 0.02 the profile is skewed)") double profilerShare) implements Fact {
    /** Profiling overhead above which a CPU profile is called skewed (2 %). */
    public static final double SKEW_LIMIT = 0.02;

    /** A CPU profile whose memory-profiling overhead exceeds {@link #SKEW_LIMIT}. */
    public boolean skewed() {
        return sampleType.equals("cpu") && profilerShare > SKEW_LIMIT;
    }
}
