package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * How hot one source line is, per sample type; inlined frames count at their own (innermost)
 * line for flat and at every line on the stack for cum. {@code file} is normalised like every
 * other fact's file (relative to the module root where known). Each instance of a generic function
 * ({@code instance}) has its own lines.
 */
@FactDoc(name = "hot-line", inputs = {"pprof"},
        value = "How hot one source line is, per sample type.")
public record HotLine(String symbol, String file, int line, String sampleType, String unit, long flat,
                      @FieldDoc("flat as a share of the profile's total") double flatShare, long cum,
                      @FieldDoc("cum as a share of the total") double cumShare,
                      @FieldDoc("the function's instance name as pprof prints it (`(*Map[go.shape.int,go.shape.int]).Store`); `symbol` is its site key (`(*Map[...]).Store`), the same for a non-generic function") String instance)
        implements Fact {
    /** A line of a function whose instance name is its symbol (a non-generic function). */
    public HotLine(String symbol, String file, int line, String sampleType, String unit, long flat, double flatShare,
                   long cum, double cumShare) {
        this(symbol, file, line, sampleType, unit, flat, flatShare, cum, cumShare, symbol);
    }
}
