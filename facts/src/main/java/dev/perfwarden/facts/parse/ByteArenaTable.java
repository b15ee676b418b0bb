package dev.perfwarden.facts.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The packed open-addressing table behind {@link Interner} and the escape parser's message cache: byte strings
 * (parts of a line, hashed and compared in place) to entries numbered in the order they came. {@code width} longs
 * per slot so that a probe reads one place: the key's hash and its entry ({@code hash << 32 | entry + 1}, 0 for a
 * free slot), where its bytes lie in the arena ({@code offset << 32 | length}, or {@link #NO_BYTES}), then what the
 * owner keeps there. The bytes are compared only when the hash matches. Not thread-safe.
 */
public class ByteArenaTable {
    /** A slot's bytes when they are not (yet) in the arena; {@link #unstored} decides such a slot's matches. */
    public static final long NO_BYTES = -1L;
    /** log2 of the longs per slot. */
    private final int shift;
    private long[] slots;
    /** The number of slots less one. */
    private int mask;
    private byte[] arena;
    private int arenaSize;
    private int used;

    /**
     * A table of {@code tableSlots} slots (a power of two, doubled when half full) of {@code width} longs (a power of
     * two, at least 2).
     */
    public ByteArenaTable(int width, int tableSlots) {
        shift = Integer.numberOfTrailingZeros(width);
        slots = new long[width * tableSlots];
        mask = tableSlots - 1;
        arena = new byte[16 * tableSlots];
    }

    /**
     * The slot holding the bytes {@code b[from, to)} of hash {@code h} ({@link #hash(byte[], int, int)}), or {@code ~}
     * the free slot where they would go.
     */
    public final int find(int h, byte[] b, int from, int to) {
        long[] t = slots;
        int sh = shift;
        int m = mask;
        int len = to - from;
        for (int i = slot(h) & m; ; i = (i + 1) & m) {
            long head = t[i << sh];
            if (head == 0) {
                return ~i;
            }
            if ((int) (head >>> 32) == h) {
                long at = t[(i << sh) + 1];
                int off = (int) (at >>> 32);
                if (at == NO_BYTES ? unstored(i, (int) head - 1, b, from, len)
                        : (int) at == len && Arrays.equals(arena, off, off + len, b, from, to)) {
                    return i;
                }
            }
        }
    }

    /**
     * Whether the entry of slot {@code i}, whose bytes are not in the arena, is {@code b[from, from + len)}; an owner
     * that keeps such slots may {@link #set} their bytes here. None by default.
     */
    protected boolean unstored(int i, int entry, byte[] b, int from, int len) {
        return false;
    }

    /** The first slot to probe for hash {@code h}; then {@link #next}, until a {@link #free} one. */
    public final int first(int h) {
        return slot(h) & mask;
    }

    public final int next(int i) {
        return (i + 1) & mask;
    }

    public final boolean free(int i) {
        return slots[i << shift] == 0;
    }

    public final int hashAt(int i) {
        return (int) (slots[i << shift] >>> 32);
    }

    public final int entry(int i) {
        return (int) slots[i << shift] - 1;
    }

    /** The long {@code k} of slot {@code i} (1: where its bytes lie; 2 and on: the owner's). */
    public final long get(int i, int k) {
        return slots[(i << shift) + k];
    }

    public final void set(int i, int k, long v) {
        slots[(i << shift) + k] = v;
    }

    /**
     * Takes the free slot {@code i} for {@code entry} of hash {@code h}, its bytes {@code at} (set the owner's longs
     * of the slot before: the table may grow here, and slot numbers with it).
     */
    public final void put(int i, int h, int entry, long at) {
        slots[i << shift] = (long) h << 32 | (entry + 1);
        slots[(i << shift) + 1] = at;
        if (++used * 2 > mask + 1) {
            grow();
        }
    }

    /**
     * Copies {@code src[from, from + len)} into the arena: where it lies there ({@link #NO_BYTES} when the arena
     * cannot grow so far).
     */
    public final long store(byte[] src, int from, int len) {
        int need = arenaSize + len;
        if (need < 0 || need > Integer.MAX_VALUE - 16) {
            return NO_BYTES;
        }
        if (need > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * arena.length)));
        }
        System.arraycopy(src, from, arena, arenaSize, len);
        long at = (long) arenaSize << 32 | len;
        arenaSize = need;
        return at;
    }

    /** Doubles the table (the entries stay what they are). */
    private void grow() {
        long[] old = slots;
        int sh = shift;
        int w = 1 << sh;
        long[] t = new long[2 * old.length];
        int m = 2 * mask + 1;
        for (int k = 0; k < old.length; k += w) {
            if (old[k] != 0) {
                int i = slot((int) (old[k] >>> 32)) & m;
                while (t[i << sh] != 0) {
                    i = (i + 1) & m;
                }
                System.arraycopy(old, k, t, i << sh, w);
            }
        }
        slots = t;
        mask = m;
    }

    private static final long M = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The hash of a part: the bytes of its UTF-8 form taken eight at a time as a little-endian long, so that a
     * String and its bytes hash alike (an ASCII part is read in place, another is encoded first).
     */
    public static int hash(String s, int from, int to) {
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
    public static int hash(byte[] b, int from, int to) {
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

    /** Spreads a hash's high bits into the low ones, which pick the slot. */
    private static int slot(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }
}
