package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

import java.util.Objects;

/**
 * A block of statements inside a {@code for} loop whose last statement leaves the loop, read from the Go sources
 * ({@link LoopExits}) around the lines where a loop of the machine code calls an allocator. Whatever the block
 * runs before that statement runs at most once per run of the loop it leaves, not once per iteration. Decided
 * from the syntax alone (see {@link LoopExits} for what is and is not recognised).
 *
 * @param file       the block's file, relative to the module root
 * @param line       the first line of the block's first statement (the line after the block's opening
 *                   {@code {} or {@code case …:} when the statement starts on it)
 * @param endLine    the last line of the block's last statement, the one that leaves the loop
 * @param exitLine   the first line of that statement
 * @param exit       how it leaves: {@code return}, {@code break}, {@code goto}, {@code panic} or {@code flag}
 * @param loopLine   the line of the {@code for} keyword of the loop it leaves
 * @param outerLoops how many {@code for} loops of the same function enclose the loop it leaves, plus one when a
 *                   {@code goto} after the loop's {@code for} jumps back to a label before it
 */
@FactDoc(name = "loop-exit", inputs = {"objdump", "asm-listing"},
        value = "A block of statements inside a `for` loop whose last statement leaves the loop: `return`, `panic(…)`,"
                + " `break` of that loop (unlabelled with no `switch`/`select` between, or naming its label), `goto`"
                + " a label after it, or the flag idiom (`for loop {` … `loop = false`, `for !done {` … `done ="
                + " true`, where the loop body assigns the flag nothing else, never takes its address or redeclares"
                + " it). The block holds no `continue`, `goto`, label or stray `break` before it. What the block"
                + " runs runs at most once per run of the loop, not per iteration. Read from the Go sources (syntax"
                + " only, by lines) for the files where a loop of the machine code calls an allocator; no type or"
                + " flow check: a `panic` that is not the builtin, or a flag set again by a called function, is"
                + " not seen.")
public record LoopExit(@FieldDoc("the block's file, relative to the module root") String file,
                       @FieldDoc("the first line of its first statement (the line after the opening `{` or"
                               + " `case …:` when the statement starts on that line)") int line,
                       @FieldDoc("the last line of its last statement, the one that leaves the loop") int endLine,
                       @FieldDoc("the first line of that statement") int exitLine,
                       @FieldDoc("how it leaves: `return`, `break`, `goto`, `panic` or `flag`") String exit,
                       @FieldDoc("the line of the `for` keyword of the loop it leaves") int loopLine,
                       @FieldDoc("how many `for` loops of the same function enclose the loop it leaves, plus one when"
                               + " a `goto` after its `for` jumps back to a label before it (0: what the block runs runs"
                               + " at most once per call)") int outerLoops) implements Fact {
    public static final String RETURN = "return";
    public static final String BREAK = "break";
    public static final String GOTO = "goto";
    public static final String PANIC = "panic";
    public static final String FLAG = "flag";

    public LoopExit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(exit, "exit");
    }
}
