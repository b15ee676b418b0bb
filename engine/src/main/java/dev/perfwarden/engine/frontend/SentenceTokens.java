package dev.perfwarden.engine.frontend;

/**
 * The little lexing the DSL front-end needs on expanded DRL lines: where string and character literals
 * are (with backslash escapes), so that parentheses inside them are not taken for the pattern's own.
 */
final class SentenceTokens {
    private SentenceTokens() {
    }

    /**
     * {@code line} with {@code constraint} added to its last pattern, as Drools does for a {@code - ...}
     * sentence: before the last ')' outside string literals, after ", " unless the parentheses are empty.
     * Null when the line has no ')' outside literals.
     */
    static String spliceConstraint(String line, String constraint) {
        int close = lastCloseParen(line);
        if (close < 0) {
            return null;
        }
        int before = close - 1;
        while (before >= 0 && Character.isWhitespace(line.charAt(before))) {
            before--;
        }
        boolean empty = before >= 0 && line.charAt(before) == '(';
        return line.substring(0, close) + (empty ? "" : ", ") + constraint + line.substring(close);
    }

    /** Offset of the last ')' that is not inside a "string" or 'c' literal, or -1. */
    static int lastCloseParen(String line) {
        int last = -1;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ')') {
                last = i;
            }
        }
        return last;
    }
}
