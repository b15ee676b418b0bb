package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.parse.Interner;

/**
 * The position lexer of compiler diagnostics: decodes the {@code FILE:LINE[:COL]:} prefix of a line
 * ({@code ./main.go:12:6: …}, {@code /abs/path/x.go:3: …}, {@code <unknown line number>: …}). A file name
 * may itself hold colons (a Windows drive, an odd directory name): the first colon followed by digits and
 * a colon ends it, tried at most eight times per line.
 */
final class PositionLexer {
    static final String UNKNOWN_POSITION = "<unknown line number>";

    private PositionLexer() {
    }

    /** A decoded prefix: {@code end} is the index just after its closing colon. */
    record Position(String source, int fileEnd, int line, int col, int end) {
        /** The printed file (cut out of the line on each call: the parser's hot path compares it in place). */
        String file() {
            return source.substring(0, fileEnd);
        }
    }

    /** Decodes the position prefix of {@code s}, or null when {@code s} has none. */
    static Position lex(String s) {
        if (s.isEmpty()) {
            return null;
        }
        char c0 = s.charAt(0);
        if (c0 == ' ' || c0 == '\t' || c0 == '#') {
            return null;
        }
        if (c0 == '<' && s.startsWith(UNKNOWN_POSITION + ":")) {
            return new Position(s, 0, 0, 0, UNKNOWN_POSITION.length() + 1);
        }
        int from = 1;
        for (int tries = 0; tries < 8; tries++) {
            int colon = s.indexOf(':', from);
            if (colon < 0) {
                return null;
            }
            int lineEnd = digits(s, colon + 1);
            if (lineEnd > colon + 1 && lineEnd < s.length() && s.charAt(lineEnd) == ':') {
                int line = number(s, colon + 1, lineEnd);
                int colEnd = digits(s, lineEnd + 1);
                if (colEnd > lineEnd + 1 && colEnd < s.length() && s.charAt(colEnd) == ':') {
                    return new Position(s, colon, line, number(s, lineEnd + 1, colEnd), colEnd + 1);
                }
                return new Position(s, colon, line, 0, lineEnd + 1);
            }
            if (lineEnd > colon + 1 && lineEnd == s.length()) {
                return null;
            }
            from = colon + 1;
        }
        return null;
    }

    /**
     * As {@link #lex(String)} on the ASCII bytes {@code b[0, len)} of a line, for a line that starts with neither
     * a space, a tab, {@code #} nor {@code <}: the index just after the position's closing colon, or -1 when the
     * line has none; {@code out} gets the file's end, the line and the column.
     */
    static int lex(byte[] b, int len, int[] out) {
        return lex(b, 0, len, false, out);
    }

    /**
     * As {@link #lex(byte[], int, int[])} on the bytes {@code b[from, to)}, followed by a colon when {@code colonAtEnd}
     * (at index {@code to}: a position ending there ends at {@code to + 1}).
     */
    private static int lex(byte[] b, int from, int to, boolean colonAtEnd, int[] out) {
        int start = from + 1;
        for (int tries = 0; tries < 8; tries++) {
            int colon = start;
            while (colon < to && b[colon] != ':') {
                colon++;
            }
            if (colon >= to) {
                return -1; // with colonAtEnd, only the appended colon is left: no position either
            }
            int lineEnd = digits(b, colon + 1, to);
            if (lineEnd > colon + 1 && colonAt(b, lineEnd, to, colonAtEnd)) {
                out[0] = colon;
                out[1] = number(b, colon + 1, lineEnd);
                int colEnd = digits(b, lineEnd + 1, to);
                if (colEnd > lineEnd + 1 && colonAt(b, colEnd, to, colonAtEnd)) {
                    out[2] = number(b, lineEnd + 1, colEnd);
                    return colEnd + 1;
                }
                out[2] = 0;
                return lineEnd + 1;
            }
            if (lineEnd > colon + 1 && lineEnd == to) {
                return -1;
            }
            start = colon + 1;
        }
        return -1;
    }

    /** Whether a colon is at {@code i} of {@code b[.., to)}, followed by one when {@code colonAtEnd}. */
    private static boolean colonAt(byte[] b, int i, int to, boolean colonAtEnd) {
        return i < to ? b[i] == ':' : colonAtEnd && i == to;
    }

    private static int digits(byte[] b, int from, int len) {
        int i = from;
        while (i < len && i - from < 10 && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static int number(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** Parses {@code FILE:LINE[:COL]} (a flow note's {@code at} part) into a source position. */
    static SourcePos sourcePos(String s, Interner in) {
        if (s.equals(UNKNOWN_POSITION)) {
            return SourcePos.UNKNOWN;
        }
        Position p = lex(s + ":");
        if (p == null || p.end() != s.length() + 1) {
            return new SourcePos(in.intern(SourcePaths.clean(s)), 0, 0);
        }
        return new SourcePos(in.intern(SourcePaths.clean(p.file())), p.line(), p.col());
    }

    /**
     * As {@link #sourcePos(String, Interner)} of the ASCII bytes {@code b[from, to)}, for the common case only: a
     * position ({@code FILE:LINE[:COL]}) spanning them all whose file {@link SourcePaths#clean} leaves as printed;
     * null for any other text (the caller then reads the String).
     */
    static SourcePos sourcePos(byte[] b, int from, int to, Interner in, int[] out) {
        if (from >= to || b[from] == ' ' || b[from] == '\t' || b[from] == '#' || b[from] == '<'
                || !lexWhole(b, from, to, out)) {
            return null;
        }
        int fileEnd = out[0];
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return null;
            }
        }
        if (fileEnd - from >= 2 && b[from] == '.' && b[from + 1] == '/') {
            return null; // clean() drops a leading "./"
        }
        for (int i = from; i < fileEnd; i++) { // and changes "//", "/./" and "file://…"
            if (b[i] == ':' || b[i] == '/' && i + 1 < fileEnd && (b[i + 1] == '/'
                    || b[i + 1] == '.' && i + 2 < fileEnd && b[i + 2] == '/')) {
                return null;
            }
        }
        return new SourcePos(in.intern(b, from, fileEnd), out[1], out[2]);
    }

    /**
     * As {@code lex(s + ":")} of the ASCII bytes {@code s = b[from, to)} with a position ending where {@code s} ends:
     * true, with the file's end, the line and the column in {@code out}; false when {@code s} is not all one position.
     */
    private static boolean lexWhole(byte[] b, int from, int to, int[] out) {
        return lex(b, from, to, true, out) == to + 1;
    }

    /** The end of the run of at most ten digits starting at {@code from}. */
    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && i - from < 10 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
