package dev.perfwarden.facts.inline;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A devirtualization message: {@code devirtualizing i.M to *T} and its partial, PGO and refused
 * forms. {@code call} is the call or method expression as printed ({@code i.M}); {@code targetType}
 * the concrete type or, for PGO, the callee ({@code *T}, {@code main.(*T).M}); {@code reason} the
 * refusal ({@code shaped receiver go.shape.*uint8}), else "".
 */
@FactDoc(name = "devirtualization", inputs = {"escape-text", "logopt-json"},
        value = "An interface or closure call the compiler devirtualized, or refused to.")
public record Devirtualization(String kind,
                               @FieldDoc("the call as printed (`i.M`)") String call,
                               @FieldDoc("the concrete type, or the PGO callee") String targetType,
                               @FieldDoc("why it was refused; else empty") String reason, Origin origin, Evidence evidence) implements Attributable<Devirtualization> {
    /** {@code devirtualizing X to T} (static, via {@code ir.StaticValue}). */
    public static final String KIND_STATIC = "static";
    /** {@code partially devirtualizing X to T} (method promoted from an embedded interface). */
    public static final String KIND_PARTIAL = "partial";
    /** Go 1.21 {@code PGO devirtualizing X to F}. */
    public static final String KIND_PGO = "pgo";
    /** Go 1.22+ {@code PGO devirtualizing interface call X to F}. */
    public static final String KIND_PGO_INTERFACE = "pgo-interface";
    /** Go 1.22+ {@code PGO devirtualizing function call X to F}. */
    public static final String KIND_PGO_FUNCTION = "pgo-function";
    /** {@code cannot devirtualize X: shaped receiver|interface T} (generics, 1.20+). */
    public static final String KIND_CANNOT = "cannot";
    /** {@code failed to devirtualize X (T)} (1.19–1.21). */
    public static final String KIND_FAILED = "failed";

    public Devirtualization {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The parsers' form: the {@link Origin}'s components one by one. */
    public Devirtualization(String kind, String call, String targetType, String reason, String pkg,
            String compilerFunc, String symbol, String file, int line, int col, String attribution,
            Evidence evidence) {
        this(kind, call, targetType, reason, new Origin(pkg, compilerFunc, symbol, file, line, col, attribution),
                evidence);
    }

    @Override
    public Devirtualization withAttribution(String symbol, String attribution) {
        return new Devirtualization(kind, call, targetType, reason, origin.withAttribution(symbol, attribution), evidence);
    }

    @Override
    public Devirtualization relocate(UnaryOperator<String> files) {
        return new Devirtualization(kind, call, targetType, reason, origin.relocate(files), evidence);
    }
}
