package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * How hot one source line is, per sample type; inlined frames count at their own (innermost)
 * line for flat and at every line on the stack for cum, as {@code go tool pprof -lines} counts them. {@code file} is
 * normalised like every other fact's file (relative to the module root where known). Each instance of a generic
 * function ({@code instance}) has its own lines. {@code preempt}: the part of {@code cum} taken in preemption
 * machinery ({@code runtime.asyncPreempt}: the goroutine was interrupted there); what the line's calls cost is
 * {@code cum - flat - preempt}. With several profiles of one sample type, values are summed and shares are of the
 * summed totals, as {@code go tool pprof a.pprof b.pprof} merges them.
 */
@FactDoc(name = "hot-line", inputs = {"pprof"},
        value = "How hot one source line is, per sample type.")
public record HotLine(String symbol, String file, int line, String sampleType, String unit, long flat,
                      @FieldDoc("flat as a share of the profile's total") double flatShare, long cum,
                      @FieldDoc("cum as a share of the total") double cumShare,
                      @FieldDoc("the function's instance name as pprof prints it (`(*Map[go.shape.int,go.shape.int]).Store`); `symbol` is its site key (`(*Map[...]).Store`), the same for a non-generic function") String instance,
                      @FieldDoc("the part of cum whose innermost runtime frames are preemption machinery (runtime.asyncPreempt): no call of the line asked for it") long preempt)
        implements Fact {
    /** A line without preemption samples. */
    public HotLine(String symbol, String file, int line, String sampleType, String unit, long flat, double flatShare,
                   long cum, double cumShare, String instance) {
        this(symbol, file, line, sampleType, unit, flat, flatShare, cum, cumShare, instance, 0);
    }

    /** A line of a function whose instance name is its symbol (a non-generic function). */
    public HotLine(String symbol, String file, int line, String sampleType, String unit, long flat, double flatShare,
                   long cum, double cumShare) {
        this(symbol, file, line, sampleType, unit, flat, flatShare, cum, cumShare, symbol, 0);
    }
}
