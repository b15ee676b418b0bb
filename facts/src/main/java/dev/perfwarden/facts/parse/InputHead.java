package dev.perfwarden.facts.parse;

import java.nio.charset.StandardCharsets;

/** What sniffing sees of an input: its name, whether it is a directory, and its first bytes. */
public record InputHead(String name, boolean directory, byte[] bytes) {
    public static final int SIZE = 64 * 1024;

    /** The head decoded as UTF-8 (invalid bytes replaced). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A file (not a directory) whose head is text: what the text parsers sniff. */
    public boolean textFile() {
        return !directory && !binary();
    }

    /** A text file whose head starts with a JSON object (after white space). */
    public boolean jsonObject() {
        return textFile() && text().stripLeading().startsWith("{");
    }

    public boolean gzip() {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** True when the head holds a NUL byte or many non-text bytes: not a text capture. */
    public boolean binary() {
        int bad = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 0x09 || (c > 0x0d && c < 0x20)) {
                bad++;
            }
        }
        return bytes.length > 0 && bad * 20 > bytes.length;
    }
}
