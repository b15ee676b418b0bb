package dev.perfwarden.facts.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What sniffing sees of an input: its name, whether it is a directory, and its first bytes. Every parser sniffs
 * the same head, so its UTF-8 text and its binary test are computed once, on first use, and shared (a value
 * class rather than a record for that reason; equal by name, kind and bytes).
 */
public final class InputHead {
    public static final int SIZE = 64 * 1024;

    private final String name;
    private final boolean directory;
    private final byte[] bytes;
    /** The decoded head, once asked for; a benign race (a String is safely published). */
    private String text;
    /** {@link #lines(int)} of the largest limit asked for so far, and that limit; a benign race as {@link #text}. */
    private Lines lines;
    /** 0 not computed, 1 binary, 2 text. */
    private byte binary;

    public InputHead(String name, boolean directory, byte[] bytes) {
        this.name = name;
        this.directory = directory;
        this.bytes = bytes;
    }

    public String name() {
        return name;
    }

    public boolean directory() {
        return directory;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The head decoded as UTF-8 (invalid bytes replaced); decoded once. */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(bytes, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    private record Lines(int limit, String[] lines) {
    }

    /**
     * {@code text().split("\n", limit)} (a positive limit: at most {@code limit} elements, the last holding the rest
     * of the text), shared by the parsers that sniff lines: on a -json tree (thousands of heads of 64 KiB) three
     * parsers split every head. Made once for the largest limit asked for; a smaller limit is cut from it. The caller
     * must not change the array.
     */
    public String[] lines(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit " + limit + ": only positive limits are shared");
        }
        Lines l = lines;
        if (l == null || l.limit() < limit && l.lines().length == l.limit()) {
            l = new Lines(limit, text().split("\n", limit));
            lines = l;
        }
        String[] all = l.lines();
        if (all.length <= limit) {
            return all; // all of the text's lines (or exactly the limit asked for)
        }
        // fewer than the split made: the first limit - 1 lines, then the rest of the text from the next line on
        String[] cut = java.util.Arrays.copyOf(all, limit);
        int at = 0;
        for (int i = 0; i < limit - 1; i++) {
            at += all[i].length() + 1;
        }
        cut[limit - 1] = text().substring(at);
        return cut;
    }

    /** A file (not a directory) whose head is text: what the text parsers sniff. */
    public boolean textFile() {
        return !directory && !binary();
    }

    /** A text file whose head starts with a JSON object (after white space). */
    public boolean jsonObject() {
        if (!textFile()) {
            return false;
        }
        for (byte b : bytes) { // ASCII white space, then '{': decided on the bytes (no copy of the decoded head)
            if (b == '{') {
                return true;
            }
            if (b < 0) {
                break; // beyond ASCII: Unicode white space is stripped too, so the text decides
            }
            if (b != ' ' && !Character.isWhitespace(b)) {
                return false;
            }
        }
        return text().stripLeading().startsWith("{");
    }

    public boolean gzip() {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** True when the head holds a NUL byte or many non-text bytes: not a text capture. Computed once. */
    public boolean binary() {
        if (binary == 0) {
            binary = scanBinary(bytes) ? (byte) 1 : (byte) 2;
        }
        return binary == 1;
    }

    private static boolean scanBinary(byte[] bytes) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof InputHead h && h.directory == directory && h.name.equals(name)
                && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, directory, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "InputHead[" + name + (directory ? ", directory" : ", " + bytes.length + " bytes") + "]";
    }
}
