package dev.perfwarden.facts.core;

/**
 * A parser could not read an input. {@link Kind#UNRECOGNIZED} means "not this format, try another";
 * {@link Kind#MALFORMED} means the format was right but the input is broken at {@link #at()}.
 * The message reads like a compiler error so editors can jump to it:
 * {@code out/m2.txt:17: malformed position: "./main.go:12 moved to heap: x"}.
 */
public final class ParseException extends Exception {
    public enum Kind { UNRECOGNIZED, MALFORMED }

    private final Kind kind;
    private final InputPos at;
    private final String text;

    public ParseException(Kind kind, InputPos at, String problem, String text) {
        super(render(at, problem, text));
        this.kind = kind;
        this.at = at;
        this.text = text;
    }

    public static ParseException malformed(InputPos at, String problem, String text) {
        return new ParseException(Kind.MALFORMED, at, problem, text);
    }

    public static ParseException unrecognized(InputPos at, String problem) {
        return new ParseException(Kind.UNRECOGNIZED, at, problem, null);
    }

    public Kind kind() {
        return kind;
    }

    public InputPos at() {
        return at;
    }

    public String text() {
        return text;
    }

    static String render(InputPos at, String problem, String text) {
        StringBuilder sb = new StringBuilder();
        if (at != null) {
            sb.append(at.format()).append(": ");
        }
        sb.append(problem);
        if (text != null) {
            sb.append(": \"").append(Texts.clip(text, 80)).append('"');
        }
        return sb.toString();
    }
}
