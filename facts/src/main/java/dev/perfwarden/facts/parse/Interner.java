package dev.perfwarden.facts.parse;

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
     * The open-addressing table, four longs per slot: the string's hash and its entry, where its UTF-8 bytes lie
     * ({@link ByteArenaTable#NO_BYTES} until a byte lookup has met it), and its two {@link #keyHash} lanes.
     */
    private final Table table;
    private static final long NO_BYTES_YET = ByteArenaTable.NO_BYTES;
    private final int max;
    /** The pooled strings in the order they came, by entry (an entry never moves when the table grows). */
    private String[] strings;
    /** What a caller attached to each pooled string ({@link #attach}), by entry. */
    private Object[] attached;
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
        table = new Table(tableSlots);
        strings = new String[tableSlots / 2];
        attached = new Object[tableSlots / 2];
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
        int h = ByteArenaTable.hash(src, from, to);
        Table t = table;
        int len = to - from;
        for (int i = t.first(h); ; i = t.next(i)) {
            if (t.free(i)) {
                String s = whole != null ? whole : src.substring(from, to);
                add(i, s, h, NO_BYTES_YET);
                return s;
            }
            if (t.hashAt(i) == h) {
                String had = strings[t.entry(i)];
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
        int h = ByteArenaTable.hash(src, from, to);
        int i = table.find(h, src, from, to);
        if (i >= 0) {
            return found(i);
        }
        int len = to - from;
        String s = new String(src, from, len, ascii(src, from, to) ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8);
        add(~i, s, h, size < max ? table.store(src, from, len) : NO_BYTES_YET);
        return s;
    }

    /** The table, whose slots a byte lookup has not met yet are matched by their String ({@link #firstMet}). */
    private final class Table extends ByteArenaTable {
        Table(int tableSlots) {
            super(4, tableSlots);
        }

        @Override
        protected boolean unstored(int i, int entry, byte[] b, int from, int len) {
            return firstMet(i, entry, b, from, len);
        }
    }

    /**
     * Whether the pooled string of slot {@code i}, met by bytes for the first time, is the part {@code src[from, from +
     * len)}; its UTF-8 bytes are kept for the lookups after.
     */
    private boolean firstMet(int i, int entry, byte[] src, int from, int len) {
        String had = strings[entry];
        if (had.length() == len && sameAscii(had, src, from, len)) {
            table.set(i, 1, table.store(src, from, len)); // ASCII: its UTF-8 bytes are these
            return true;
        }
        byte[] key = bytesOf(had);
        table.set(i, 1, table.store(key, 0, key.length));
        return key.length == len && Arrays.equals(key, 0, len, src, from, from + len);
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
        Table t = table;
        int entry = t.entry(i);
        lastEntry = entry;
        lastHigh = t.get(i, 2);
        lastLow = t.get(i, 3);
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
            table.set(i, 2, lastHigh);
            table.set(i, 3, lastLow);
            table.put(i, h, entry, at);
        }
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
}
