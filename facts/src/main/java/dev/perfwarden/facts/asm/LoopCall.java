package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Located;

import java.util.List;
import java.util.Objects;

/**
 * A call made on the iterating path of a loop of {@code symbol}'s machine code: a {@code CALL} in a block
 * of the loop's natural loop (from {@link LoopFinder}: the header and every block that leads back to it).
 * Calls on paths that leave the loop (an error return, a panic) are not in it. One fact per loop and
 * call: a call in a nested loop appears once for each loop around it. Back edges to one header make one
 * loop. {@code file}/{@code line} are the call's (an inlined callee's position when the call came
 * with an inlined body); {@code evidence} is the call instruction.
 *
 * @param callee   canonical callee ({@code pkg.F}, {@code runtime.growslice}); for an indirect call the
 *                 operand as printed ({@code DX}, {@code 0x18(CX)})
 * @param category {@link #DIRECT}, {@link #INDIRECT}, or the {@link RuntimeCall} category of a runtime callee
 * @param loop     address (objdump) or PC ({@code -S}) of the loop header's first instruction
 * @param checks   addresses of the calls that never return (bounds failures, panics) whose failing branch
 *                 leaves from this loop and from no loop nested in it: the checks this loop is the innermost
 *                 loop of; empty when it has none
 * @param address  the call's address (objdump) or PC ({@code -S})
 */
@FactDoc(name = "loop-call", inputs = {"objdump", "asm-listing"},
        value = "A call on the iterating path of a loop of the function's machine code, with the kept checks whose innermost loop it is.")
public record LoopCall(String symbol, String file, int line, int col,
                       @FieldDoc("canonical callee (`pkg.F`, `runtime.mapaccess1_faststr`); an indirect call's operand (`DX`)") String callee,
                       @FieldDoc("`direct`, `indirect`, or the runtime-call category of a runtime callee (`growslice`, `write-barrier`, `map`, …)") String category,
                       @FieldDoc("address (objdump) or PC (-S) of the loop header's first instruction") long loop,
                       @FieldDoc("addresses of the never-returning calls (bounds failures, panics) whose failing branch leaves from this loop and from no loop nested in it") List<Long> checks,
                       long address, Evidence evidence) implements Located {
    /** A direct call of a non-runtime function. */
    public static final String DIRECT = "direct";
    /** A call through a register or memory operand (an interface method, a closure, a function value). */
    public static final String INDIRECT = "indirect";

    public LoopCall {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(category, "category");
        checks = List.copyOf(checks);
        Objects.requireNonNull(evidence, "evidence");
    }
}
