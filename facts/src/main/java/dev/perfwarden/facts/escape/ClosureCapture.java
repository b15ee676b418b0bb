package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;

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
@FactDoc(name = "closure-capture", inputs = {"escape-text"},
        value = "A closure captures a variable by reference or by value (-m=2 `capturing by ref: v (… width=N)`).")
public record ClosureCapture(
                             @FieldDoc("the captured variable") String variable,
                             @FieldDoc("captured by reference (else by value)") boolean byRef, boolean addr, boolean assign,
                             @FieldDoc("the variable's size in bytes") long width, Origin origin,
                             Evidence evidence) implements Attributable<ClosureCapture> {
    public ClosureCapture {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
    }

    @Override
    public ClosureCapture withAttribution(String symbol, String attribution) {
        return new ClosureCapture(variable, byRef, addr, assign, width, origin.withAttribution(symbol, attribution),
                evidence);
    }

    @Override
    public ClosureCapture relocate(UnaryOperator<String> files) {
        return new ClosureCapture(variable, byRef, addr, assign, width, origin.relocate(files), evidence);
    }
}
