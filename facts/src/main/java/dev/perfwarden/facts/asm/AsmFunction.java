package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * One function's machine code: an objdump {@code TEXT sym(SB) file} block or an {@code -S}
 * {@code STEXT} symbol.
 *
 * @param symbol       canonical symbol
 * @param file         objdump: the path on the {@code TEXT} header (absolute, or a {@code -trimpath}
 *                     form; empty for linker-made symbols); {@code -S}: the file of the {@code TEXT}
 *                     pseudo-instruction
 * @param line         line of the first instruction (objdump) or of the {@code TEXT} pseudo-op ({@code -S})
 * @param col          always 0
 * @param address      objdump: absolute address of the first instruction; {@code -S}: 0
 * @param size         size in bytes (objdump: last address + last instruction length − first address;
 *                     {@code -S}: the header's {@code size=})
 * @param instructions instruction lines in the block ({@code -S}: pseudo-ops TEXT/FUNCDATA/PCDATA included)
 * @param backEdges    back edges of natural loops: jumps whose target dominates them (see the package doc)
 * @param flags        {@code -S} header flags, space-separated ({@code nosplit dupok leaf}…); objdump: empty
 * @param frameSize    {@code -S} {@code locals=}; -1 when unknown (objdump)
 * @param argsSize     {@code -S} {@code args=}; -1 when unknown (objdump)
 * @param evidence     the header line
 */
@FactDoc(name = "asm-function", inputs = {"objdump", "asm-listing"},
        value = "One function's machine code: size, instruction count, loops, frame size.")
public record AsmFunction(String symbol, String file, int line, int col, long address,
                          @FieldDoc("size in bytes") long size,
                          int instructions,
                          @FieldDoc("jumps that close a loop") int backEdges, String flags,
                          @FieldDoc("-S `locals=`; -1 when unknown") long frameSize,
                          @FieldDoc("-S `args=`; -1 when unknown") long argsSize,
                          Evidence evidence) implements Located {
    public AsmFunction {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(evidence, "evidence");
    }

    public boolean hasLoop() {
        return backEdges > 0;
    }
}
