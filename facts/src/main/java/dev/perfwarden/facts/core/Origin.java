package dev.perfwarden.facts.core;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where an {@link Attributable} fact comes from: its package, the function as the compiler printed it, the
 * function resolved ({@code symbol}, with how it was found), and its source position. One component shared by
 * the fact records instead of the same seven components in each (docs/design/origin.md). A record that holds an
 * {@code Origin} gets the accessors ({@code file()}, {@code line()}, …) from {@link Attributable}'s default methods, so
 * rules, the DSL and YAML policies go on writing {@code file == $f}: Drools reads such an accessor as the
 * property of that name and indexes joins on it like a component's ({@code OriginIndexingTest}).
 *
 * @param pkg          import path of the package being compiled; "" unknown
 * @param compilerFunc the function exactly as the compiler printed it (unqualified); "" when it printed none
 * @param symbol       the qualified function, filled by {@code FunctionResolver}; "" unknown
 * @param file         source file, module-relative once resolved
 * @param line         1-based line
 * @param col          1-based byte column; 0 unknown
 * @param attribution  how {@code symbol} was found: one of {@link Attributable}'s constants
 */
public record Origin(String pkg, String compilerFunc, String symbol, String file, int line, int col,
                     String attribution) {
    public Origin {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(compilerFunc, "compilerFunc");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(attribution, "attribution");
    }

    /**
     * The record's equality, written out: the generated one is bound at its first call through method handles
     * ({@code ObjectMethods}), which spins 8 {@code LambdaForm} classes at every start (Drools hashes facts, and so
     * their origins, in its join indexes). Same components, same order.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Origin other && line == other.line && col == other.col
                && pkg.equals(other.pkg) && compilerFunc.equals(other.compilerFunc) && symbol.equals(other.symbol)
                && file.equals(other.file) && attribution.equals(other.attribution);
    }

    /**
     * The value the generated {@code hashCode} gives ({@code h = 31 * h + hash(component)} over the components in
     * order, from 0), so that hash-ordered collections iterate as before; {@code OriginTest} compares the two.
     */
    @Override
    public int hashCode() {
        int h = pkg.hashCode();
        h = 31 * h + compilerFunc.hashCode();
        h = 31 * h + symbol.hashCode();
        h = 31 * h + file.hashCode();
        h = 31 * h + line;
        h = 31 * h + col;
        return 31 * h + attribution.hashCode();
    }

    /** A copy with {@code symbol} and {@code attribution} replaced. */
    public Origin withAttribution(String symbol, String attribution) {
        return new Origin(pkg, compilerFunc, symbol, file, line, col, attribution);
    }

    /** A copy with {@code file} mapped; this one when the mapped file is the same. */
    public Origin relocate(UnaryOperator<String> files) {
        String f = files.apply(file);
        return f.equals(file) ? this : new Origin(pkg, compilerFunc, symbol, f, line, col, attribution);
    }
}
