package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

/**
 * What the runtime functions a source line calls cost, by their category, in one sample type of a profile:
 * {@code flat} is the value of the samples whose innermost frames are runtime functions and whose first frame
 * outside the runtime is this line; {@code category} is the {@link dev.perfwarden.facts.runtime.RuntimeFunctions}
 * table's category of the outermost of those runtime frames (the function the line called: a barrier's
 * {@code gcWriteBarrier}, {@code wbMove} are {@code write-barrier}; a runtime function without a row is
 * {@code other}). A write-barrier function that also clears or copies
 * ({@link dev.perfwarden.facts.runtime.RuntimeFunctions#barrierWithOperation}: {@code memclrHasPointers},
 * {@code typedmemmove}, {@code typedslicecopy}, {@code typedmemclr}) is {@code write-barrier} only in the samples
 * inside the barrier functions it calls ({@code bulkBarrierPreWrite}); its other samples (the clearing or copying,
 * its own instructions) are {@code other}. Inlined frames count as frames, as in {@link CallerLine}. An
 * assembly-local runtime symbol that pprof prints without its package ({@code gcWriteBarrier}, 1.21+) counts as a
 * runtime function when the table has a row for it. One fact per (function, file, line, category) with a nonzero
 * value; shares are of the profile's total for that sample type. {@code go tool pprof -lines -peek
 * 'gcWriteBarrier|wbMove'} shows the same samples as the calling lines of those functions, and {@code go tool pprof
 * -lines -focus=bulkBarrierPreWrite -peek memclrHasPointers} the barrier's part of a {@code clear(s)}.
 *
 * <p>In DRL: {@code RuntimeCallerLine(sampleType == "cpu", category == "write-barrier", file == $f, line == $l)}.
 */
@FactDoc(name = "runtime-caller-line", inputs = {"pprof"},
        value = "The samples in runtime functions of one category charged to the line that called them, per sample type.")
public record RuntimeCallerLine(String symbol, String file, int line,
                                @FieldDoc("the runtime-functions table's category of the runtime function the line called (other: no row)") String category,
                                String sampleType, String unit,
                                @FieldDoc("samples whose innermost frames are runtime functions called from the line") long flat,
                                @FieldDoc("flat as a share of the profile's total") double flatShare) implements Fact {
}
