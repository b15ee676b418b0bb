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
 * A -json record that is not an inlining, escape or bounds-check result: {@code nilcheck},
 * {@code copy}, loopvar codes, PGO devirtualization, and any code this version of perfwarden does
 * not know. Vocabulary-tolerant: an unknown code is still a fact, with {@code knownCode == false},
 * so a newer compiler never breaks a parse (and {@code perfwarden -v} can list them).
 * {@code endLine}/{@code endCol} are the range end (Go 1.21+ loopvar records span a range).
 */
@FactDoc(name = "opt-remark", inputs = {"logopt-json"},
        value = "Any other -json optimisation record: nilcheck, copy, loop variable codes, PGO, unknown codes.")
public record OptRemark(
                        @FieldDoc("the record's code; unknown codes are kept") String code,
                        @FieldDoc("the record's message") String message,
                        @FieldDoc("false for a code perfwarden does not know") boolean knownCode, int endLine, int endCol,
                        List<SourcePos> inlineChain, Origin origin, Evidence evidence) implements Attributable<OptRemark> {
    public static final String CODE_NILCHECK = "nilcheck";
    public static final String CODE_COPY = "copy";
    public static final String CODE_ITERATION_VARIABLE_TO_HEAP = "iteration-variable-to-heap";
    public static final String CODE_ITERATION_VARIABLE_TO_STACK = "iteration-variable-to-stack";
    public static final String CODE_LOOP_MODIFIED_FOR = "loop-modified-for";
    public static final String CODE_LOOP_MODIFIED_RANGE = "loop-modified-range";
    /** The source's quirk: the code really starts with ": ". */
    public static final String CODE_PGO_SHOULD_NOT_DEVIRTUALIZE = ": should not PGO devirtualize function";

    /** The codes this fact names as constants (the JSON parser reads only these). */
    public static final List<String> KNOWN = List.of(CODE_NILCHECK, CODE_COPY, CODE_ITERATION_VARIABLE_TO_HEAP,
            CODE_ITERATION_VARIABLE_TO_STACK, CODE_LOOP_MODIFIED_FOR, CODE_LOOP_MODIFIED_RANGE,
            CODE_PGO_SHOULD_NOT_DEVIRTUALIZE);

    public OptRemark {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        inlineChain = inlineChain == null || inlineChain.isEmpty() ? List.of() : List.copyOf(inlineChain);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The parsers' form: the {@link Origin}'s components one by one. */
    public OptRemark(String code, String message, boolean knownCode, int endLine, int endCol,
            List<SourcePos> inlineChain, String pkg, String compilerFunc, String symbol, String file, int line,
            int col, String attribution, Evidence evidence) {
        this(code, message, knownCode, endLine, endCol, inlineChain,
                new Origin(pkg, compilerFunc, symbol, file, line, col, attribution), evidence);
    }

    @Override
    public OptRemark withAttribution(String symbol, String attribution) {
        return new OptRemark(code, message, knownCode, endLine, endCol, inlineChain, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public OptRemark relocate(UnaryOperator<String> files) {
        List<SourcePos> chain = SourcePaths.relocate(inlineChain, files);
        Origin o = origin.relocate(files);
        return chain == inlineChain && o == origin ? this
                : new OptRemark(code, message, knownCode, endLine, endCol, chain, o, evidence);
    }
}
