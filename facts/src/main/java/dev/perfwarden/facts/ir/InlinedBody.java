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
 * Where an inlined body landed: the call of {@code callee} at this position was replaced by its body
 * ({@code INLCALL} of an {@code After inlining} dump); {@code nested} when the call was itself in code that had
 * been inlined (the chain has more than one position).
 *
 * {@code file/line/col} is where the code landed in the function being compiled (the outermost position of
 * the dump's chain, which is also where {@code -m=2} reports it); {@code chain} is the whole chain, outermost
 * first, innermost (where the code is written, in an inlined callee) last — one position when nothing was
 * inlined. {@code dump} says which dump it came from ({@link IrDump}): the {@code Before inlining:} and
 * {@code After inlining} trees are printed during inlining, before escape analysis.
 */
@FactDoc(name = "inlined-body", inputs = {"ir-dump"},
        value = "Where the body of an inlined callee landed (-m=3 `After inlining` dumps).")
public record InlinedBody(
        @FieldDoc("the inlined function (`os.(*File).WriteString`)") String callee,
        @FieldDoc("the call sat in code that had itself been inlined") boolean nested,
        @FieldDoc("after-inlining") String dump,
        @FieldDoc("the IR positions, outermost (the call site; file/line/col) first") List<SourcePos> chain, Origin origin, Evidence evidence)
        implements Attributable<InlinedBody> {
    public InlinedBody {
        Objects.requireNonNull(callee, "callee");
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
    public InlinedBody withAttribution(String symbol, String attribution) {
        return new InlinedBody(callee, nested, dump, chain, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public InlinedBody relocate(UnaryOperator<String> files) {
        return new InlinedBody(callee, nested, dump, SourcePaths.relocate(chain, files), origin.relocate(files), evidence);
    }
}
