package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Located;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The instructions of one function's machine code that a call of it runs only because it is a call, and that
 * inlining it would remove: its entry (the stack-bound check {@code CMPQ SP, 0x10(R14)} / {@code JBE} to the
 * morestack tail, or for a larger frame {@code LEAQ -n(SP), R12} / {@code CMPQ R12, 0x10(R14)} / {@code JBE}, or
 * {@code MOVQ SP, R12} / {@code SUBQ $n, R12} / {@code JB} first for a huge one; then {@code PUSHQ BP},
 * {@code MOVQ SP, BP}, {@code SUBQ $n, SP} or {@code ADDQ $-0x80, SP}) and each exit ({@code ADDQ $n, SP} or
 * {@code SUBQ $-0x80, SP}, {@code POPQ BP}, a {@code NOPL} just before the {@code RET}, {@code RET}). A function
 * without a frame has only its {@code RET}s. The morestack tail at the end is not listed: it runs only when the
 * stack must grow. The function's body stays in an inlined copy and is not listed either (nor are the caller's
 * {@code CALL} and argument moves, which are in the caller's code). amd64 objdump only: other architectures and
 * {@code -S} listings emit none.
 *
 * @param symbol   the function's canonical symbol (site key: a generic function's type arguments as {@code [...]})
 * @param file     the objdump {@code TEXT} header's file
 * @param line     the line of the function's first instruction (its declaration)
 * @param col      always 0
 * @param instance the instance name as printed ({@code (*IterG[go.shape.int]).Release}); {@code symbol} for a
 *                 non-generic function
 * @param entry    addresses of the entry instructions, in order; empty for a function without a frame
 * @param exits    addresses of the exit instructions of every return, in order
 * @param frame    the bytes {@code SUBQ $n, SP} reserves (0 when only {@code BP} is saved); -1 without a frame
 * @param evidence the function's first instruction
 */
@FactDoc(name = "entry-exit", inputs = {"objdump"},
        value = "A function's entry and exit instructions (stack check, frame setup, returns): what inlining it removes (amd64).")
public record EntryExit(String symbol, String file, int line, int col,
                        @FieldDoc("the instance name as printed (`(*IterG[go.shape.int]).Release`); `symbol` is its site key, the same for a non-generic function") String instance,
                        @FieldDoc("addresses of the entry instructions: stack-bound check and its branch, PUSHQ BP, MOVQ SP, BP, the frame's SUBQ; empty without a frame") List<Long> entry,
                        @FieldDoc("addresses of every return's exit instructions: the frame's ADDQ, POPQ BP, RET") List<Long> exits,
                        @FieldDoc("bytes the frame's SUBQ reserves; 0 when only BP is saved; -1 without a frame") long frame,
                        Evidence evidence) implements Located {
    public EntryExit {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(instance, "instance");
        entry = List.copyOf(entry);
        exits = List.copyOf(exits);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The entry's and the exits' addresses, in that order: what a hit is weighed on ({@code Hit.weighedOn}). */
    public List<Long> addresses() {
        List<Long> all = new ArrayList<>(entry);
        all.addAll(exits);
        return all;
    }
}
