package dev.perfwarden.engine.pack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' parser errors in plain words: "[ERR 102] mismatched input 'file' in rule "r"" says where, not what.
 * Where the text shows what is missing, say it: a word right after a complete constraint inside a pattern's
 * parentheses is a missing comma ("expected ',' between constraints"), as is a number or a string there.
 */
final class DrlSyntaxErrors {
    private static final Pattern MISMATCHED = Pattern.compile(
            "\\[ERR 102]\\s*mismatched input '(.*?)'(?: expecting (.*?))?(?: in pattern)?(?: in rule \"(.*?)\")?\\s*$", Pattern.DOTALL);

    private DrlSyntaxErrors() {
    }

    /** {@code message} (already without "Line L:C") in plain words, knowing the DRL and the 1-based position. */
    static String explain(String message, String drl, int line, int col) {
        Matcher m = MISMATCHED.matcher(message);
        if (!m.matches() || line < 1 || col < 1) {
            return message;
        }
        String token = m.group(1);
        String where = m.group(3) == null ? "" : " in rule \"" + m.group(3) + "\"";
        int offset = offset(drl, line, col);
        char first = token.isEmpty() ? ' ' : token.charAt(0);
        if (offset >= 0 && depth(drl, offset) > 0 && (Character.isJavaIdentifierStart(first)
                || Character.isDigit(first) || first == '"') && endsOperand(drl, offset)) {
            return "expected ',' between constraints, before '" + token + "'" + where + " (" + message + ")";
        }
        return "unexpected '" + token + "'" + (m.group(2) == null ? "" : ", expected " + m.group(2)) + where
                + " (" + message + ")";
    }

    private static int offset(String drl, int line, int col) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = drl.indexOf('\n', at);
            if (at < 0) {
                return -1;
            }
            at++;
        }
        int off = at + col - 1;
        return off <= drl.length() ? off : -1;
    }

    /** Parenthesis depth at {@code offset} of the rule around it, not counting parentheses in literals. */
    private static int depth(String drl, int offset) {
        int start = Math.max(0, drl.lastIndexOf("\nrule ", offset));
        int depth = 0;
        char quote = 0;
        for (int i = start; i < offset; i++) {
            char c = drl.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return depth;
    }

    /** Whether the last non-blank character before {@code offset} ends an operand (a name, a literal, ')'). */
    private static boolean endsOperand(String drl, int offset) {
        int i = offset - 1;
        while (i >= 0 && Character.isWhitespace(drl.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = drl.charAt(i);
        return Character.isJavaIdentifierPart(c) || c == '"' || c == '\'' || c == ')' || c == ']';
    }
}
