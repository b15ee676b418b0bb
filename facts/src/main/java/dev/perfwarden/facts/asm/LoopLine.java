package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * A source line with at least one instruction inside a loop of {@code symbol}'s machine code. One
 * fact per (symbol, file, line); {@code address} and {@code evidence} are those of the first such
 * instruction. Lines of inlined callees appear with the callee's file and line under the caller's
 * symbol. Lines the tool printed as unknown (0) are skipped.
 */
@FactDoc(name = "loop-line", inputs = {"objdump", "asm-listing"},
        value = "A source line with at least one instruction inside a loop of the function's machine code.")
public record LoopLine(String symbol, String file, int line, int col, long address, Evidence evidence)
        implements Located {
    public LoopLine {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(evidence, "evidence");
    }
}
