package dev.perfwarden.engine.frontend;

import java.util.Arrays;

/**
 * Maps line numbers of the DRL that Drools compiles back to the file the author wrote. Identity for
 * {@code .drl}; for {@code .dslr} the expanded DRL loses the lines of {@code - constraint} sentences
 * (they are merged into the pattern above), and this map undoes that shift.
 */
public final class LineMap implements java.io.Serializable {
    private static final LineMap IDENTITY = new LineMap(null);

    /** index = expanded line - 1, value = source line (1-based). */
    private final int[] toSource;

    private LineMap(int[] toSource) {
        this.toSource = toSource;
    }

    public static LineMap identity() {
        return IDENTITY;
    }

    /** A map from compiled line {@code i+1} to source line {@code toSource[i]} (1-based). */
    public static LineMap of(int[] toSource) {
        return new LineMap(toSource.clone());
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

    public boolean isIdentity() {
        return toSource == null;
    }

    @Override
    public String toString() {
        return toSource == null ? "LineMap[identity]" : "LineMap" + Arrays.toString(toSource);
    }
}
