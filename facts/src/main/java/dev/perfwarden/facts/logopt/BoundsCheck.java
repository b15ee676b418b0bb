package dev.perfwarden.facts.logopt;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.SourcePaths;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A bounds check the compiler kept: -json {@code isInBounds} / {@code isSliceInBounds}, or a
 * {@code Found IsInBounds} / {@code Found IsSliceInBounds} line ({@code -d=ssa/check_bce/debug=1})
 * met in {@code -m} text. {@code kind} is {@link #KIND_INDEX} or {@link #KIND_SLICE}; {@code input}
 * the {@link dev.perfwarden.facts.core.InputKind} id it came from; {@code inlineChain} the -json
 * {@code inlineLoc} positions (where the inlined check really is), empty for text.
 */
@FactDoc(name = "bounds-check", inputs = {"logopt-json", "escape-text"},
        value = "A bounds check the compiler kept (-json `isInBounds`/`isSliceInBounds`).")
public record BoundsCheck(String kind,
                          @FieldDoc("the input kind it came from") String input, List<SourcePos> inlineChain, Origin origin, Evidence evidence)
        implements Attributable<BoundsCheck> {
    public static final String KIND_INDEX = "is-in-bounds";
    public static final String KIND_SLICE = "is-slice-in-bounds";

    public BoundsCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(input, "input");
        inlineChain = inlineChain == null || inlineChain.isEmpty() ? List.of() : List.copyOf(inlineChain);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The parsers' form: the {@link Origin}'s components one by one. */
    public BoundsCheck(String kind, String input, List<SourcePos> inlineChain, String pkg, String compilerFunc,
            String symbol, String file, int line, int col, String attribution, Evidence evidence) {
        this(kind, input, inlineChain, new Origin(pkg, compilerFunc, symbol, file, line, col, attribution), evidence);
    }

    @Override
    public BoundsCheck withAttribution(String symbol, String attribution) {
        return new BoundsCheck(kind, input, inlineChain, origin.withAttribution(symbol, attribution),
                evidence);
    }

    @Override
    public BoundsCheck relocate(UnaryOperator<String> files) {
        List<SourcePos> chain = SourcePaths.relocate(inlineChain, files);
        Origin o = origin.relocate(files);
        return chain == inlineChain && o == origin ? this : new BoundsCheck(kind, input, chain, o, evidence);
    }
}
