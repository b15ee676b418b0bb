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
 * A variable as an IR dump shows it: {@code name} qualified as the compiler prints it ({@code main.n},
 * {@code os.f}), {@code storageClass} ({@code PAUTO}, {@code PAUTOHEAP}, {@code PPARAM}, {@code PPARAMOUT},
 * {@code PEXTERN}, {@code PFUNC}), {@code onStack} (the {@code OnStack} flag), {@code inlined} (an
 * {@code InlFormal}/{@code InlLocal} of an inlined body), {@code closureVar} ({@code IsClosureVar}: a captured
 * variable read by a closure, which the dump shows as {@code PAUTOHEAP}). These dumps are printed before escape
 * analysis decides: {@code OnStack} there is not a verdict; {@code moved to heap:} in the {@code -m=2} lines is.
 * The position is the variable's declaration.
 *
 * {@code file/line/col} is where the code landed in the function being compiled (the outermost position of
 * the dump's chain, which is also where {@code -m=2} reports it); {@code chain} is the whole chain, outermost
 * first, innermost (where the code is written, in an inlined callee) last — one position when nothing was
 * inlined. {@code dump} says which dump it came from ({@link IrDump}): the {@code Before inlining:} and
 * {@code After inlining} trees are printed during inlining, before escape analysis.
 */
@FactDoc(name = "ir-variable", inputs = {"ir-dump"},
        value = "A variable as an IR dump shows it, printed before escape analysis decides (-m=3/-m=4 `NAME-main.n Class:PAUTO … OnStack`).")
public record IrVariable(
        @FieldDoc("the variable as the compiler prints it (`main.n`, `os.f`)") String name,
        @FieldDoc("PAUTO, PAUTOHEAP (a closure's captured variable), PPARAM, PPARAMOUT, PEXTERN") String storageClass,
        @FieldDoc("the OnStack flag (no verdict: the dump precedes escape analysis)") boolean onStack,
        @FieldDoc("a parameter or local of an inlined body") boolean inlined,
        @FieldDoc("a variable captured by a closure") boolean closureVar,
        @FieldDoc("its type as printed") String type,
        @FieldDoc("which dump: before-inlining, after-inlining, escape-analysis, escape-call") String dump,
        @FieldDoc("the IR positions of its declaration, outermost first") List<SourcePos> chain, Origin origin, Evidence evidence)
        implements Attributable<IrVariable> {
    public IrVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(type, "type");
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
    public IrVariable withAttribution(String symbol, String attribution) {
        return new IrVariable(name, storageClass, onStack, inlined, closureVar, type, dump, chain, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public IrVariable relocate(UnaryOperator<String> files) {
        return new IrVariable(name, storageClass, onStack, inlined, closureVar, type, dump, SourcePaths.relocate(chain, files), origin.relocate(files), evidence);
    }
}
