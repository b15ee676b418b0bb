package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * How hot one function is in one sample type of a profile. {@code flat}: samples whose innermost
 * frame is the function; {@code cum}: samples with the function anywhere on the stack (counted
 * once per sample, even under recursion). Shares are of the profile's total for that sample type.
 * Values are in the profile's own unit. {@code symbol} is as {@code go tool pprof} prints it.
 */
@FactDoc(name = "hot-function", inputs = {"pprof"},
        value = "How hot one function is in one sample type of a profile.")
public record HotFunction(String symbol,
                          @FieldDoc("the profile's sample type (`cpu`, `alloc_space`, …)") String sampleType, String unit,
                          @FieldDoc("samples whose innermost frame is the function") long flat,
                          @FieldDoc("flat as a share of the profile's total (0.05 = 5 %)") double flatShare,
                          @FieldDoc("samples with the function anywhere on the stack") long cum,
                          @FieldDoc("cum as a share of the total") double cumShare) implements Fact {
}
