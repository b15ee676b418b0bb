package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.SourcePos;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One {@code flow: DST = OPS SRC} edge of an escape explanation (Go ≤1.23 prints {@code =}, Go 1.24+
 * {@code ←}), with its {@code from} notes. {@code ops} is {@code &} (address taken), empty, or one
 * {@code *} per dereference. {@code path} numbers the explanation blocks attached to one fact (a
 * location or parameter can be explained several times, e.g. once per leak destination): steps
 * with the same {@code path} form one chain from the value to the heap or a result. {@code at} is
 * the -json location of the step ({@link SourcePos#UNKNOWN} for text input, which prints none).
 */
public record FlowStep(int path, String dst, String ops, String src, SourcePos at, List<SourcePos> inlineChain,
                       List<FlowNote> notes) {
    public FlowStep {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(at, "at");
        inlineChain = inlineChain == null || inlineChain.isEmpty() ? List.of() : List.copyOf(inlineChain);
        notes = notes == null || notes.isEmpty() ? List.of() : List.copyOf(notes);
    }

    /** Number of dereferences: -1 for {@code &}, else the count of {@code *}. */
    public int derefs() {
        return ops.equals("&") ? -1 : ops.length();
    }

    FlowStep relocate(UnaryOperator<String> files) {
        List<FlowNote> moved = null; // a copy only once a note changes
        for (int i = 0; i < notes.size(); i++) {
            FlowNote n = notes.get(i);
            FlowNote m = n.relocate(files);
            if (m != n && moved == null) {
                moved = new ArrayList<>(notes.subList(0, i));
            }
            if (moved != null) {
                moved.add(m);
            }
        }
        SourcePos a = EscapeFact.move(at, files);
        List<SourcePos> chain = EscapeFact.move(inlineChain, files);
        if (moved == null && a == at && chain == inlineChain) {
            return this;
        }
        return new FlowStep(path, dst, ops, src, a, chain, moved == null ? notes : moved);
    }

    // written out, as the record's own would be: see SourcePos
    @Override
    public boolean equals(Object o) {
        return o instanceof FlowStep s && path == s.path && dst.equals(s.dst) && ops.equals(s.ops)
                && src.equals(s.src) && at.equals(s.at) && inlineChain.equals(s.inlineChain) && notes.equals(s.notes);
    }

    @Override
    public int hashCode() {
        int h = path;
        h = h * 31 + dst.hashCode();
        h = h * 31 + ops.hashCode();
        h = h * 31 + src.hashCode();
        h = h * 31 + at.hashCode();
        h = h * 31 + inlineChain.hashCode();
        return h * 31 + notes.hashCode();
    }

    @Override
    public String toString() {
        return "FlowStep[path=" + path + ", dst=" + dst + ", ops=" + ops + ", src=" + src + ", at=" + at
                + ", inlineChain=" + inlineChain + ", notes=" + notes + "]";
    }
}
