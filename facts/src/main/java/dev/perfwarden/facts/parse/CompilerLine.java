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
 */
public record CompilerLine(long number, String raw, String file, int line, int col, String position,
                           String message) {

    /** The same line with another message (the explanation text of an {@code -m=2} line, say). */
    public CompilerLine withMessage(String text) {
        return new CompilerLine(number, raw, file, line, col, position, text);
    }
}
