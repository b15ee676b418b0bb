package dev.perfwarden.facts.source;

import java.util.List;

/**
 * Where Go statements end, from {@link GoScanner}'s tokens: a statement runs from its first token to the
 * first semicolon (written, or inserted at a line end by the Go spec's rule) outside parentheses, brackets
 * and braces, so a call or assignment spread over several lines, and a declaration with its body, is one
 * statement.
 */
public final class GoStatements {
    private final List<GoScanner.Token> tokens;

    private GoStatements(List<GoScanner.Token> tokens) {
        this.tokens = tokens;
    }

    public static GoStatements of(byte[] src) {
        return new GoStatements(GoScanner.scan(src));
    }

    /**
     * The last line of the statement whose first token is the first token of line {@code line}, when that
     * token is at column {@code col} (byte column, 1-based); -1 when no token starts the line at that column.
     */
    public int endOfStatementAt(int line, int col) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).line() < line) {
            i++;
        }
        if (i >= tokens.size()) {
            return -1;
        }
        GoScanner.Token first = tokens.get(i);
        if (first.line() != line || first.col() != col || first.kind() == GoScanner.Kind.SEMI
                || first.kind() == GoScanner.Kind.EOF) {
            return -1;
        }
        int depth = 0;
        int last = line;
        for (; i < tokens.size(); i++) {
            GoScanner.Token t = tokens.get(i);
            if (t.kind() == GoScanner.Kind.EOF || t.kind() == GoScanner.Kind.SEMI && depth <= 0) {
                break;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                if (--depth < 0) {
                    break; // the end of the enclosing block: the statement ended before it
                }
            }
            if (t.kind() != GoScanner.Kind.SEMI) {
                last = t.line();
            }
        }
        return last;
    }
}
