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
 * One statement of the escape analysis trace ({@code ./main.go:37:34:[1] key stmt: strconv.i := id}):
 * {@code loopDepth} as escape analysis counts it (1 = outside any loop), {@code text} the statement as printed.
 * The function is {@code compilerFunc}.
 *
 * {@code file/line/col} is where the code landed in the function being compiled (the outermost position of
 * the dump's chain, which is also where {@code -m=2} reports it); {@code chain} is the whole chain, outermost
 * first, innermost (where the code is written, in an inlined callee) last — one position when nothing was
 * inlined. {@code dump} says which dump it came from ({@link IrDump}): the {@code Before inlining:} and
 * {@code After inlining} trees are printed during inlining, before escape analysis.
 */
@FactDoc(name = "escape-stmt", inputs = {"ir-dump"},
        value = "One statement of the escape analysis trace (-m=3 `./main.go:37:34:[1] key stmt: strconv.i := id`).")
public record EscapeStmt(
        @FieldDoc("escape analysis' loop depth (1: outside any loop)") int loopDepth,
        @FieldDoc("the statement as printed") String text,
        @FieldDoc("escape-trace") String dump,
        @FieldDoc("the statement's position") List<SourcePos> chain, Origin origin, Evidence evidence)
        implements Attributable<EscapeStmt> {
    public EscapeStmt {
        Objects.requireNonNull(text, "text");
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
    public EscapeStmt withAttribution(String symbol, String attribution) {
        return new EscapeStmt(loopDepth, text, dump, chain, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public EscapeStmt relocate(UnaryOperator<String> files) {
        return new EscapeStmt(loopDepth, text, dump, SourcePaths.relocate(chain, files), origin.relocate(files), evidence);
    }
}
