package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * How hot one function is in one sample type of a profile. {@code flat}: samples whose innermost
 * frame is the function; {@code cum}: samples with the function anywhere on the stack (counted
 * once per sample, even under recursion). Shares are of the profile's total for that sample type.
 * Values are in the profile's own unit. {@code symbol} is as {@code go tool pprof} prints it, with type-argument
 * lists collapsed to {@code [...]} (the site key); each instance of a generic function (each shape body, each
 * dictionary wrapper) is its own fact, named by {@code instance}. {@code preempt}: the part of {@code cum} taken in
 * preemption machinery ({@code runtime.asyncPreempt}: the function, or a function it called, interrupted there). With
 * several profiles of one sample type there is one fact per function: values summed, shares of the summed totals, as
 * {@code go tool pprof a.pprof b.pprof} merges them (each profile's own fact is kept for the findings' cost:
 * {@link ProfileSite}).
 */
@FactDoc(name = "hot-function", inputs = {"pprof"},
        value = "How hot one function is in one sample type, over every profile of that type.")
public record HotFunction(String symbol,
                          @FieldDoc("the profile's sample type (`cpu`, `alloc_space`, …)") String sampleType, String unit,
                          @FieldDoc("samples whose innermost frame is the function") long flat,
                          @FieldDoc("flat as a share of the profile's total (0.05 = 5 %)") double flatShare,
                          @FieldDoc("samples with the function anywhere on the stack") long cum,
                          @FieldDoc("cum as a share of the total") double cumShare,
                          @FieldDoc("the instance name as pprof prints it (`(*Map[go.shape.int,go.shape.int]).Store`); `symbol` is its site key (`(*Map[...]).Store`), the same for a non-generic function") String instance,
                          @FieldDoc("the part of cum whose innermost runtime frames are preemption machinery (runtime.asyncPreempt)") long preempt,
                          @FieldDoc("the profile file; \"\" when merged over several profiles (see ProfileSite)") String input)
        implements Fact {
    /** A function of no named profile (merged, or built by hand). */
    public HotFunction(String symbol, String sampleType, String unit, long flat, double flatShare, long cum,
                       double cumShare, String instance, long preempt) {
        this(symbol, sampleType, unit, flat, flatShare, cum, cumShare, instance, preempt, "");
    }

    /** A function without preemption samples. */
    public HotFunction(String symbol, String sampleType, String unit, long flat, double flatShare, long cum,
                       double cumShare, String instance) {
        this(symbol, sampleType, unit, flat, flatShare, cum, cumShare, instance, 0);
    }

    /** A function whose instance name is its symbol (a non-generic function). */
    public HotFunction(String symbol, String sampleType, String unit, long flat, double flatShare, long cum,
                       double cumShare) {
        this(symbol, sampleType, unit, flat, flatShare, cum, cumShare, symbol, 0);
    }
}
