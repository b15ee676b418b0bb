package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;

/**
 * What one source line costs in one sample type of a profile, whatever function it was compiled
 * into: the sum of the {@link HotLine}s of every function (an inlined copy, a generic instance)
 * that holds {@code file:line}. {@code flat}: samples whose innermost frame, inlined frames
 * included, is this line; {@code cum}: samples with this line anywhere on the stack (the line's
 * own work plus the calls it makes). Shares are of the profile's total for that sample type, at
 * most 1. This is the cost a line-scoped finding is weighed by: a line that never appears in a
 * CPU profile is cold even inside a hot function.
 *
 * <p>In DRL: {@code LineCost(file == $e.file, line == $e.line, sampleType == "cpu", cumShare >= 0.005)};
 * for bytes allocated at the line, {@code sampleType == "alloc_space"}.
 *
 * @param file      normalised like every fact's file (module-relative where known)
 * @param functions how many profile functions hold the line (more than one: inlined copies or instances)
 */
public record LineCost(String file, int line, String sampleType, String unit, long flat, double flatShare,
                       long cum, double cumShare, int functions) implements Fact {
}
