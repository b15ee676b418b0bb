package dev.perfwarden.facts.core;

/**
 * A fact that belongs to a Go function and a source line. Rules join facts from different inputs
 * on {@link #symbol()} (the function symbol exactly as objdump and pprof print it, e.g.
 * {@code example.com/m.(*T).M}) and on {@link #file()} + {@link #line()}.
 *
 * <p>Fact classes are records whose components include {@code symbol, file, line, col}, or, for an
 * {@link Attributable} fact, one {@link Origin} that its default accessors read; Drools 10 reads both as
 * properties. The property is {@code symbol}, not {@code function},
 * because {@code function} is a reserved word in DRL/MVEL expressions.
 */
public interface Located extends Fact {
    /** Canonical function symbol; empty when the input does not tell and no index resolved it. */
    String symbol();

    /** File relative to the module root (no {@code ./}), or as the input gave it. */
    String file();

    /** 1-based line; 0 when unknown. */
    int line();

    /** 1-based byte column; 0 when the input gives none. */
    int col();

    default SourcePos pos() {
        return new SourcePos(file(), line(), col());
    }
}
