package dev.perfwarden.facts.parse;

/**
 * One positioned line of compiler diagnostics, {@code FILE:LINE[:COL]: MESSAGE}, as the position lexer
 * decoded it: the line's number in its input, the raw text, the cleaned source position and the message.
 *
 * @param number   1-based line number in the input being parsed
 * @param raw      the whole line as printed
 * @param file     the cleaned, interned source path; empty for a line without a position
 * @param line     1-based source line, 0 when unknown
 * @param col      1-based source column, 0 when the compiler printed none
 * @param position the position as printed, with its closing colon ({@code ./x.go:3:7:}); empty when none.
 *                 Explanation lines of {@code -m=2} repeat their block's position: this text joins them.
 * @param message  the text after the position and its one separating space; explanation lines keep
 *                 their further indentation ({@code "  flow: …"}). For a line without a position, all of it.
 *
 * <p>A line made by {@link #positioned} cuts its position and message out of {@code raw} only when they are asked
 * for (most summary lines never need them).
 */
public final class CompilerLine {
    private final long number;
    private final String raw;
    private final String file;
    private final int line;
    private final int col;
    /** Where the position ends in {@code raw} (just after its colon) for a line whose parts are cut out lazily. */
    private final int positionEnd;
    private String position;
    private String message;

    public CompilerLine(long number, String raw, String file, int line, int col, String position, String message) {
        this(number, raw, file, line, col, -1);
        this.position = java.util.Objects.requireNonNull(position, "position");
        this.message = java.util.Objects.requireNonNull(message, "message");
    }

    private CompilerLine(long number, String raw, String file, int line, int col, int positionEnd) {
        this.number = number;
        this.raw = raw;
        this.file = file;
        this.line = line;
        this.col = col;
        this.positionEnd = positionEnd;
    }

    /** A line whose position is {@code raw[0, end)}, followed by one space and its message. */
    public static CompilerLine positioned(long number, String raw, String file, int line, int col, int end) {
        if (end <= 0 || end >= raw.length()) {
            throw new IllegalArgumentException("position end " + end + " outside the line");
        }
        return new CompilerLine(number, raw, file, line, col, end);
    }

    public long number() {
        return number;
    }

    public String raw() {
        return raw;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int col() {
        return col;
    }

    public String position() {
        if (position == null) {
            position = raw.substring(0, positionEnd);
        }
        return position;
    }

    public String message() {
        if (message == null) {
            message = raw.substring(positionEnd + 1);
        }
        return message;
    }

    /** The same line with another message (the explanation text of an {@code -m=2} line, say). */
    public CompilerLine withMessage(String text) {
        return new CompilerLine(number, raw, file, line, col, position(), text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompilerLine c && number == c.number && line == c.line && col == c.col
                && java.util.Objects.equals(raw, c.raw) && java.util.Objects.equals(file, c.file)
                && position().equals(c.position()) && message().equals(c.message());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(number, raw, file, line, col, position(), message());
    }

    @Override
    public String toString() {
        return "CompilerLine[number=" + number + ", raw=" + raw + ", file=" + file + ", line=" + line + ", col=" + col
                + ", position=" + position() + ", message=" + message() + "]";
    }
}
