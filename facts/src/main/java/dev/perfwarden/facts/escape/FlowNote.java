package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.SourcePos;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One {@code from WHERE (WHY) at POS} note of an {@code -m=2} flow step (in -json:
 * {@code escflow:      from WHERE (WHY)} with its location). {@code why} is the compiler's tag:
 * {@code address-of}, {@code interface-converted}, {@code captured by a closure},
 * {@code too large for stack}, … {@code inlineChain} holds the -json {@code inlineLoc} positions
 * that follow the note (outermost first), empty for text input.
 */
public record FlowNote(String where, String why, SourcePos at, List<SourcePos> inlineChain) {
    public static final String WHY_INTERFACE_CONVERTED = "interface-converted";
    public static final String WHY_CAPTURED_BY_CLOSURE = "captured by a closure";

    public FlowNote {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(at, "at");
        inlineChain = inlineChain == null || inlineChain.isEmpty() ? List.of() : List.copyOf(inlineChain);
    }

    FlowNote relocate(UnaryOperator<String> files) {
        SourcePos a = EscapeFact.move(at, files);
        List<SourcePos> chain = EscapeFact.move(inlineChain, files);
        return a == at && chain == inlineChain ? this : new FlowNote(where, why, a, chain);
    }

    // written out, as the record's own would be: see SourcePos
    @Override
    public boolean equals(Object o) {
        return o instanceof FlowNote n && where.equals(n.where) && why.equals(n.why) && at.equals(n.at)
                && inlineChain.equals(n.inlineChain);
    }

    @Override
    public int hashCode() {
        return ((where.hashCode() * 31 + why.hashCode()) * 31 + at.hashCode()) * 31 + inlineChain.hashCode();
    }

    @Override
    public String toString() {
        return "FlowNote[where=" + where + ", why=" + why + ", at=" + at + ", inlineChain=" + inlineChain + "]";
    }
}
