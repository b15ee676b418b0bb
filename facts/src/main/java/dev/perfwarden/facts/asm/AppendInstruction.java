package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * One instruction inside a loop, on a line where that loop calls {@code runtime.growslice} (an
 * {@code append}'s line): the append's capacity test, its element store, and any load or store of the slice's
 * header the loop repeats ({@code MOVQ R10, 8(AX)}: the new length stored back through a pointer). Emitted for
 * those lines only ({@link AppendLines}), whatever {@link AsmOptions#instructions()} says: the lines' other
 * instructions, and those of the line outside the loop, are not.
 *
 * @param symbol  canonical symbol of the function whose machine code holds the instruction
 * @param file    the instruction's file (the inlined callee's file for inlined code)
 * @param line    the append's line
 * @param col     always 0
 * @param address objdump: absolute address; {@code -S}: PC offset in the function
 * @param op      opcode in Go syntax ({@code MOVQ}, {@code CMPQ})
 * @param args    operands as printed ({@code R10, 0x8(AX)} in objdump, {@code R10, 8(AX)} in {@code -S})
 */
@FactDoc(name = "append-instruction", inputs = {"objdump", "asm-listing"},
        value = "An instruction inside a loop on a line where that loop calls `runtime.growslice` (an `append`'s"
                + " line): its capacity test, element store, and any load or store of the slice header"
                + " (`MOVQ R10, 8(AX)`). Only these lines' in-loop instructions are facts.")
public record AppendInstruction(String symbol, String file, int line, int col, long address,
                                @FieldDoc("opcode in Go syntax (`MOVQ`, `CMPQ`)") String op,
                                @FieldDoc("operands as printed (`R10, 0x8(AX)`; `-S`: `R10, 8(AX)`)") String args,
                                Evidence evidence) implements Located {
    public AppendInstruction {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(evidence, "evidence");
    }
}
