package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A recognised line of {@code go build -gcflags=-m} output that is neither an escape, inlining nor
 * devirtualization result. {@code kind} is one of the {@code KIND_*} constants; {@code text} is
 * the message after the position.
 */
@FactDoc(name = "compiler-remark", inputs = {"escape-text"},
        value = "Another recognised -m line: zero-copy conversions, self-assignments, elided bounds checks, ….")
public record CompilerRemark(String kind,
                             @FieldDoc("the message after the position") String text, Origin origin, Evidence evidence)
        implements Attributable<CompilerRemark> {
    /** {@code zero-copy string->[]byte conversion} (Go 1.22+, plain -m). */
    public static final String KIND_ZERO_COPY = "zero-copy";
    /** {@code F ignoring self-assignment in STMT}. */
    public static final String KIND_SELF_ASSIGNMENT = "self-assignment";
    /**
     * {@code index bounds check elided} (plain -m, walk/expr.go: an index into an array or constant
     * string whose range the compiler proved; seen in Go 1.23.5 and 1.26.8 std builds, not in the
     * format reference).
     */
    public static final String KIND_BOUNDS_CHECK_ELIDED = "bounds-check-elided";
    /** {@code imprecise interface call} (plain -m, noder/reader.go: generic code calling a method through an interface; seen in Go 1.26.8). */
    public static final String KIND_IMPRECISE_INTERFACE_CALL = "imprecise-interface-call";
    /** {@code warning: truncated explanation due to assignment cycle} inside an -m=2 block. */
    public static final String KIND_TRUNCATED_EXPLANATION = "truncated-explanation";
    /** A line of the go command itself ({@code go: downloading …}, {@code note: …}); no position. */
    public static final String KIND_GO_COMMAND = "go-command";
    /** {@code Found IsInBounds} / {@code Proved …} lines of {@code -d=ssa/check_bce/debug=1} or prove debugging mixed into -m output. */
    public static final String KIND_SSA_DEBUG = "ssa-debug";
    /**
     * What Go 1.26's bloop pass keeps alive in a {@code for b.Loop()} body (-m=2, bloop/bloop.go):
     * {@code NAME will be kept alive}, {@code function result[s] will be kept alive}, {@code function arg will be
     * kept alive}, {@code dereference will be kept alive}, {@code expr will be kept alive}, {@code expr is unknown to
     * bloop pass}, {@code unrecognized shape for assign list stmt for blank assignment}.
     */
    public static final String KIND_BLOOP = "bloop";

    public CompilerRemark {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The parsers' form: the {@link Origin}'s components one by one. */
    public CompilerRemark(String kind, String text, String pkg, String compilerFunc, String symbol, String file,
            int line, int col, String attribution, Evidence evidence) {
        this(kind, text, new Origin(pkg, compilerFunc, symbol, file, line, col, attribution), evidence);
    }

    @Override
    public CompilerRemark withAttribution(String symbol, String attribution) {
        return new CompilerRemark(kind, text, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public CompilerRemark relocate(UnaryOperator<String> files) {
        Origin o = origin.relocate(files);
        return o == origin ? this : new CompilerRemark(kind, text, o, evidence);
    }
}
