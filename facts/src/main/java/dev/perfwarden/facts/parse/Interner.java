package dev.perfwarden.facts.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A per-input string pool: file names, package paths, flow locations and "why" tags repeat
 * thousands of times in a large {@code -m=2} capture; keeping one copy of each keeps facts lean.
 * {@link #intern(String, int, int)} looks a part of a line up without cutting it out first, so a
 * part seen before costs no allocation. Bounded: past {@code max} distinct strings it stops pooling
 * (returns its argument, or a new copy of the part). Not thread-safe: one pool per input.
 */
public final class Interner {
    private final int max;
    private String[] table = new String[1 << 10];
    /** Each pooled string's hash, by slot (a probe compares it without reading the string). */
    private int[] hashes = new int[1 << 10];
    /** Each pooled ASCII string's bytes, by slot, once a byte lookup has met it (compared as arrays). */
    private byte[][] ascii = new byte[1 << 10][];
    private int size;

    public Interner() {
        this(1 << 20);
    }

    public Interner(int max) {
        this.max = max;
    }

    public String intern(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return intern(s, 0, s.length(), s);
    }

    /** The pooled copy of {@code src.substring(from, to)}; the substring is made only when it is new. */
    public String intern(String src, int from, int to) {
        if (from >= to) {
            return "";
        }
        return intern(src, from, to, null);
    }

    private String intern(String src, int from, int to, String whole) {
        int h = hash(src, from, to);
        int mask = table.length - 1;
        int len = to - from;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            String had = table[i];
            if (had == null) {
                String s = whole != null ? whole : src.substring(from, to);
                add(i, s, h, null);
                return s;
            }
            if (hashes[i] == h && had.length() == len && src.regionMatches(from, had, 0, len)) {
                return had;
            }
        }
    }

    /**
     * The pooled String of the UTF-8 bytes {@code src[from, to)}: ASCII parts are hashed and compared in
     * place (a part seen before costs no allocation), others are decoded first.
     */
    public String intern(byte[] src, int from, int to) {
        if (from >= to) {
            return "";
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            byte b = src[i];
            if (b < 0) {
                return intern(new String(src, from, to - from, StandardCharsets.UTF_8));
            }
            h = 31 * h + b;
        }
        int mask = table.length - 1;
        int len = to - from;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            String had = table[i];
            if (had == null) {
                byte[] key = Arrays.copyOfRange(src, from, to);
                String s = new String(key, StandardCharsets.ISO_8859_1);
                add(i, s, h, key);
                return s;
            }
            if (hashes[i] == h && had.length() == len) {
                byte[] key = ascii[i];
                if (key == null && (key = asciiOf(had)) != null) {
                    ascii[i] = key;
                }
                if (key != null && Arrays.equals(key, 0, len, src, from, to)) {
                    return had;
                }
            }
        }
    }

    /** The bytes of an ASCII string, or null when it holds another character (no ASCII part equals it). */
    private static byte[] asciiOf(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return null;
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void add(int slot, String s, int h, byte[] key) {
        if (size < max) {
            table[slot] = s;
            hashes[slot] = h;
            ascii[slot] = key;
            if (++size * 2 > table.length) {
                grow();
            }
        }
    }

    /** {@link String#hashCode()} of the part, so that pooled strings' cached hashes can be compared. */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** Spreads a string hash's high bits into the low ones, which pick the slot. */
    private static int slot(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }

    private void grow() {
        String[] old = table;
        int[] oldHashes = hashes;
        byte[][] oldAscii = ascii;
        table = new String[old.length * 2];
        hashes = new int[table.length];
        ascii = new byte[table.length][];
        int mask = table.length - 1;
        for (int k = 0; k < old.length; k++) {
            if (old[k] != null) {
                int i = slot(oldHashes[k]) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = old[k];
                hashes[i] = oldHashes[k];
                ascii[i] = oldAscii[k];
            }
        }
    }
}
