package dev.perfwarden.facts.asm;

/**
 * One parsed instruction line inside an {@link AsmBody}: the parser's working record, not a fact.
 * Only one function's instructions are held at a time.
 */
public final class Insn {
    /** 1-based line in the input. */
    public final long inputLine;
    /** The input line as read (the evidence text, once trailing whitespace is stripped). */
    public final String text;
    /** objdump: absolute address; {@code -S}: PC offset in the function. */
    public final long address;
    public final String file;
    public final int line;
    public final String op;
    public final String args;
    /** Assembler pseudo-op without machine code ({@code TEXT}, {@code FUNCDATA}, {@code PCDATA}). */
    public final boolean pseudo;
    boolean inLoop;
    /**
     * A call that never returns (a panic, a bounds failure) reached by a branch from inside a loop: the
     * failing check runs on every iteration, though the call itself leaves the loop.
     */
    boolean guardsLoop;

    public Insn(long inputLine, String text, long address, String file, int line, String op, String args,
                boolean pseudo) {
        this.inputLine = inputLine;
        this.text = text;
        this.address = address;
        this.file = file;
        this.line = line;
        this.op = op;
        this.args = args;
        this.pseudo = pseudo;
    }

    public boolean inLoop() {
        return inLoop;
    }

    /** {@link #inLoop()}, or a call that never returns whose block is entered from inside a loop. */
    public boolean inLoopOrGuards() {
        return inLoop || guardsLoop;
    }

    /** Whether {@code op} is an assembler pseudo-op of the {@code -S} listing. */
    public static boolean isPseudo(String op) {
        return op.equals("PCDATA") || op.equals("FUNCDATA") || op.equals("TEXT");
    }
}
