package dev.perfwarden.facts.parse;

/**
 * Whether bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong form, no surrogate, nothing past U+10FFFF), and
 * whether they may be a blank line.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Whether {@code b[0, len)} is well-formed UTF-8: then every decoder gives the same characters (Java's String
     * decoding, Jackson's byte parser), where a malformed sequence is replaced by one and refused by the other.
     */
    public static boolean wellFormed(byte[] b, int len) {
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                lo = c == 0xe0 ? 0xa0 : 0x80;
                hi = c == 0xed ? 0x9f : 0xbf;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                lo = c == 0xf0 ? 0x90 : 0x80;
                hi = c == 0xf4 ? 0x8f : 0xbf;
            } else {
                return false;
            }
            if (i + n >= len) { // cut short
                return false;
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= n; k++) {
                int x = b[i + k] & 0xff;
                if (x < 0x80 || x > 0xbf) {
                    return false;
                }
            }
            i += n + 1;
        }
        return true;
    }

    /**
     * Whether the UTF-8 text {@code b[0, len)} may be blank ({@link String#isBlank()}): it holds no ASCII byte that is
     * not white space. A line starting with {@code {} is told at its first byte; a line beyond ASCII is decided by its
     * decoded text.
     */
    public static boolean mayBeBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            int c = b[i];
            if (c > ' ' || (c >= 0 && c < ' ' && !Character.isWhitespace(c))) {
                return false;
            }
        }
        return true;
    }
}
