package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

import java.util.Objects;

/**
 * Who calls a {@link CallerLine}: the part of its {@code flat} whose stacks have the given frame as the next one out
 * (the call site that called the line's function: {@code caller*}) and the frame after that ({@code outer*}), as
 * {@code go tool pprof -peek} shows a function's callers. Inlined frames count as frames, as in {@link CallerLine}.
 * One fact per profile and (line instance, caller frame, outer frame) with a nonzero value, only for the sample type
 * {@code alloc_space} (the heap rules' weight: which caller causes a line's bytes); {@code symbol}, {@code file},
 * {@code line} and {@code instance} are the {@link CallerLine}'s, {@code input} its profile. A frame without line
 * information has file "" and line 0; a line called from no frame (the stack's root) has no fact. The values of one
 * line's facts add up to its CallerLine's {@code flat}, less the samples whose caller is the root.
 *
 * <p>In DRL: {@code LineCaller(input == $l.input(), file == $l.file(), line == $l.line())}.
 */
@FactDoc(name = "line-caller", inputs = {"pprof"},
        value = "The part of a caller-line's heap bytes (alloc_space) that one call site (and the frame calling that)"
                + " caused: its callers, as go tool pprof -peek shows them.")
public record LineCaller(@FieldDoc("the line's function (its CallerLine's symbol)") String symbol,
                         @FieldDoc("the line's file (its CallerLine's)") String file,
                         @FieldDoc("the line (its CallerLine's)") int line,
                         @FieldDoc("the line's function instance (its CallerLine's)") String instance,
                         @FieldDoc("the function of the next frame out: the one that called the line's function") String callerSymbol,
                         @FieldDoc("that call's file") String callerFile,
                         @FieldDoc("that call's line") int callerLine,
                         @FieldDoc("the function of the frame after that (the caller's caller); empty at the root") String outerSymbol,
                         @FieldDoc("its file") String outerFile,
                         @FieldDoc("its line") int outerLine,
                         String sampleType, String unit,
                         @FieldDoc("the samples of the line's flat through these two frames") long value,
                         @FieldDoc("value as a share of the profile's total") double share,
                         @FieldDoc("the profile file (a ProfileSummary's input)") String input) implements Fact {
    public LineCaller {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(callerSymbol, "callerSymbol");
        Objects.requireNonNull(callerFile, "callerFile");
        Objects.requireNonNull(outerSymbol, "outerSymbol");
        Objects.requireNonNull(outerFile, "outerFile");
        Objects.requireNonNull(sampleType, "sampleType");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(input, "input");
    }
}
