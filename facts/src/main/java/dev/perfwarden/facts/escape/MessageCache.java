package dev.perfwarden.facts.escape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What the parser made of an explanation message, by the message's UTF-8 bytes: an {@code -m=2} text repeats its
 * {@code flow:} and {@code from} lines (std's 461 thousand flow lines hold 19 thousand distinct messages after the
 * position, its 580 thousand notes 117 thousand), and what {@link FlowAssembler} reads from a message depends on its
 * bytes alone, so a message seen before is looked up once instead of cut into parts and interned part by part.
 * Bounded: past {@code max} entries nothing is added (a lookup then misses and the caller reads the message itself).
 * Not thread-safe: one per input.
 */
final class MessageCache {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0x9E3779B97F4A7C15L;

    private final int max;
    /**
     * The open-addressing table, two longs per slot so that a probe reads one place: the message's hash and its entry
     * ({@code hash << 32 | entry + 1}, 0 for a free slot), and where its bytes lie in {@link #arena} ({@code offset <<
     * 32 | length}). The bytes are compared only when the hash matches.
     */
    private long[] slots;
    /** What was put for each message, by entry (in the order they came: an entry never moves). */
    private Object[] values;
    /** The messages' bytes, one after the other. */
    private byte[] arena;
    private int arenaSize;
    private int size;
    /** The hash and slot of the last {@link #get} that missed, for the {@link #put} that follows it. */
    private int missHash;
    private int missSlot = -1;

    /** A cache of at most {@code max} messages, sized at once for about {@code expected} (no rehashing while read). */
    MessageCache(int max, int expected) {
        this.max = max;
        int n = Integer.highestOneBit(Math.max(1 << 10, Math.min(max, expected)) * 2 - 1) * 2;
        slots = new long[2 * n];
        values = new Object[n / 2];
        arena = new byte[16 * n];
    }

    /** What was put for the bytes {@code b[from, to)}, or null. */
    Object get(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        int len = to - from;
        long[] t = slots;
        int mask = t.length / 2 - 1;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            long head = t[2 * i];
            if (head == 0) {
                missHash = h;
                missSlot = i;
                return null;
            }
            if ((int) (head >>> 32) == h) {
                long at = t[2 * i + 1];
                int off = (int) (at >>> 32);
                if ((int) at == len && Arrays.equals(arena, off, off + len, b, from, to)) {
                    return values[(int) head - 1];
                }
            }
        }
    }

    /** Keeps {@code value} for {@code b[from, to)}, which the {@link #get} just before missed (nothing else between). */
    void put(byte[] b, int from, int to, Object value) {
        int len = to - from;
        if (missSlot < 0 || size >= max || arenaSize + len < 0 || arenaSize + len > Integer.MAX_VALUE - 16) {
            return;
        }
        int i = missSlot;
        missSlot = -1;
        if (arenaSize + len > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(arenaSize + len,
                    2L * arena.length)));
        }
        System.arraycopy(b, from, arena, arenaSize, len);
        int entry = size++;
        if (entry == values.length) {
            values = Arrays.copyOf(values, Math.max(16, 2 * entry));
        }
        values[entry] = value;
        slots[2 * i] = (long) missHash << 32 | (entry + 1);
        slots[2 * i + 1] = (long) arenaSize << 32 | len;
        arenaSize += len;
        if (size * 2 > slots.length / 2) {
            grow();
        }
    }

    /** Doubles the table (the entries stay where they are). */
    private void grow() {
        long[] old = slots;
        long[] t = new long[2 * old.length];
        int mask = t.length / 2 - 1;
        for (int k = 0; k < old.length; k += 2) {
            if (old[k] != 0) {
                int i = slot((int) (old[k] >>> 32)) & mask;
                while (t[2 * i] != 0) {
                    i = (i + 1) & mask;
                }
                t[2 * i] = old[k];
                t[2 * i + 1] = old[k + 1];
            }
        }
        slots = t;
    }

    /** The bytes eight at a time, as little-endian longs. */
    private static int hash(byte[] b, int from, int to) {
        long h = (to - from) * M;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * M, 29);
        }
        long w = 0;
        for (int k = 0; i < to; i++, k += 8) {
            w |= (b[i] & 0xffL) << k;
        }
        h = Long.rotateLeft((h ^ w) * M, 29);
        return (int) (h ^ (h >>> 32));
    }

    private static int slot(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }
}
