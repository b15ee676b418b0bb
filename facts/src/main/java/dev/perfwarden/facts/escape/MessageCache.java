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
    private int[] hashes;
    private byte[][] keys;
    private Object[] values;
    private int size;
    /** The hash and slot of the last {@link #get} that missed, for the {@link #put} that follows it. */
    private int missHash;
    private int missSlot = -1;

    /** A cache of at most {@code max} messages, sized at once for about {@code expected} (no rehashing while read). */
    MessageCache(int max, int expected) {
        this.max = max;
        int slots = Integer.highestOneBit(Math.max(1 << 10, Math.min(max, expected)) * 2 - 1) * 2;
        hashes = new int[slots];
        keys = new byte[slots][];
        values = new Object[slots];
    }

    /** What was put for the bytes {@code b[from, to)}, or null. */
    Object get(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        int len = to - from;
        int mask = keys.length - 1;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                missHash = h;
                missSlot = i;
                return null;
            }
            if (hashes[i] == h && k.length == len && Arrays.equals(k, 0, len, b, from, to)) {
                return values[i];
            }
        }
    }

    /** Keeps {@code value} for {@code b[from, to)}, which the {@link #get} just before missed (nothing else between). */
    void put(byte[] b, int from, int to, Object value) {
        if (missSlot < 0 || size >= max) {
            return;
        }
        int i = missSlot;
        missSlot = -1;
        keys[i] = Arrays.copyOfRange(b, from, to);
        hashes[i] = missHash;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        hashes = new int[keys.length];
        values = new Object[keys.length];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                int i = slot(oldHashes[k]) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[k];
                hashes[i] = oldHashes[k];
                values[i] = oldValues[k];
            }
        }
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
