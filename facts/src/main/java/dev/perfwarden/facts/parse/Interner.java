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
    /**
     * The open-addressing table, {@link #W} longs per slot so that a lookup reads one slot's data together: the
     * string's hash and its entry ({@code hash << 32 | entry + 1}, 0 for a free slot), where its UTF-8 bytes lie in
     * {@link #arena} ({@code offset << 32 | length}, {@link #NO_BYTES_YET} until a byte lookup has met it), and its
     * two {@link #keyHash} lanes. The bytes are read only when the hash matches.
     */
    private long[] slots;
    private static final int W = 4;
    private static final long NO_BYTES_YET = -1L;
    private final int max;
    /** The pooled strings in the order they came, by entry (an entry never moves when the table grows). */
    private String[] strings;
    /** What a caller attached to each pooled string ({@link #attach}), by entry. */
    private Object[] attached;
    /** The UTF-8 bytes of the pooled strings byte lookups have met, one after the other. */
    private byte[] arena;
    private int arenaSize;
    private int size;
    /** The entry of the string the last {@code intern} returned, or -1 when it is not pooled. */
    private int lastEntry = -1;
    private long lastHigh;
    private long lastLow;

    public Interner() {
        this(1 << 20);
    }

    public Interner(int max) {
        this(max, 1 << 10);
    }

    private Interner(int max, int tableSlots) {
        this.max = max;
        slots = new long[W * tableSlots];
        strings = new String[tableSlots / 2];
        attached = new Object[tableSlots / 2];
        arena = new byte[16 * tableSlots];
    }

    /**
     * A pool sized at once for about {@code expected} distinct strings (a large input's: no doubling and rehashing of
     * a table of hundreds of thousands of strings while it is read).
     */
    public static Interner expecting(int expected) {
        int tableSlots = Integer.highestOneBit(Math.max(1 << 10, Math.min(1 << 21, expected)) * 2 - 1) * 2;
        return new Interner(1 << 20, tableSlots);
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
        return lastEntry < 0 ? null : attached[lastEntry];
    }

    /**
     * A handle on the string the last {@code intern} returned, for {@link #attach(int, String, Object)} after other
     * calls: -1 when it is not pooled.
     */
    public int lastHandle() {
        return lastEntry;
    }

    /**
     * As {@link #attach(String, Object)}, for {@code pooled} that the call which gave {@code handle} returned: found by
     * the handle without hashing it again.
     */
    public void attach(int handle, String pooled, Object value) {
        if (handle >= 0 && handle < size && strings[handle] == pooled) {
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
        if (lastEntry >= 0 && strings[lastEntry] == pooled) {
            attached[lastEntry] = value;
        }
        lastHigh = high;
        lastLow = low;
    }

    private String empty() {
        lastEntry = -1;
        lastHigh = EMPTY_HIGH;
        lastLow = EMPTY_LOW;
        return "";
    }

    private String intern(String src, int from, int to, String whole) {
        int h = hash(src, from, to);
        long[] t = slots;
        int mask = t.length / W - 1;
        int len = to - from;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            long head = t[W * i];
            if (head == 0) {
                String s = whole != null ? whole : src.substring(from, to);
                add(i, s, h, NO_BYTES_YET);
                return s;
            }
            if ((int) (head >>> 32) == h) {
                String had = strings[(int) head - 1];
                if (had.length() == len && src.regionMatches(from, had, 0, len)) {
                    return found(i);
                }
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
        long[] t = slots;
        int mask = t.length / W - 1;
        int len = to - from;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            long head = t[W * i];
            if (head == 0) {
                String s = new String(src, from, len, ascii(src, from, to) ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8);
                add(i, s, h, size < max ? store(src, from, len) : NO_BYTES_YET);
                return s;
            }
            if ((int) (head >>> 32) == h) {
                long at = t[W * i + 1];
                if (at == NO_BYTES_YET ? firstMet(i, (int) head - 1, src, from, len)
                        : (int) at == len && Arrays.equals(arena, (int) (at >>> 32), (int) (at >>> 32) + len, src,
                                from, to)) {
                    return found(i);
                }
            }
        }
    }

    /**
     * Whether the pooled string of slot {@code i}, met by bytes for the first time, is the part {@code src[from, from +
     * len)}; its UTF-8 bytes are kept for the lookups after.
     */
    private boolean firstMet(int i, int entry, byte[] src, int from, int len) {
        String had = strings[entry];
        if (had.length() == len && sameAscii(had, src, from, len)) {
            slots[W * i + 1] = store(src, from, len); // ASCII: its UTF-8 bytes are these
            return true;
        }
        byte[] key = bytesOf(had);
        slots[W * i + 1] = store(key, 0, key.length);
        return key.length == len && Arrays.equals(key, 0, len, src, from, from + len);
    }

    /**
     * Copies {@code src[from, from + len)} into the arena: where it lies there ({@link #NO_BYTES_YET} when the arena
     * cannot grow so far: the bytes are then made again at each meeting).
     */
    private long store(byte[] src, int from, int len) {
        int need = arenaSize + len;
        if (need < 0 || need > Integer.MAX_VALUE - 16) {
            return NO_BYTES_YET;
        }
        if (need > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * arena.length)));
        }
        System.arraycopy(src, from, arena, arenaSize, len);
        long at = (long) arenaSize << 32 | len;
        arenaSize = need;
        return at;
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

    private String found(int i) {
        long[] t = slots;
        int entry = (int) t[W * i] - 1;
        lastEntry = entry;
        lastHigh = t[W * i + 2];
        lastLow = t[W * i + 3];
        return strings[entry];
    }

    private static boolean ascii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Pools {@code s} in the free slot {@code i} (nothing past {@code max} strings), its bytes {@code at}. */
    private void add(int i, String s, int h, long at) {
        keyHashes(s);
        lastEntry = -1;
        if (size < max) {
            int entry = size++;
            if (entry == strings.length) {
                strings = Arrays.copyOf(strings, Math.max(16, 2 * entry));
                attached = Arrays.copyOf(attached, strings.length);
            }
            strings[entry] = s;
            lastEntry = entry;
            long[] t = slots;
            t[W * i] = (long) h << 32 | (entry + 1);
            t[W * i + 1] = at;
            t[W * i + 2] = lastHigh;
            t[W * i + 3] = lastLow;
            if (size * 2 > t.length / W) {
                grow();
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

    /** Doubles the table (the entries stay where they are). */
    private void grow() {
        long[] old = slots;
        long[] t = new long[2 * old.length];
        int mask = t.length / W - 1;
        for (int k = 0; k < old.length; k += W) {
            if (old[k] != 0) {
                int i = slot((int) (old[k] >>> 32)) & mask;
                while (t[W * i] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, k, t, W * i, W);
            }
        }
        slots = t;
    }
}
