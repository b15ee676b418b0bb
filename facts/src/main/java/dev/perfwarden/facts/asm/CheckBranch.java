package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * The conditional branch of a kept check inside a loop of {@code symbol}'s machine code: a branch at the end of
 * a loop block that leads to a call that never returns (a bounds failure, a panic), directly ({@code JBE fail})
 * or as the fall-through into a jump there ({@code JA ok} then {@code JMP fail}), the same branches that make
 * {@link RuntimeCall#inLoop()} true for such a call. With the instruction that sets its flags and the one that
 * runs next when the check passes, these are the check's own machine code: what a CPU profile joined to the
 * instructions ({@code HotInstruction}) can weigh. One fact per call and loop block that leads there.
 *
 * @param call    address (objdump) or PC ({@code -S}) of the never-returning call the failing branch leads to
 * @param compare address of the instruction just before the branch in its block when it is a compare or test
 *                ({@code CMP*}, {@code TEST*}); -1 when the flags come from another instruction
 * @param address the conditional branch's address
 * @param next    the instruction that runs after the branch when the check passes: the fall-through when the
 *                branch jumps to the failure, else the branch's target; -1 when there is none in the function
 */
@FactDoc(name = "check-branch", inputs = {"objdump", "asm-listing"},
        value = "The compare and conditional branch of a kept check inside a loop, whose failing side leads to a never-returning call (a bounds failure, a panic).")
public record CheckBranch(String symbol, String file, int line, int col,
                          @FieldDoc("address of the never-returning call (`CALL runtime.panicBounds(SB)`) the failing branch leads to") long call,
                          @FieldDoc("address of the compare or test that sets the branch's flags (`CMPQ SI, R9`); -1 when none is just before it") long compare,
                          @FieldDoc("the conditional branch's address (`JBE`, `JA`)") long address,
                          @FieldDoc("address of the instruction run next when the check passes (the fall-through, or the target of `JA ok`); -1 when none") long next,
                          Evidence evidence) implements Located {
    public CheckBranch {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(evidence, "evidence");
    }
}
