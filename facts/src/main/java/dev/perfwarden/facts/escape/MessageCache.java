package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.parse.ByteArenaTable;
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
    private final int max;
    /** The messages' bytes to their entries. */
    private final ByteArenaTable table;
    /** What was put for each message, by entry (in the order they came: an entry never moves). */
    private Object[] values;
    private int size;
    /** The hash and slot of the last {@link #get} that missed, for the {@link #put} that follows it. */
    private int missHash;
    private int missSlot = -1;

    /** A cache of at most {@code max} messages, sized at once for about {@code expected} (no rehashing while read). */
    MessageCache(int max, int expected) {
        this.max = max;
        int n = Integer.highestOneBit(Math.max(1 << 10, Math.min(max, expected)) * 2 - 1) * 2;
        table = new ByteArenaTable(2, n);
        values = new Object[n / 2];
    }

    /** What was put for the bytes {@code b[from, to)}, or null. */
    Object get(byte[] b, int from, int to) {
        int h = ByteArenaTable.hash(b, from, to);
        int i = table.find(h, b, from, to);
        if (i >= 0) {
            return values[table.entry(i)];
        }
        missHash = h;
        missSlot = ~i;
        return null;
    }

    /** Keeps {@code value} for {@code b[from, to)}, which the {@link #get} just before missed (nothing else between). */
    void put(byte[] b, int from, int to, Object value) {
        int i = missSlot;
        missSlot = -1;
        if (i < 0 || size >= max) {
            return;
        }
        long at = table.store(b, from, to - from);
        if (at == ByteArenaTable.NO_BYTES) {
            return;
        }
        int entry = size++;
        if (entry == values.length) {
            values = Arrays.copyOf(values, Math.max(16, 2 * entry));
        }
        values[entry] = value;
        table.put(i, missHash, entry, at);
    }
}
