package dev.perfwarden.engine.restrict;

import java.util.ArrayList;
import java.util.List;

/**
 * A conservative lexer for the Java and MVEL snippets inside DRL (constraints, consequences, {@code from}
 * expressions): identifiers, numbers, string and character literals (also text blocks), operators, and
 * comments. It errs on the side of refusing: non-ASCII characters outside literals and comments, and
 * unterminated literals or comments become {@link Kind#BAD} tokens. A {@code //} comment ends at
 * {@code \n} or {@code \r}, as in javac (a lone carriage return must not hide code from this lexer).
 * Unicode escapes are refused before lexing (see {@link RestrictedChecker}), because javac decodes them
 * before it lexes.
 */
final class CodeTokens {
    enum Kind { IDENT, NUMBER, STRING, OP, COMMENT, BAD }

    /** One token: {@code offset} into the lexed text, {@code text} as written (literals with their quotes). */
    record Token(Kind kind, String text, int offset) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(s);
        }
    }

    private static final String[] OPS = {">>>=", "<<=", ">>=", ">>>", "->", "::", "==", "!=", "<=", ">=", "&&", "||",
            "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ":="};

    /** The deepest nesting of brackets ({@code ( [ {}) restricted DRL may have. */
    static final int MAX_NESTING = 100;

    private CodeTokens() {
    }

    /** The offset of the first bracket that opens level {@link #MAX_NESTING} + 1, or -1. */
    static int tooDeep(List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.is("(") || t.is("[") || t.is("{")) {
                if (++depth > MAX_NESTING) {
                    return t.offset();
                }
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
        }
        return -1;
    }

    /*
     * Long on purpose: one loop with one branch per token class (blank, comments, text blocks, strings, chars,
     * numbers, identifiers, operators), as GoScanner.run and javac's JavaTokenizer. The sandbox's allow-list rests
     * on this lexer, so it is kept as one piece that can be read top to bottom against the JLS's lexical grammar.
     */
    static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            int start = i;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
                out.add(new Token(Kind.COMMENT, s.substring(start, i), start));
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    out.add(new Token(Kind.BAD, "unterminated comment", start));
                    return out;
                }
                i = end + 2;
                out.add(new Token(Kind.COMMENT, s.substring(start, i), start));
                continue;
            }
            if (c == '"' && s.startsWith("\"\"\"", i)) {
                int end = closing(s, i + 3, "\"\"\"");
                if (end < 0) {
                    out.add(new Token(Kind.BAD, "unterminated text block", start));
                    return out;
                }
                i = end + 3;
                out.add(new Token(Kind.STRING, s.substring(start, i), start));
                continue;
            }
            if (c == '"' || c == '\'') {
                int end = closing(s, i + 1, String.valueOf(c));
                if (end < 0) {
                    out.add(new Token(Kind.BAD, "unterminated string literal", start));
                    return out;
                }
                i = end + 1;
                out.add(new Token(Kind.STRING, s.substring(start, i), start));
                continue;
            }
            if (c > 0x7e || (c < 0x20 && c != '\t')) {
                out.add(new Token(Kind.BAD, String.format("U+%04X", (int) c), start));
                i++;
                continue;
            }
            if (isIdentStart(c)) {
                while (i < n && isIdentPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, i), start));
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (Character.isLetterOrDigit(d) && d < 0x7f || d == '.' || d == '_') {
                        i++;
                    } else if ((d == '+' || d == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'
                            || s.charAt(i - 1) == 'p' || s.charAt(i - 1) == 'P') && !s.startsWith("0x", start)) {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
                continue;
            }
            String op = String.valueOf(c);
            for (String o : OPS) {
                if (s.startsWith(o, i)) {
                    op = o;
                    break;
                }
            }
            i += op.length();
            out.add(new Token(Kind.OP, op, start));
        }
        return out;
    }

    /** Index of the closing {@code quote} from {@code from}, honouring backslash escapes; -1 if none. */
    private static int closing(String s, int from, String quote) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (s.startsWith(quote, i)) {
                return i;
            }
            if ((c == '\n' || c == '\r') && quote.length() == 1) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9';
    }
}
