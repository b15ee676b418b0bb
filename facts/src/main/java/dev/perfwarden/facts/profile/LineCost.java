package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * What one source line costs the module in one sample type of a profile, whatever function it was
 * compiled into: summed over every function (an inlined copy, a generic instance) that holds
 * {@code file:line}, its copies inlined into test functions included (a benchmark calling
 * {@code NewEncoder} is how the module's code runs, inlined or not). Lines of test code (a
 * {@code *_test.go} file) have none: they measure the test. One fact per line and sample type, however many
 * profiles were given: the profiles of one sample type are merged as {@code go tool pprof a.pprof b.pprof}
 * merges them (google/pprof {@code profile.Merge}: the values of the samples are summed, never scaled), so a share
 * is of the summed total of all of them (a line holding 30 % of a small test binary's 40 samples holds 0.1 % of
 * 9,000; what one profile says of the line is kept for the findings' cost: {@link ProfileSite}). Three measures, shares of that total, at most 1:
 * <ul>
 *   <li>{@code self}: samples whose innermost frame outside the Go runtime, inlined frames included, is this
 *       line: its own instructions and the runtime work they ask for (allocating, growing a slice, write
 *       barriers, map access, copying), not the functions it calls, nor preemption machinery
 *       ({@code runtime.asyncPreempt}: the goroutine was interrupted there, the line did not ask for it). In a
 *       heap profile: the bytes the line allocates itself;</li>
 *   <li>{@code flat}: samples whose innermost frame is this line (pprof's flat);</li>
 *   <li>{@code cum}: samples with this line anywhere on the stack: its own work plus every call it makes;
 *       preemption samples ({@code runtime.asyncPreempt}) left out, unlike pprof's cum.</li>
 * </ul>
 * A line-scoped finding is weighed by {@code self}, or by {@code cum} when its rule is about the call the
 * line makes ({@code @cost(cum)}); a line that never appears in a CPU profile is cold even inside a hot
 * function.
 *
 * <p>In DRL: {@code LineCost(file == $e.file, line == $e.line, sampleType == "cpu", selfShare >= 0.005)};
 * for bytes allocated at the line, {@code sampleType == "alloc_space"}.
 *
 * @param file      normalised like every fact's file (module-relative where known)
 * @param functions how many profile functions hold the line (more than one: inlined copies or instances)
 */
@FactDoc(name = "line-cost", inputs = {"pprof"},
        value = "What one source line costs in one sample type, over every function it was compiled into and every profile of that type.")
public record LineCost(String file, int line, String sampleType, String unit, long flat,
                       @FieldDoc("samples whose innermost frame (inlined frames included) is the line, as a share") double flatShare,
                       long cum,
                       @FieldDoc("samples with the line anywhere on the stack (preemption left out), as a share") double cumShare, long self, double selfShare,
                       @FieldDoc("how many profile functions hold the line") int functions,
                       @FieldDoc("the profile file; \"\" when merged over several profiles (see ProfileSite)") String input)
        implements Fact {
    /** A line of no named profile (merged, or built by hand). */
    public LineCost(String file, int line, String sampleType, String unit, long flat, double flatShare, long cum,
                    double cumShare, long self, double selfShare, int functions) {
        this(file, line, sampleType, unit, flat, flatShare, cum, cumShare, self, selfShare, functions, "");
    }
}
