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
 * {@code assemblyShare}: the flat share of the samples in functions outside the standard library compiled from
 * assembly (their lines are in a {@code .s} file, as {@code go tool pprof -lines} prints them): code that no rule
 * sees (no -m output, no SSA, no bounds checks); {@code assemblyFunctions} names the largest of them. Stays one
 * fact per profile when several are given (the facts of the sites are merged, see {@link ProfileMerge}).
 * {@code binary}: the build ID of the profiled program (the profile's first mapping, as {@code go tool pprof -raw}
 * prints it; "" when it has none: Go 1.23's test binaries have none, and the file name is no substitute, since
 * {@code go test -cpuprofile} runs the binary from a fresh {@code /tmp/go-build…} folder each time): {@code scan --bench}
 * profiles one test binary per package, and a CPU and a heap profile of one binary share it, so a rule judges a line's bytes
 * by the CPU profile of the binary that allocated them. {@code leftOut}: the value of the samples left out as
 * benchmark setup ({@link UntimedLines}), in no share: {@code total + |leftOut|} is what {@code go tool pprof} counts.
 */
@FactDoc(name = "profile-summary", inputs = {"pprof"},
        value = "One sample type of one profile: its total and the shares of the allocator, GC and scheduler.")
public record ProfileSummary(
                             @FieldDoc("the profile file") String input, String sampleType, String unit, long total, long durationNanos,
                             long period,
                             @FieldDoc("cumulative share of samples in the allocator") double allocatorShare,
                             @FieldDoc("share of samples in GC workers and assists") double gcShare,
                             @FieldDoc("share of samples in the scheduler") double schedulerShare,
                             @FieldDoc("share of samples in the memory profiler itself (above 0.02 the profile is skewed)") double profilerShare,
                             @FieldDoc("flat share of samples in functions outside the standard library written in assembly (.s files)") double assemblyShare,
                             @FieldDoc("the largest of those functions, at most three, each as `name (84.1 %)`, largest first") java.util.List<String> assemblyFunctions,
                             @FieldDoc("the profiled program's build ID (\"\" when the profile has none): profiles of one test binary share it") String binary,
                             @FieldDoc("the value of the samples left out as benchmark setup (before b.ResetTimer, …), counted in no share") long leftOut) implements Fact {
    /** Share of a CPU profile's flat samples in assembly above which the report notes it ({@link #assemblyNote}). */
    public static final double ASSEMBLY_NOTE = 0.5;

    public ProfileSummary {
        assemblyFunctions = java.util.List.copyOf(assemblyFunctions);
    }

    /** A profile of an unknown binary with no samples left out. */
    public ProfileSummary(String input, String sampleType, String unit, long total, long durationNanos, long period,
                          double allocatorShare, double gcShare, double schedulerShare, double profilerShare,
                          double assemblyShare, java.util.List<String> assemblyFunctions) {
        this(input, sampleType, unit, total, durationNanos, period, allocatorShare, gcShare, schedulerShare,
                profilerShare, assemblyShare, assemblyFunctions, "", 0);
    }

    /** Whether this profile and {@code other} are of one program, or either's program is unknown. */
    public boolean sameBinary(ProfileSummary other) {
        return binary.isEmpty() || other.binary.isEmpty() || binary.equals(other.binary);
    }

    /**
     * The allocator's and the collector's share of a CPU profile's samples: what all the bytes of a heap profile of
     * the same program cost (the engine's weighing of a line's bytes and interface-escape's both read it).
     */
    public double heapCostShare() {
        return allocatorShare + gcShare;
    }

    /** {@link #heapCostShare()} as a number of samples (the total over the period); unbounded when no period is known. */
    public double heapCostSamples() {
        return period > 0 ? heapCostShare() * Math.abs(total) / period : Double.MAX_VALUE;
    }

    /** The share of {@code value} in everything the profile holds, setup left out included ({@code go tool pprof}'s). */
    public double shareOfAll(long value) {
        long all = Math.abs(total) + Math.abs(leftOut);
        return all == 0 ? 0 : Math.abs((double) value / all);
    }

    /** A profile with no samples in assembly outside the standard library. */
    public ProfileSummary(String input, String sampleType, String unit, long total, long durationNanos, long period,
                          double allocatorShare, double gcShare, double schedulerShare, double profilerShare) {
        this(input, sampleType, unit, total, durationNanos, period, allocatorShare, gcShare, schedulerShare,
                profilerShare, 0, java.util.List.of());
    }

    /**
     * The report's note on a CPU profile whose flat samples are mostly ({@link #ASSEMBLY_NOTE} or more) in assembly
     * outside the standard library, naming the share and the functions; null for any other.
     */
    public String assemblyNote() {
        if (!sampleType.equals("cpu") || assemblyShare < ASSEMBLY_NOTE) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %%", assemblyShare * 100) + " of its CPU samples (flat) are"
                + " in assembly (.s files), which no rule sees: " + String.join(", ", assemblyFunctions);
    }
    /** Profiling overhead above which a CPU profile is called skewed (2 %). */
    public static final double SKEW_LIMIT = 0.02;

    /** A CPU profile whose memory-profiling overhead exceeds {@link #SKEW_LIMIT}. */
    public boolean skewed() {
        return sampleType.equals("cpu") && profilerShare > SKEW_LIMIT;
    }
}
