package dev.perfwarden.facts.ir;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.core.SourcePos;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An interface conversion in the compiler's IR ({@code CONVIFACE}): {@code implicit} when the source has no
 * conversion ({@code sink = n}, an argument passed as {@code any}), {@code toType} the interface type,
 * {@code fromType} the converted operand's type (empty when the dump does not show it).
 *
 * {@code file/line/col} is where the code landed in the function being compiled (the outermost position of
 * the dump's chain, which is also where {@code -m=2} reports it); {@code chain} is the whole chain, outermost
 * first, innermost (where the code is written, in an inlined callee) last — one position when nothing was
 * inlined. {@code dump} says which dump it came from ({@link IrDump}): the {@code Before inlining:} and
 * {@code After inlining} trees are printed during inlining, before escape analysis.
 */
@FactDoc(name = "ir-conversion", inputs = {"ir-dump"},
        value = "An interface conversion in the compiler's IR (-m=3 inlined calls, -m=4 every function: `CONVIFACE Implicit any`).")
public record IrConversion(
        @FieldDoc("the interface type (`any`, `io.Reader`)") String toType,
        @FieldDoc("the converted operand's type (`int`, `PTR-*strings.Reader`); empty when not shown") String fromType,
        @FieldDoc("the source has no conversion (an assignment or argument converts)") boolean implicit,
        @FieldDoc("which dump: before-inlining, after-inlining, escape-analysis, escape-call") String dump,
        @FieldDoc("the IR positions, outermost (where the code landed; file/line/col) first") List<SourcePos> chain, Origin origin, Evidence evidence)
        implements Attributable<IrConversion> {
    public IrConversion {
        Objects.requireNonNull(toType, "toType");
        Objects.requireNonNull(fromType, "fromType");
        Objects.requireNonNull(dump, "dump");
        chain = List.copyOf(chain);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** Where the code is written: the innermost position of the chain. */
    public SourcePos source() {
        return chain.isEmpty() ? new SourcePos(origin.file(), origin.line(), origin.col()) : chain.get(chain.size() - 1);
    }

    @Override
    public IrConversion withAttribution(String symbol, String attribution) {
        return new IrConversion(toType, fromType, implicit, dump, chain, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public IrConversion relocate(UnaryOperator<String> files) {
        return new IrConversion(toType, fromType, implicit, dump, SourcePaths.relocate(chain, files), origin.relocate(files), evidence);
    }
}
