package dev.perfwarden.facts.parse;

/** Whether bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong form, no surrogate, nothing past U+10FFFF). */
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
}
