package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * The test of the global {@code runtime.writeBarrier} flag that guards a pointer store into heap or
 * global memory. Seen as {@code CMPL runtime.writeBarrier(SB), $0} ({@code -S}, all versions; objdump
 * 1.23+), {@code CMPL $0x0, runtime.writeBarrier(SB)} (objdump 1.19), {@code CMPB …} (runtime
 * assembly), and recognised as well as {@code TESTB}/{@code TESTL} or a load
 * ({@code MOVL runtime.writeBarrier(SB), AX}). A store <em>to</em> the flag is not a check.
 *
 * @param op   the instruction's opcode ({@code CMPL}, {@code CMPB}, {@code TESTB}, {@code MOVL}…)
 * @param form {@code cmp}, {@code test} or {@code load}
 */
@FactDoc(name = "write-barrier", inputs = {"objdump", "asm-listing"},
        value = "A test of `runtime.writeBarrier` guarding a pointer store into heap memory.")
public record WriteBarrierCheck(String symbol, String file, int line, int col,
                                @FieldDoc("the opcode (`CMPL`, `TESTB`, …)") String op,
                                @FieldDoc("how the flag is tested") String form,
                                boolean inLoop, long address, Evidence evidence) implements Located {
    public static final String CMP = "cmp";
    public static final String TEST = "test";
    public static final String LOAD = "load";

    public WriteBarrierCheck {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(evidence, "evidence");
    }
}
