package dev.perfwarden.facts.parse;

import java.nio.charset.StandardCharsets;

/**
 * String operations on a part of a line's bytes ({@code b[from, to)}), for parsers that read ASCII lines without
 * making a String of them. On ASCII text each gives what its String namesake gives on the decoded line.
 */
public final class ByteText {
    private ByteText() {
    }

    /** The ASCII bytes of a parser's fixed text (its characters beyond ASCII never match an ASCII line). */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code b[at, to)} starts with {@code what}. */
    public static boolean startsWith(byte[] b, int at, int to, byte[] what) {
        return to - at >= what.length && java.util.Arrays.equals(b, at, at + what.length, what, 0, what.length);
    }

    /** Whether {@code b[from, to)} ends with {@code what}. */
    public static boolean endsWith(byte[] b, int from, int to, byte[] what) {
        return to - from >= what.length && java.util.Arrays.equals(b, to - what.length, to, what, 0, what.length);
    }

    /** The first index of {@code what} wholly inside {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, byte[] what, int from, int to) {
        byte first = what[0];
        outer:
        for (int i = from; i + what.length <= to; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The last index of {@code what} wholly inside {@code b[from, to)}, or -1. */
    public static int lastIndexOf(byte[] b, byte[] what, int from, int to) {
        outer:
        for (int i = to - what.length; i >= from; i--) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * As {@code CompilerNames.indexAtDepth0}: the first index of {@code what} in {@code b[from, to)} outside any
     * bracket pair ({@code ()}, {@code []}, {@code {}}), or -1.
     */
    public static int indexAtDepth0(byte[] b, byte[] what, int from, int to) {
        int depth = 0;
        byte first = what[0];
        int n = to - what.length;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (depth == 0 && c == first && i <= n && java.util.Arrays.equals(b, i, i + what.length, what, 0,
                    what.length)) {
                return i;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return -1;
    }

    /**
     * The value of the decimal digits {@code b[from, to)}, or -1 when the part is empty, holds another byte or has
     * more than nine digits (where {@link Integer#parseInt} would differ or fail, the caller reads the String).
     */
    public static int digits(byte[] b, int from, int to) {
        if (from >= to || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
