package dev.perfwarden.facts.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Go lexer: enough to find declarations and function literals. It works on bytes, so
 * columns are byte columns like the compiler's (1-based), skips comments, understands interpreted
 * and raw strings and runes (so braces inside them do not count), and inserts the automatic
 * semicolons of the Go spec at line ends. Malformed input never throws: an unterminated string or
 * comment ends at the end of the file.
 *
 * <p>In its comments-only mode ({@link #comments}) it returns the comments instead of the tokens, each
 * saying whether code comes before it on its line: this is how directives in comments
 * ({@code //perfwarden:ignore}, {@code //nolint}) are found outside strings, runes and block comments.
 */
public final class GoScanner {
    enum Kind { IDENT, STRING, CHAR, NUMBER, OP, SEMI, EOF }

    /** One token; {@code text} for identifiers/keywords and operators, "" for literals. */
    record Token(Kind kind, String text, int line, int col) {
        boolean is(String s) {
            return (kind == Kind.IDENT || kind == Kind.OP) && text.equals(s);
        }

        boolean isIdent() {
            return kind == Kind.IDENT && !KEYWORDS.contains(text);
        }
    }

    static final java.util.Set<String> KEYWORDS = java.util.Set.of("break", "case", "chan", "const", "continue",
            "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
            "package", "range", "return", "select", "struct", "switch", "type", "var");

    private static final String[] OPS3 = {"<<=", ">>=", "&^=", "...", "&&=", "||="};
    private static final String[] OPS2 = {"<<", ">>", "&^", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "&&",
            "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "~="};

    /**
     * One comment, as {@link #comments} returns it.
     *
     * @param text      the comment as written: {@code //...} without its line end, or {@code /*...*}{@code /}
     * @param line      its first line (1-based)
     * @param col       its byte column (1-based), like the compiler's
     * @param block     a {@code /*...*}{@code /} comment
     * @param afterCode code (a token, or a block comment) comes before it on its line
     */
    public record Comment(String text, int line, int col, boolean block, boolean afterCode) {
    }

    private final byte[] src;
    private final boolean commentsOnly;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** The line on which the last token (or block comment) ended; 0 before the first. */
    private int codeEndLine;
    private final List<Token> out = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    private GoScanner(byte[] src, boolean commentsOnly) {
        this.src = src;
        this.commentsOnly = commentsOnly;
    }

    static List<Token> scan(byte[] src) {
        GoScanner s = new GoScanner(src, false);
        s.run();
        return s.out;
    }

    /**
     * For each bracket token ({@code ( [ {} and their closers), the index of its partner; -1 for any other token and
     * for an unbalanced bracket. The parsers of the source index and of benchmark timers walk bracket groups with it.
     */
    static int[] brackets(List<Token> t) {
        int[] match = new int[t.size()];
        java.util.Arrays.fill(match, -1);
        java.util.Deque<Integer> stack = new java.util.ArrayDeque<>();
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.kind() != Kind.OP) {
                continue;
            }
            if (k.is("(") || k.is("[") || k.is("{")) {
                stack.push(i);
            } else if ((k.is(")") || k.is("]") || k.is("}")) && !stack.isEmpty()) {
                int o = stack.pop();
                match[o] = i;
                match[i] = o;
            }
        }
        return match;
    }

    /** The comments of a Go file, in order (the comments-only mode: no token is kept). */
    public static List<Comment> comments(byte[] src) {
        GoScanner s = new GoScanner(src, true);
        s.run();
        return s.comments;
    }

    private void emit(Token t) {
        codeEndLine = line;
        if (!commentsOnly) {
            out.add(t);
        }
    }

    /** Literal text, skipped in the comments-only mode. */
    private String text(int start, int length) {
        return commentsOnly || length > 512 ? ""
                : new String(src, start, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    private int col() {
        return pos - lineStart + 1;
    }

    private void newline() {
        line++;
        lineStart = pos + 1;
    }

    /** Go spec: a newline after these tokens ends the statement. */
    private boolean needsSemi() {
        if (out.isEmpty()) {
            return false;
        }
        Token t = out.get(out.size() - 1);
        switch (t.kind) {
            case STRING:
            case CHAR:
            case NUMBER:
                return true;
            case IDENT:
                return !KEYWORDS.contains(t.text) || t.text.equals("break") || t.text.equals("continue")
                        || t.text.equals("fallthrough") || t.text.equals("return");
            case OP:
                return t.text.equals(")") || t.text.equals("]") || t.text.equals("}") || t.text.equals("++")
                        || t.text.equals("--");
            default:
                return false;
        }
    }

    private void semiAtNewline() {
        if (!commentsOnly && needsSemi()) {
            out.add(new Token(Kind.SEMI, "\n", line, col()));
        }
    }

    private void run() {
        int n = src.length;
        if (n >= 3 && (src[0] & 0xff) == 0xef && (src[1] & 0xff) == 0xbb && (src[2] & 0xff) == 0xbf) {
            pos = 3; // BOM
        }
        while (pos < n) {
            int c = src[pos] & 0xff;
            if (c == '\n') {
                semiAtNewline();
                newline();
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < n && src[pos + 1] == '/') {
                int start = pos;
                while (pos < n && src[pos] != '\n') {
                    pos++;
                }
                if (commentsOnly) {
                    int end = pos > start && src[pos - 1] == '\r' ? pos - 1 : pos;
                    comments.add(new Comment(new String(src, start, end - start, java.nio.charset.StandardCharsets.UTF_8),
                            line, start - lineStart + 1, false, codeEndLine == line));
                }
            } else if (c == '/' && pos + 1 < n && src[pos + 1] == '*') {
                boolean hadNewline = false;
                int start = pos;
                int startLine = line;
                int startCol = col();
                boolean afterCode = codeEndLine == line;
                pos += 2;
                while (pos < n && !(src[pos] == '*' && pos + 1 < n && src[pos + 1] == '/')) {
                    if (src[pos] == '\n') {
                        if (!hadNewline) {
                            semiAtNewline();
                        }
                        hadNewline = true;
                        newline();
                    }
                    pos++;
                }
                pos = Math.min(n, pos + 2);
                if (commentsOnly) {
                    comments.add(new Comment(new String(src, start, pos - start, java.nio.charset.StandardCharsets.UTF_8),
                            startLine, startCol, true, afterCode));
                }
                codeEndLine = line; // as code: a comment after it on this line is a trailing one
            } else if (c == '"') {
                int l = line;
                int cl = col();
                pos++;
                while (pos < n && src[pos] != '"' && src[pos] != '\n') {
                    if (src[pos] == '\\' && pos + 1 < n && src[pos + 1] != '\n') {
                        pos++;
                    }
                    pos++;
                }
                int textEnd = pos;
                if (pos < n && src[pos] == '"') {
                    pos++;
                }
                int start = (int) ((long) cl - 1 + lineStart);
                emit(new Token(Kind.STRING, text(start + 1, textEnd - start - 1), l, cl));
            } else if (c == '`') {
                int l = line;
                int cl = col();
                int start = pos + 1;
                pos++;
                while (pos < n && src[pos] != '`') {
                    if (src[pos] == '\n') {
                        newline();
                    }
                    pos++;
                }
                int textEnd = pos;
                pos = Math.min(n, pos + 1);
                emit(new Token(Kind.STRING, text(start, textEnd - start), l, cl));
            } else if (c == '\'') {
                int cl = col();
                pos++;
                while (pos < n && src[pos] != '\'' && src[pos] != '\n') {
                    if (src[pos] == '\\' && pos + 1 < n && src[pos + 1] != '\n') {
                        pos++;
                    }
                    pos++;
                }
                if (pos < n && src[pos] == '\'') {
                    pos++;
                }
                emit(new Token(Kind.CHAR, "", line, cl));
            } else if (isLetter(c)) {
                int start = pos;
                int cl = col();
                while (pos < n && (isLetter(src[pos] & 0xff) || isDigit(src[pos] & 0xff))) {
                    pos++;
                }
                emit(new Token(Kind.IDENT, commentsOnly ? "" : new String(src, start, pos - start,
                        java.nio.charset.StandardCharsets.UTF_8), line, cl));
            } else if (isDigit(c) || c == '.' && pos + 1 < n && isDigit(src[pos + 1] & 0xff)) {
                int cl = col();
                while (pos < n) {
                    int d = src[pos] & 0xff;
                    if (isDigit(d) || isLetter(d) || d == '.' || d == '_') {
                        pos++;
                    } else if ((d == '+' || d == '-') && pos > 0 && "eEpP".indexOf(src[pos - 1]) >= 0
                            && !isHexPrefixed(pos)) {
                        pos++;
                    } else {
                        break;
                    }
                }
                emit(new Token(Kind.NUMBER, "", line, cl));
            } else {
                int cl = col();
                String op = null;
                for (String o : OPS3) {
                    if (matches(o)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    for (String o : OPS2) {
                        if (matches(o)) {
                            op = o;
                            break;
                        }
                    }
                }
                if (op == null) {
                    op = String.valueOf((char) c);
                }
                pos += op.length();
                if (op.equals(";")) {
                    emit(new Token(Kind.SEMI, ";", line, cl));
                } else {
                    emit(new Token(Kind.OP, op, line, cl));
                }
            }
        }
        semiAtNewline();
        out.add(new Token(Kind.EOF, "", line, col()));
    }

    /** In {@code 0x1p-2} the sign belongs to the number; in {@code 0xe-1} it does not. */
    private boolean isHexPrefixed(int at) {
        int i = at - 1;
        while (i > 0 && (isDigit(src[i] & 0xff) || isLetter(src[i] & 0xff) || src[i] == '.')) {
            i--;
        }
        int s = i == 0 && (isDigit(src[0] & 0xff)) ? 0 : i + 1;
        boolean hex = at - s > 2 && src[s] == '0' && (src[s + 1] == 'x' || src[s + 1] == 'X');
        return hex && src[at - 1] != 'p' && src[at - 1] != 'P';
    }

    private boolean matches(String o) {
        if (pos + o.length() > src.length) {
            return false;
        }
        for (int i = 0; i < o.length(); i++) {
            if (src[pos + i] != o.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
