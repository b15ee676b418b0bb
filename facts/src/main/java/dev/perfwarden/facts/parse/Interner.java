package dev.perfwarden.facts.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
        int h = hash(src, from, to);
        if (h == NOT_ASCII) {
            return intern(new String(src, from, to - from, StandardCharsets.UTF_8));
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

    /** What {@link #hash(byte[], int, int)} returns for a part with a byte beyond ASCII (no pooled hash is it). */
    private static final int NOT_ASCII = 0;
    private static final long M = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The hash of a part: its characters taken eight at a time as the bytes of a little-endian long (so that an ASCII
     * String and its bytes hash alike), never {@link #NOT_ASCII}.
     */
    private static int hash(String s, int from, int to) {
        long h = (to - from) * M;
        long w = 0;
        int k = 0;
        for (int i = from; i < to; i++) {
            w |= (long) s.charAt(i) << (k << 3);
            if (++k == 8) {
                h = step(h, w);
                w = 0;
                k = 0;
            }
        }
        return finish(k == 0 ? h : step(h, w));
    }

    /** As {@link #hash(String, int, int)} of the ASCII bytes {@code b[from, to)}; {@link #NOT_ASCII} for others. */
    private static int hash(byte[] b, int from, int to) {
        long h = (to - from) * M;
        long high = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            high |= w;
            h = step(h, w);
        }
        if (i < to) {
            long w = 0;
            for (int k = 0; i < to; i++, k++) {
                w |= (b[i] & 0xffL) << (k << 3);
            }
            high |= w;
            h = step(h, w);
        }
        return (high & 0x8080808080808080L) != 0 ? NOT_ASCII : finish(h);
    }

    private static long step(long h, long w) {
        return Long.rotateLeft((h ^ w) * M, 29);
    }

    private static int finish(long h) {
        int x = (int) (h ^ (h >>> 32));
        return x == NOT_ASCII ? 1 : x;
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
