package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.escape.Item.Block;
import dev.perfwarden.facts.escape.Item.Step;
import dev.perfwarden.facts.escape.Item.Summary;

import java.util.Arrays;

/**
 * The facts of an input that a later {@code # pkg} section of the same package prints again, word for word: a
 * package's output printed twice (two build logs put together, a capture repeated to make a large input) is one
 * compilation, so its sites become one fact each, the first copy's. Without this, k copies of a site make k facts
 * and a rule that joins two facts of the same site makes k² matches. Copies inside one section are the compiler's
 * own (it prints some sites once per inlined copy) and are all kept.
 *
 * <p>Each fact is known by a 128-bit key over everything its fact is built from: the section's header, the line as
 * printed and, for an escape summary, its explanation blocks (their lines and every field of every flow step and
 * note: those strings come hashed from the {@link dev.perfwarden.facts.parse.Interner}, two lanes each, folded in order
 * into each step's key by {@link FlowAssembler}). Every string is hashed whole into both halves of the key (two independent 64-bit lanes), so two different
 * facts share a key only by a 128-bit collision: below 2⁻⁸⁰ at {@link #MAX_KEYS} keys. Keys of a section join the set
 * when the section has been emitted. At most {@link #MAX_KEYS} keys are kept (past them every fact is emitted).
 */
final class RepeatedSections {
    static final int MAX_KEYS = 1 << 22;

    /**
     * The keys of each header's sections: a fact's key starts from its section's header, so only sections under the
     * same header can share keys, and a section under a header seen for the first time needs no look-up at all.
     */
    private final java.util.Map<Key, Table> tables = new java.util.HashMap<>();
    /** The table of the section being emitted; null until its header has one. */
    private Table current;
    private Key currentHeader;
    private int size;
    private long[] pending = new long[128];
    private int pendingSize;

    /** A key of a fact: two independent 64-bit hashes of the same content. */
    record Key(long high, long low) {
        // written out: the record's own are bound through method handles at their first call (java.lang.runtime's
        // ObjectMethods: some 30 spun classes in a cold parse, which keys its per-header tables by this record)
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && high == k.high && low == k.low;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(high) * 31 + Long.hashCode(low);
        }
    }

    /** The section headed {@code header} (its {@link #header} key) is about to be emitted. */
    void sectionStarts(Key header) {
        currentHeader = header;
        current = tables.get(header);
    }

    /** Whether an earlier section emitted the fact of this key; the key joins the set when the section ends. */
    boolean repeated(Key key) {
        if (current != null && current.has(key.high, key.low)) {
            return true;
        }
        if (pendingSize + 2 > pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingSize++] = key.high;
        pending[pendingSize++] = key.low;
        return false;
    }

    /** The section has been emitted: its keys now name facts of an earlier section. */
    void sectionEnded() {
        if (pendingSize > 0 && size < MAX_KEYS) {
            if (current == null) {
                current = new Table();
                tables.put(currentHeader, current);
            }
            // in runs of EscapeSection.RUN keys, one call each (compiled early: see EscapeSection.flush)
            for (int i = 0; i < pendingSize && size < MAX_KEYS; i += 2 * EscapeSection.RUN) {
                addRun(i, Math.min(pendingSize, i + 2 * EscapeSection.RUN));
            }
        }
        pendingSize = 0;
        current = null;
        if (pending.length > 1 << 13) {
            pending = new long[128];
        }
    }

    /** Adds the pending pairs {@code [from, to)} to the current section's table while under {@link #MAX_KEYS}. */
    private void addRun(int from, int to) {
        for (int i = from; i < to && size < MAX_KEYS; i += 2) {
            if (current.add(pending[i], pending[i + 1])) {
                size++;
            }
        }
    }

    /** The key of the fact {@code it} becomes in the section headed {@code header}. */
    static Key key(Key header, Item it) {
        Lanes h = new Lanes(header).add(it.rawHigh, it.rawLow);
        if (it instanceof Summary s && s.blocks != null) {
            for (Block b : s.blocks) {
                block(h, b);
            }
        } else if (it instanceof Block b) {
            block(h, b);
        }
        return h.key();
    }

    /** The key of a section's package declaration. */
    static Key header(String pkg, String variant) {
        return new Lanes(new Key(0x243F6A8885A308D3L, 0x13198A2E03707344L)).add(pkg).add(variant).key();
    }

    private static void block(Lanes h, Block b) {
        h.add(b.rawHigh, b.rawLow);
        for (Step s : b.steps) {
            h.add(s.keyHigh, s.keyLow);
        }
    }

    /**
     * Two hash lanes with different multipliers, each fed every character of every string. Each lane runs as two
     * chains (even and odd characters) so that the multiplies of a string do not wait on each other; a change of any
     * character changes one chain of each lane.
     */
    private static final class Lanes {
        private static final long M1 = 0x100000001B3L;
        private static final long M2 = 0x9FB21C651E98DF25L;
        private long a;
        private long b;

        Lanes(Key start) {
            this.a = start.high;
            this.b = start.low;
        }

        Lanes add(String s) {
            int n = s.length();
            long a0 = a ^ 0x9E3779B97F4A7C15L ^ n;
            long a1 = 0x165667B19E3779F9L;
            long b0 = b ^ 0xC2B2AE3D27D4EB4FL ^ n;
            long b1 = 0x27D4EB2F165667C5L;
            int i = 0;
            for (; i + 2 <= n; i += 2) {
                char c0 = s.charAt(i);
                char c1 = s.charAt(i + 1);
                a0 = (a0 ^ c0) * M1;
                a1 = (a1 ^ c1) * M1;
                b0 = (b0 ^ c0) * M2;
                b1 = (b1 ^ c1) * M2;
            }
            if (i < n) {
                a0 = (a0 ^ s.charAt(i)) * M1;
                b0 = (b0 ^ s.charAt(i)) * M2;
            }
            a = mix(a0 ^ Long.rotateLeft(mix(a1), 32));
            b = mix(b0 ^ Long.rotateLeft(mix(b1 + 0x632BE59BD9B4E019L), 32));
            return this;
        }

        /** Two hashes of one part: a line's bytes, a step's strings ({@link FlowAssembler}: the step's and its notes'). */
        Lanes add(long high, long low) {
            a = mix(a ^ high);
            b = mix(b ^ low * M2);
            return this;
        }

        Key key() {
            return new Key(a, a == 0 && b == 0 ? 1 : b); // (0, 0) marks a free slot
        }
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Sets the two hashes of {@code it}'s line from its UTF-8 bytes {@code b[0, len)}. */
    static void hashLine(Item it, byte[] b, int len) {
        // both lanes in one pass over the bytes: per lane, from its seed with its multiplier, eight bytes at a time
        // as little-endian longs, h = rotl((h ^ word) * mul, 31), then the tail's bytes as one word and the finaliser
        long mulHigh = 0xD6E8FEB86659FD93L;
        long mulLow = 0x9FB21C651E98DF25L;
        long high = 0x9E3779B97F4A7C15L ^ len;
        long low = 0xC2B2AE3D27D4EB4FL ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long word = (long) LONGS.get(b, i);
            high = Long.rotateLeft((high ^ word) * mulHigh, 31);
            low = Long.rotateLeft((low ^ word) * mulLow, 31);
        }
        long w = 0;
        for (int k = 0; i < len; i++, k += 8) {
            w |= (b[i] & 0xffL) << k;
        }
        it.rawHigh = mix((high ^ w) * mulHigh);
        it.rawLow = mix((low ^ w) * mulLow);
    }

    /** A finaliser that spreads every input bit over the whole word (splitmix64's). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** An open-addressing set of (high, low) pairs; (0, 0) marks a free slot. */
    private static final class Table {
        private long[] t = new long[2 << 6];
        private int size;

        boolean has(long high, long low) {
            return slot(t, high, low) >= 0;
        }

        /** Adds the pair; false when it was there. */
        boolean add(long high, long low) {
            if (slot(t, high, low) >= 0) {
                return false;
            }
            put(t, high, low);
            if (++size * 4 > t.length) { // load factor 1/2 over pairs
                long[] old = t;
                t = new long[old.length * 2];
                for (int i = 0; i < old.length; i += 2) {
                    if (old[i] != 0 || old[i + 1] != 0) {
                        put(t, old[i], old[i + 1]);
                    }
                }
            }
            return true;
        }
    }

    /** The index of the pair in {@code t}, or -1 when absent. */
    private static int slot(long[] t, long high, long low) {
        int pairs = t.length >> 1;
        for (int i = (int) (high ^ low) & (pairs - 1); ; i = (i + 1) & (pairs - 1)) {
            long h = t[2 * i];
            long l = t[2 * i + 1];
            if (h == 0 && l == 0) {
                return -1;
            }
            if (h == high && l == low) {
                return i;
            }
        }
    }

    private static void put(long[] t, long high, long low) {
        int pairs = t.length >> 1;
        int i = (int) (high ^ low) & (pairs - 1);
        while (t[2 * i] != 0 || t[2 * i + 1] != 0) {
            i = (i + 1) & (pairs - 1);
        }
        t[2 * i] = high;
        t[2 * i + 1] = low;
    }
}
