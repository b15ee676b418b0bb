package dev.perfwarden.facts.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A per-input string pool: file names, package paths, flow locations and "why" tags repeat
 * thousands of times in a large {@code -m=2} capture; keeping one copy of each keeps facts lean.
 * {@link #intern(String, int, int)} and {@link #intern(byte[], int, int)} look a part of a line up without cutting
 * it out first, so a part seen before costs no allocation (UTF-8 bytes are hashed and compared as bytes, so a
 * part beyond ASCII seen before is not decoded again). Bounded: past {@code max} distinct strings it stops pooling
 * (returns its argument, or a new copy of the part). Not thread-safe: one pool per input.
 *
 * <p>Each call also leaves the {@link #lastKeyHigh()}/{@link #lastKeyLow()} of the string it returned: two
 * independent 64-bit hashes of its characters, computed once per pooled string, for callers that key a whole record
 * by the strings it is made of.
 */
public final class Interner {
    private final int max;
    private String[] table = new String[1 << 10];
    /** Each pooled string's hash, by slot (a probe compares it without reading the string). */
    private int[] hashes = new int[1 << 10];
    /** Each pooled string's UTF-8 bytes, by slot, once a byte lookup has met it (compared as arrays). */
    private byte[][] utf8 = new byte[1 << 10][];
    /** Each pooled string's {@link #keyHash} lanes, by slot. */
    private long[] keys = new long[2 << 10];
    /** What a caller attached to each pooled string ({@link #attach}), by slot. */
    private Object[] attached = new Object[1 << 10];
    private int size;
    /** The slot of the string the last {@code intern} returned, or -1 when it is not pooled. */
    private int lastSlot = -1;
    private long lastHigh;
    private long lastLow;

    public Interner() {
        this(1 << 20);
    }

    public Interner(int max) {
        this.max = max;
    }

    /**
     * A pool sized at once for about {@code expected} distinct strings (a large input's: no doubling and rehashing of
     * a table of hundreds of thousands of strings while it is read).
     */
    public static Interner expecting(int expected) {
        Interner in = new Interner();
        int slots = Integer.highestOneBit(Math.max(1 << 10, Math.min(1 << 21, expected)) * 2 - 1) * 2;
        in.table = new String[slots];
        in.hashes = new int[slots];
        in.utf8 = new byte[slots][];
        in.keys = new long[2 * slots];
        in.attached = new Object[slots];
        return in;
    }

    public String intern(String s) {
        if (s == null || s.isEmpty()) {
            return empty();
        }
        return intern(s, 0, s.length(), s);
    }

    /** The pooled copy of {@code src.substring(from, to)}; the substring is made only when it is new. */
    public String intern(String src, int from, int to) {
        if (from >= to) {
            return empty();
        }
        return intern(src, from, to, null);
    }

    /** The first 64-bit hash of the string the last {@code intern} returned. */
    public long lastKeyHigh() {
        return lastHigh;
    }

    /** The second, independent 64-bit hash of the string the last {@code intern} returned. */
    public long lastKeyLow() {
        return lastLow;
    }

    /**
     * What {@link #attach} attached to the string the last {@code intern} returned (a value computed from it, such
     * as a parsed position, so that a string seen before is not parsed again), or null.
     */
    public Object lastAttachment() {
        return lastSlot < 0 ? null : attached[lastSlot];
    }

    /**
     * A handle on the string the last {@code intern} returned, for {@link #attach(int, String, Object)} after other
     * calls: -1 when it is not pooled.
     */
    public int lastHandle() {
        return lastSlot;
    }

    /**
     * As {@link #attach(String, Object)}, for {@code pooled} that the call which gave {@code handle} returned: found by
     * the handle without hashing it again (looked up as before when the table has grown since).
     */
    public void attach(int handle, String pooled, Object value) {
        if (handle >= 0 && handle < table.length && table[handle] == pooled) {
            attached[handle] = value;
        } else {
            attach(pooled, value);
        }
    }

    /** Attaches {@code value} to {@code pooled}, a string this pool returned (nothing when it is not pooled). */
    public void attach(String pooled, Object value) {
        long high = lastHigh;
        long low = lastLow;
        intern(pooled);
        if (lastSlot >= 0 && table[lastSlot] == pooled) {
            attached[lastSlot] = value;
        }
        lastHigh = high;
        lastLow = low;
    }

    private String empty() {
        lastSlot = -1;
        lastHigh = EMPTY_HIGH;
        lastLow = EMPTY_LOW;
        return "";
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
                return found(i);
            }
        }
    }

    /**
     * The pooled String of the UTF-8 bytes {@code src[from, to)} (decoded as {@code new String(…, UTF_8)} decodes
     * them), hashed and compared in place: a part seen before costs no allocation.
     */
    public String intern(byte[] src, int from, int to) {
        if (from >= to) {
            return empty();
        }
        int h = hash(src, from, to);
        int mask = table.length - 1;
        int len = to - from;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            String had = table[i];
            if (had == null) {
                byte[] key = Arrays.copyOfRange(src, from, to);
                String s = new String(key, ascii(key) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                add(i, s, h, key);
                return s;
            }
            if (hashes[i] == h) {
                byte[] key = utf8[i];
                if (key == null) {
                    if (had.length() == len && sameAscii(had, src, from, len)) {
                        utf8[i] = Arrays.copyOfRange(src, from, to); // ASCII: its UTF-8 bytes are these
                        return found(i);
                    }
                    key = bytesOf(had);
                    utf8[i] = key;
                }
                if (key.length == len && Arrays.equals(key, 0, len, src, from, to)) {
                    return found(i);
                }
            }
        }
    }

    private static final byte[] NO_BYTES = {};

    /**
     * True when {@code src[from, from + len)} is ASCII and holds the characters of {@code s} (then those bytes are
     * its UTF-8 form): a pooled String met by bytes for the first time is matched without encoding it.
     */
    private static boolean sameAscii(String s, byte[] src, int from, int len) {
        for (int k = 0; k < len; k++) {
            byte x = src[from + k];
            if (x < 0 || s.charAt(k) != x) {
                return false;
            }
        }
        return true;
    }

    /**
     * The UTF-8 bytes a pooled string was decoded from; none (no part matches) for a string no bytes decode to
     * (an unpaired surrogate, which UTF-8 cannot hold).
     */
    private static byte[] bytesOf(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new String(b, StandardCharsets.UTF_8).equals(s) ? b : NO_BYTES;
    }

    private String found(int slot) {
        lastSlot = slot;
        lastHigh = keys[2 * slot];
        lastLow = keys[2 * slot + 1];
        return table[slot];
    }

    private static boolean ascii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    private void add(int slot, String s, int h, byte[] key) {
        keyHashes(s);
        lastSlot = -1;
        if (size < max) {
            lastSlot = slot;
            table[slot] = s;
            hashes[slot] = h;
            utf8[slot] = key;
            keys[2 * slot] = lastHigh;
            keys[2 * slot + 1] = lastLow;
            if (++size * 2 > table.length) {
                lastSlot = grow(slot);
            }
        }
    }

    private static final long M = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The hash of a part: the bytes of its UTF-8 form taken eight at a time as a little-endian long, so that a
     * String and its bytes hash alike (an ASCII part is read in place, another is encoded first).
     */
    private static int hash(String s, int from, int to) {
        long h = (to - from) * M;
        long w = 0;
        int k = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] b = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
                return hash(b, 0, b.length);
            }
            w |= (long) c << (k << 3);
            if (++k == 8) {
                h = step(h, w);
                w = 0;
                k = 0;
            }
        }
        return finish(k == 0 ? h : step(h, w));
    }

    /** As {@link #hash(String, int, int)} of the bytes {@code b[from, to)}. */
    private static int hash(byte[] b, int from, int to) {
        long h = (to - from) * M;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = step(h, (long) LONGS.get(b, i));
        }
        if (i < to) {
            long w = 0;
            for (int k = 0; i < to; i++, k++) {
                w |= (b[i] & 0xffL) << (k << 3);
            }
            h = step(h, w);
        }
        return finish(h);
    }

    private static long step(long h, long w) {
        return Long.rotateLeft((h ^ w) * M, 29);
    }

    private static int finish(long h) {
        return (int) (h ^ (h >>> 32));
    }

    /** Spreads a string hash's high bits into the low ones, which pick the slot. */
    private static int slot(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }

    private static final long M1 = 0x100000001B3L;
    private static final long M2 = 0x9FB21C651E98DF25L;
    private static final long SEED_HIGH = 0x9E3779B97F4A7C15L;
    private static final long SEED_LOW = 0xC2B2AE3D27D4EB4FL;
    private static final long EMPTY_HIGH = keyHash("", SEED_HIGH, M1);
    private static final long EMPTY_LOW = keyHash("", SEED_LOW, M2);

    /**
     * A 64-bit hash of every character of {@code s} (multiply-xor over its characters from {@code seed}, then
     * splitmix64's finaliser); the two lanes differ in seed and multiplier.
     */
    private static long keyHash(String s, long seed, long mul) {
        int n = s.length();
        long h = seed ^ n;
        for (int i = 0; i < n; i++) {
            h = (h ^ s.charAt(i)) * mul;
        }
        return mix(h);
    }

    /** Both lanes of {@link #keyHash} of {@code s} into {@link #lastHigh} and {@link #lastLow}, in one pass. */
    private void keyHashes(String s) {
        int n = s.length();
        long hi = SEED_HIGH ^ n;
        long lo = SEED_LOW ^ n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            hi = (hi ^ c) * M1;
            lo = (lo ^ c) * M2;
        }
        lastHigh = mix(hi);
        lastLow = mix(lo);
    }

    /** splitmix64's finaliser. */
    private static long mix(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Doubles the table; the new slot of old slot {@code watched}. */
    private int grow(int watched) {
        int moved = -1;
        Object[] oldAttached = attached;
        String[] old = table;
        int[] oldHashes = hashes;
        byte[][] oldUtf8 = utf8;
        long[] oldKeys = keys;
        table = new String[old.length * 2];
        hashes = new int[table.length];
        utf8 = new byte[table.length][];
        keys = new long[2 * table.length];
        attached = new Object[table.length];
        int mask = table.length - 1;
        for (int k = 0; k < old.length; k++) {
            if (old[k] != null) {
                int i = slot(oldHashes[k]) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = old[k];
                hashes[i] = oldHashes[k];
                utf8[i] = oldUtf8[k];
                keys[2 * i] = oldKeys[2 * k];
                keys[2 * i + 1] = oldKeys[2 * k + 1];
                attached[i] = oldAttached[k];
                if (k == watched) {
                    moved = i;
                }
            }
        }
        return moved;
    }

}
