package dev.perfwarden.facts.ir;

import java.util.List;

/**
 * One decoded line of {@code -m=3}/{@code -m=4} output that belongs to the IR dumps or the escape
 * statement trace (the {@code -m=2} lines of the same output are {@link dev.perfwarden.facts.escape.EscapeTextParser}'s).
 * Which fields are set depends on {@link #form()}:
 * <ul>
 *   <li>{@code file/line/col}: the line's {@code FILE:LINE[:COL]:} prefix (headers, statements, labels);</li>
 *   <li>{@code depth}: the number of {@code ".   "} steps of a tree line;</li>
 *   <li>{@code op}, {@code name}, {@code detail}: a tree node ({@code CONVIFACE}, {@code NAME} and {@code main.n},
 *       {@code Class:PAUTO … OnStack Used int tc(1)}); a child list ({@code CALLFUNC-Args}) has op
 *       {@code CALLFUNC} and {@code name} {@code Args};</li>
 *   <li>{@code chain}: the node's positions, outermost (where the code landed) first, as printed (base names);</li>
 *   <li>{@code func}, {@code loopDepth}, {@code text}: an escape statement ({@code [1] main stmt: x := f()}) or
 *       a label ({@code .i0:} in {@code text}, looping or not in {@code func}).</li>
 * </ul>
 */
public record IrLine(IrForms.Form form, String file, int line, int col, int depth, String op, String name,
                     String detail, List<Printed> chain, String func, int loopDepth, String text) {
    public IrLine {
        chain = List.copyOf(chain);
    }

    /** One position of a node's chain as the dump prints it: a file's base name, line, column. */
    public record Printed(String base, int line, int col) {
    }

    static IrLine positioned(IrForms.Form form, String file, int line, int col) {
        return new IrLine(form, file, line, col, 0, "", "", "", List.of(), "", 0, "");
    }
}
