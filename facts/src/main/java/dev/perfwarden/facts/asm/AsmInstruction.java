package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * One instruction line. Emitted only when {@link AsmOptions#instructions()} is on.
 *
 * @param symbol  canonical symbol of the enclosing function (the caller for inlined code)
 * @param file    the instruction's file (the inlined callee's file for inlined code)
 * @param line    the instruction's line; 0 when the tool printed none ({@code (?)}, {@code :-1})
 * @param col     always 0
 * @param address objdump: absolute address; {@code -S}: PC offset in the function
 * @param op      opcode in Go syntax ({@code MOVQ}, {@code CALL}, {@code JLS}; prefixes such as
 *                {@code LOCK} or {@code REP;} come out as the op)
 * @param args    operands as printed ({@code 0x18(AX), CX} / {@code 24(AX), CX}); may be empty
 * @param inLoop  the address lies inside a loop (see the package doc)
 */
public record AsmInstruction(String symbol, String file, int line, int col, long address, String op, String args,
                             boolean inLoop, Evidence evidence) implements Located {
    public AsmInstruction {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(evidence, "evidence");
    }
}
