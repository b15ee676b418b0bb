package dev.perfwarden.facts.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One function's machine code as a parser collects it, handed to {@link AsmAnalyzer} when the
 * function ends. The two syntaxes differ in how branch targets are written.
 */
public final class AsmBody {
    /** How branch targets are written. */
    public enum Targets {
        /** objdump: {@code JBE 0x481058}, {@code JMP main.alloc(SB)} (the function's entry), {@code sym+0x10(SB)}. */
        HEX_ADDRESS,
        /** {@code -S}: decimal PCs within the function, {@code JLS 57}, {@code JMP 0}. */
        DECIMAL_PC
    }

    public final String symbol;
    public final String printedName;
    /** The function's file; {@code -S} learns it from the {@code TEXT} pseudo-instruction. */
    public String file;
    public final long headerLine;
    public final String headerText;
    public final Targets targets;
    public final List<Insn> insns = new ArrayList<>();
    /** {@code -S} header values; objdump leaves them at the defaults. */
    public long declaredSize = -1;
    public String flags = "";
    public long frameSize = -1;
    public long argsSize = -1;
    /** Length in bytes of the last instruction (objdump: from its hex column), for the size. */
    public int lastLength;

    /**
     * @param symbol      canonical symbol
     * @param printedName the name as the tool printed it (branch targets use this spelling)
     * @param file        the function's file as the header gives it
     */
    public AsmBody(String symbol, String printedName, String file, long headerLine, String headerText,
                   Targets targets) {
        this.symbol = Objects.requireNonNull(symbol);
        this.printedName = Objects.requireNonNull(printedName);
        this.file = Objects.requireNonNull(file);
        this.headerLine = headerLine;
        this.headerText = Objects.requireNonNull(headerText);
        this.targets = Objects.requireNonNull(targets);
    }

    public void add(Insn insn) {
        insns.add(insn);
    }

    /** Entry address: objdump the first instruction's address, {@code -S} 0. */
    public long start() {
        if (targets == Targets.DECIMAL_PC) {
            return 0;
        }
        return insns.isEmpty() ? 0 : insns.get(0).address;
    }
}
