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
 * A call in the compiler's IR with its kind: {@code CALLFUNC} (a function or closure), {@code CALLINTER}
 * (through an interface: a dynamic call) or {@code CALLMETH} (a method, before it is rewritten); {@code callee}
 * as the dump names it ({@code main.area} for an interface method, {@code main.h} for a closure variable),
 * {@code resultType} the call's type.
 *
 * {@code file/line/col} is where the code landed in the function being compiled (the outermost position of
 * the dump's chain, which is also where {@code -m=2} reports it); {@code chain} is the whole chain, outermost
 * first, innermost (where the code is written, in an inlined callee) last — one position when nothing was
 * inlined. {@code dump} says which dump it came from ({@link IrDump}): the {@code Before inlining:} and
 * {@code After inlining} trees are printed during inlining, before escape analysis.
 */
@FactDoc(name = "ir-call", inputs = {"ir-dump"},
        value = "A call in the compiler's IR with its kind (-m=3/-m=4: `CALLFUNC`, `CALLINTER`, `CALLMETH`).")
public record IrCall(
        @FieldDoc("CALLFUNC, CALLINTER (through an interface) or CALLMETH") String kind,
        @FieldDoc("the callee as the dump names it (`main.area`); empty when not shown") String callee,
        @FieldDoc("the call's type") String resultType,
        @FieldDoc("which dump: before-inlining, after-inlining, escape-analysis, escape-call") String dump,
        @FieldDoc("the IR positions, outermost (where the code landed; file/line/col) first") List<SourcePos> chain, Origin origin, Evidence evidence)
        implements Attributable<IrCall> {
    public IrCall {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(resultType, "resultType");
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
    public IrCall withAttribution(String symbol, String attribution) {
        return new IrCall(kind, callee, resultType, dump, chain, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public IrCall relocate(UnaryOperator<String> files) {
        return new IrCall(kind, callee, resultType, dump, SourcePaths.relocate(chain, files), origin.relocate(files), evidence);
    }
}
