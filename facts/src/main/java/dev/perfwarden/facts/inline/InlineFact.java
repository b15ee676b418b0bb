package dev.perfwarden.facts.inline;

import dev.perfwarden.facts.symbols.Symbols;
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
 * One inlining decision.
 * <ul>
 *   <li>{@code kind}: one of the {@code KIND_*} constants.</li>
 *   <li>{@code target}: canonical symbol of the function the message names (the function itself for
 *       can/cannot-inline, the callee for inlined and refused calls); {@code targetName} is that
 *       name exactly as printed ({@code (*T).M}, {@code fmt.Println}, {@code closure.func1}).
 *       A -json {@code canInlineFunction} record names no function: both are empty until
 *       {@link dev.perfwarden.facts.source.FunctionResolver} fills them from the source.</li>
 *   <li>{@code reason}: the reason text ({@code function too complex: cost 155 exceeds budget 80},
 *       {@code unhandled op DEFER}, …), "" for can-inline and inlined calls; {@code reasonKind} its
 *       class, one of {@link InlineReasons}' constants.</li>
 *   <li>{@code cost}, {@code budget}: numbers from the message, {@link #ABSENT} (-1) when it has none.
 *       {@code score}: {@code inlining call to F with score N} (GOEXPERIMENT=newinliner), else
 *       {@link #NO_SCORE}.</li>
 *   <li>{@code symbol}: the function that holds the position. For can/cannot-inline and big-function
 *       lines that is the function itself; for inlined calls the caller at whose call site the
 *       callee's body now is.</li>
 *   <li>{@code inlineChain}: -json {@code inlineLoc} positions, empty for text.</li>
 * </ul>
 */
@FactDoc(name = "inline", inputs = {"escape-text", "logopt-json"},
        value = "One inlining decision: can inline (with cost), inlined call, cannot inline (reason, cost, budget).")
public record InlineFact(String kind,
                         @FieldDoc("canonical symbol of the function the message names (the callee for calls)") String target,
                         @FieldDoc("that name as printed") String targetName,
                         @FieldDoc("the reason text (`function too complex: cost 155 exceeds budget 80`)") String reason,
                         @FieldDoc("the class of the reason") String reasonKind,
                         @FieldDoc("inlining cost; -1 when the message has none") int cost,
                         @FieldDoc("inlining budget; -1 when the message has none") int budget,
                         @FieldDoc("newinliner score; see InlineFact.NO_SCORE") int score, List<SourcePos> inlineChain, Origin origin, Evidence evidence)
        implements Attributable<InlineFact> {
    /** {@code can inline F} (with {@code with cost N as: …} at -m=2; -json {@code canInlineFunction}). */
    public static final String KIND_CAN_INLINE = "can-inline";
    /** {@code cannot inline F: REASON} (-m=2; -json {@code cannotInlineFunction}). */
    public static final String KIND_CANNOT_INLINE = "cannot-inline";
    /** {@code inlining call to F}: the callee's body was inlined at this call site. */
    public static final String KIND_INLINED_CALL = "inlined-call";
    /** A call site that was not inlined: {@code cannot inline F into G: repeated recursive cycle}, -json {@code cannotInlineCall}. */
    public static final String KIND_CANNOT_INLINE_CALL = "cannot-inline-call";
    /** {@code function F considered 'big'; reducing max cost of inlinees}. */
    public static final String KIND_BIG_FUNCTION = "big-function";
    /** {@code skip inlining within testing.B.loop for F} (Go 1.24/1.25). */
    public static final String KIND_SKIP_INLINE = "skip-inline";

    public static final int ABSENT = -1;
    public static final int NO_SCORE = Integer.MIN_VALUE;

    /**
     * The instance name of {@link #target()}: for a generic function the printed type arguments in place of
     * {@code [...]} ({@code example.com/xsync.(*Map[struct {},bool]).Compute}, the dictionary wrapper, or
     * {@code (*Map[go.shape.struct {},go.shape.bool]).Compute}, a shape body), as {@code HotFunction.instance}
     * names it; {@code target} itself for a non-generic function or a name with no printed type arguments
     * (a -json record). Derived, not stored: see {@link Symbols#instanceOf}.
     */
    public String instance() {
        return Symbols.instanceOf(target, targetName);
    }

    public InlineFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reasonKind, "reasonKind");
        inlineChain = inlineChain == null || inlineChain.isEmpty() ? List.of() : List.copyOf(inlineChain);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The parsers' form: the {@link Origin}'s components one by one. */
    public InlineFact(String kind, String target, String targetName, String reason, String reasonKind, int cost,
            int budget, int score, List<SourcePos> inlineChain, String pkg, String compilerFunc, String symbol,
            String file, int line, int col, String attribution, Evidence evidence) {
        this(kind, target, targetName, reason, reasonKind, cost, budget, score, inlineChain,
                new Origin(pkg, compilerFunc, symbol, file, line, col, attribution), evidence);
    }

    /** True for kinds whose position is the declaration of {@link #target()} itself. */
    public boolean atDeclaration() {
        return kind.equals(KIND_CAN_INLINE) || kind.equals(KIND_CANNOT_INLINE) || kind.equals(KIND_BIG_FUNCTION);
    }

    /**
     * A copy with the symbol set; a declaration-position fact whose target was unknown (-json)
     * takes the symbol as its target too.
     */
    @Override
    public InlineFact withAttribution(String symbol, String attribution) {
        String t = target.isEmpty() && atDeclaration() ? symbol : target;
        return new InlineFact(kind, t, targetName, reason, reasonKind, cost, budget, score, inlineChain, origin.withAttribution(symbol, attribution), evidence);
    }

    /** A copy with the canonical target replaced. */
    public InlineFact withTarget(String target) {
        return new InlineFact(kind, target, targetName, reason, reasonKind, cost, budget, score, inlineChain, origin, evidence);
    }

    @Override
    public InlineFact relocate(UnaryOperator<String> files) {
        List<SourcePos> chain = SourcePaths.relocate(inlineChain, files);
        Origin o = origin.relocate(files);
        return chain == inlineChain && o == origin ? this
                : new InlineFact(kind, target, targetName, reason, reasonKind, cost, budget, score, chain, o, evidence);
    }
}
