package dev.perfwarden.engine.frontend;

import java.util.Arrays;

/**
 * Maps line numbers of the DRL that Drools compiles back to the file the author wrote. Identity for
 * {@code .drl}; for {@code .dslr} the expanded DRL loses the lines of {@code - constraint} sentences
 * (they are merged into the pattern above), and this map undoes that shift.
 */
public final class LineMap implements java.io.Serializable {
    private static final LineMap IDENTITY = new LineMap(null, new int[0]);

    /** index = expanded line - 1, value = source line (1-based). */
    private final int[] toSource;
    /**
     * The {@code - constraint} sentences spliced into a pattern line, five ints each: the expanded line, the
     * first and last column (1-based) of the spliced text there, and the sentence's source line and column.
     */
    private final int[] spans;

    private LineMap(int[] toSource, int[] spans) {
        this.toSource = toSource;
        this.spans = spans;
    }

    /** A position in the file the author wrote; column 0 when unknown. */
    public record Point(int line, int column) {
    }

    public static LineMap identity() {
        return IDENTITY;
    }

    /** A map from compiled line {@code i+1} to source line {@code toSource[i]} (1-based). */
    public static LineMap of(int[] toSource) {
        return new LineMap(toSource.clone(), new int[0]);
    }

    /**
     * As {@link #of(int[])}, with the spliced constraint sentences: {@code spans} holds five ints per sentence
     * (expanded line, first and last column of its text there, source line, source column).
     */
    public static LineMap of(int[] toSource, int[] spans) {
        if (spans.length % 5 != 0) {
            throw new IllegalArgumentException("spans: five ints per sentence, got " + spans.length);
        }
        return new LineMap(toSource.clone(), spans.clone());
    }

    /**
     * The source position of a compiled line and column: identity for DRL; in a DSLR, a column inside a spliced
     * {@code - constraint} sentence is that sentence's line and column, any other column is unknown (0: the
     * expanded text's columns are not the author's).
     */
    public Point source(int compiledLine, int compiledColumn) {
        if (toSource == null) {
            return new Point(compiledLine, compiledColumn);
        }
        for (int i = 0; i < spans.length; i += 5) {
            if (spans[i] == compiledLine && compiledColumn >= spans[i + 1] && compiledColumn <= spans[i + 2]) {
                return new Point(spans[i + 3], spans[i + 4]);
            }
        }
        return new Point(sourceLine(compiledLine), 0);
    }

    /** The source line for a compiled line; 0 stays 0 (unknown); lines past the end map to the last line + overshoot. */
    public int sourceLine(int compiledLine) {
        if (toSource == null || compiledLine <= 0) {
            return compiledLine;
        }
        if (compiledLine <= toSource.length) {
            return toSource[compiledLine - 1];
        }
        int last = toSource.length == 0 ? 0 : toSource[toSource.length - 1];
        return last + (compiledLine - toSource.length);
    }

    /** A copy of the map ({@link #of}'s argument), or null for the identity. */
    public int[] toSource() {
        return toSource == null ? null : toSource.clone();
    }

    /** A copy of the spliced sentences' spans, five ints each ({@link #of(int[], int[])}); empty when none. */
    public int[] spans() {
        return spans.clone();
    }

    public boolean isIdentity() {
        return toSource == null;
    }

    @Override
    public String toString() {
        return toSource == null ? "LineMap[identity]" : "LineMap" + Arrays.toString(toSource);
    }
}
