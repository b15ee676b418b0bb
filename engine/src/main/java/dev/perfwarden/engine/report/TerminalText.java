package dev.perfwarden.engine.report;

/**
 * Text from packs and inputs made safe for a terminal or a CI log: control characters (C0 including
 * newline and ESC, but not tab; DEL; C1 including the 8-bit CSI and OSC) and the bidirectional overrides that
 * reorder what a reader sees are written as {@code \n}, {@code \x1b}, {@code \u202e}. So a rule
 * message cannot forge report lines ("0 findings; gate: pass"), clear the screen or set the window title.
 * Only text output is escaped: JSON and SARIF keep the message as data (their encoders escape it), HTML escapes
 * it as markup. The text report writes through {@link TerminalOut} (every string escaped, line breaks only its own);
 * the command line's standard error goes through {@link #writer} (every control but line break and tab escaped).
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} with every control or bidi-override character escaped; null becomes empty. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = replacement(c);
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(rep != null ? rep : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** As {@link #escape}, keeping line breaks (for multi-line text such as a rule's doc page). */
    public static String escapeLines(String s) {
        if (s == null) {
            return "";
        }
        return String.join("\n", s.replace("\r\n", "\n").lines().map(TerminalText::escape).toList());
    }

    /**
     * {@code out} behind a filter that escapes every character {@link #escape} would except line break and tab: for
     * a stream of lines (standard error) whose writers cannot all be trusted to escape what they print.
     */
    public static java.io.Writer writer(java.io.Writer out) {
        return new java.io.FilterWriter(out) {
            @Override
            public void write(int c) throws java.io.IOException {
                String rep = c == '\n' ? null : replacement((char) c);
                if (rep == null) {
                    out.write(c);
                } else {
                    out.write(rep);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws java.io.IOException {
                for (int i = off; i < off + len; i++) {
                    write(buf[i]);
                }
            }

            @Override
            public void write(String str, int off, int len) throws java.io.IOException {
                for (int i = off; i < off + len; i++) {
                    write(str.charAt(i));
                }
            }
        };
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return null; // a tab moves the cursor, nothing more (objdump evidence has them)
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
            return String.format("\\x%02x", (int) c);
        }
        if (c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                || c == '\u061c') {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
