package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;

/**
 * How hot one function is in one sample type of a profile. {@code flat}: samples whose innermost
 * frame is the function; {@code cum}: samples with the function anywhere on the stack (counted
 * once per sample, even under recursion). Shares are of the profile's total for that sample type.
 * Values are in the profile's own unit. {@code symbol} is as {@code go tool pprof} prints it.
 */
public record HotFunction(String symbol, String sampleType, String unit, long flat, double flatShare, long cum,
                          double cumShare) implements Fact {
}
