package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Attributable;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code F capturing by ref|value: v (addr=A assign=B width=N)} ({@code -m=2}): a closure in
 * function {@code F} (printed as {@link #compilerFunc()}, qualified into {@link #symbol()}) captures
 * {@code variable}. Information only: capturing by reference does not by itself mean the variable
 * escapes (join with {@code EscapeFact(kind == "moved-to-heap", subject == variable)} at the same
 * position for that). The position is the variable's declaration, or for a copy inlined into a
 * caller the call site. {@code width} is the variable's size in bytes.
 */
public record ClosureCapture(String variable, boolean byRef, boolean addr, boolean assign, long width, String pkg,
                             String compilerFunc, String symbol, String file, int line, int col,
                             String attribution, Evidence evidence) implements Attributable<ClosureCapture> {
    public ClosureCapture {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(compilerFunc, "compilerFunc");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(evidence, "evidence");
    }

    @Override
    public ClosureCapture withAttribution(String symbol, String attribution) {
        return new ClosureCapture(variable, byRef, addr, assign, width, pkg, compilerFunc, symbol, file, line, col,
                attribution, evidence);
    }

    @Override
    public ClosureCapture relocate(UnaryOperator<String> files) {
        return new ClosureCapture(variable, byRef, addr, assign, width, pkg, compilerFunc, symbol,
                files.apply(file), line, col, attribution, evidence);
    }
}
