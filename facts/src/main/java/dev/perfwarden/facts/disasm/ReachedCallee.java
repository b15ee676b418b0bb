package dev.perfwarden.facts.disasm;

import dev.perfwarden.facts.core.FieldDoc;

import java.util.Objects;

/**
 * One function the samples below an instruction called ({@link HotInstruction#reached()}): on a {@code CALL}
 * through an interface or a func value, one of the targets it dispatched to, with its part of the samples that went
 * below the call, as {@code go tool pprof -peek} lists a caller's callees with their values. Counted per sample at the
 * instruction's innermost occurrence on the stack: the outermost frame of the next location inward (the function the
 * call entered; inlined frames there fold into it), {@code runtime.asyncPreempt} left out (preemption pushes it at the
 * interrupted instruction: no callee). Callees declared at one {@code file:line} are one (a func literal's inlined
 * copies, whatever their names), named by the copy with the most samples.
 *
 * @param callee   {@code function file:line}, as {@link HotInstruction#callees()} lists it
 * @param function the function's symbol as the profile names it ({@code github.com/gobwas/glob/match.Text.Index})
 * @param file     the base name of its file ({@code text.go})
 * @param line     the line declaring the function (the profile's start line; 0 when it has none): where
 *                 {@code -m=2} prints its inlining decision, which names a function literal whatever name inlining
 *                 gave its copies
 * @param value    the samples' value below the instruction that reached it, in the profile's unit (nanoseconds)
 * @param share    value as a share of all the callees' values: its part of what went below the instruction
 *                 (1 for a call that reached one function)
 */
public record ReachedCallee(
        @FieldDoc("`function file:line`, as `callees` lists it") String callee,
        @FieldDoc("the function's symbol as the profile names it") String function,
        @FieldDoc("the base name of its file") String file,
        @FieldDoc("the line declaring the function (where -m=2 prints its inlining decision); 0 when unknown") int line,
        @FieldDoc("the value of the samples below the instruction that reached it, in the profile's unit") long value,
        @FieldDoc("value as a share of all the callees' values (its part of what went below the instruction)") double share) {
    public ReachedCallee {
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(file, "file");
    }

    /**
     * A callee {@code function file:line} ({@code SampledAddresses}' form; a function name may hold spaces, as a
     * generic shape's {@code go.shape.interface { Less(...) bool }} does: the position is after the last space).
     */
    public static ReachedCallee of(String callee, long value, double share) {
        int space = callee.lastIndexOf(' ');
        String function = space < 0 ? callee : callee.substring(0, space);
        String pos = space < 0 ? "" : callee.substring(space + 1);
        int colon = pos.lastIndexOf(':');
        int line = 0;
        if (colon >= 0) {
            try {
                line = Integer.parseInt(pos.substring(colon + 1));
            } catch (NumberFormatException e) {
                line = 0;
            }
        }
        return new ReachedCallee(callee, function, colon < 0 ? pos : pos.substring(0, colon), line, value, share);
    }
}
