package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;

/**
 * How hot one source line is, per sample type; inlined frames count at their own (innermost)
 * line for flat and at every line on the stack for cum. {@code file} is normalised like every
 * other fact's file (relative to the module root where known).
 */
@FactDoc(name = "hot-line", inputs = {"pprof"},
        value = "How hot one source line is, per sample type.")
public record HotLine(String symbol, String file, int line, String sampleType, String unit, long flat,
                      @FieldDoc("flat as a share of the profile's total") double flatShare, long cum,
                      @FieldDoc("cum as a share of the total") double cumShare) implements Fact {
}
