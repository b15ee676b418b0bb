package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.escape.Item.Block;
import dev.perfwarden.facts.escape.Item.Step;
import dev.perfwarden.facts.escape.Item.Summary;

import java.util.List;

/**
 * The facts of an input that a later {@code # pkg} section of the same package prints again, word for word: a
 * package's output printed twice (two build logs put together, a capture repeated to make a large input) is one
 * compilation, so its sites become one fact each, the first copy's. Without this, k copies of a site make k facts
 * and a rule that joins two facts of the same site makes k² matches. Copies inside one section are the compiler's
 * own (it prints some sites once per inlined copy) and are all kept.
 *
 * <p>Each fact is known by a 64-bit key: the section's header, the line as printed and, for an escape summary, its
 * explanation blocks (their lines and every flow step and note). Keys of a section join the set when the section
 * has been emitted. At most {@link #MAX_KEYS} keys are kept (past them every fact is emitted).
 */
final class RepeatedSections {
    static final int MAX_KEYS = 1 << 22;

    private long[] table = new long[1 << 10];
    private int size;
    private long[] pending = new long[64];
    private int pendingSize;

    /** Whether an earlier section emitted the fact of this key; the key joins the set when the section ends. */
    boolean repeated(long key) {
        if (contains(key)) {
            return true;
        }
        if (pendingSize == pending.length) {
            pending = java.util.Arrays.copyOf(pending, pendingSize * 2);
        }
        pending[pendingSize++] = key;
        return false;
    }

    /** The section has been emitted: its keys now name facts of an earlier section. */
    void sectionEnded() {
        for (int i = 0; i < pendingSize && size < MAX_KEYS; i++) {
            add(pending[i]);
        }
        pendingSize = 0;
        if (pending.length > 1 << 12) {
            pending = new long[64];
        }
    }

    /** The key of the fact {@code it} becomes in the section headed {@code header}. */
    static long key(long header, Item it) {
        long h = mix(header ^ hash(it.raw));
        if (it instanceof Summary s && s.blocks != null) {
            for (Block b : s.blocks) {
                h = mix(h ^ block(b));
            }
        } else if (it instanceof Block b) {
            h = mix(h ^ block(b));
        }
        return h;
    }

    /** The key of a section's package declaration. */
    static long header(String pkg, String variant) {
        return mix(hash(pkg) * 31 + hash(variant));
    }

    private static long block(Block b) {
        long h = hash(b.raw);
        for (Step s : b.steps) {
            h = mix(h ^ ((long) s.dst.hashCode() << 32 | s.src.hashCode() & 0xffffffffL));
            h = mix(h ^ s.ops.hashCode());
            List<FlowNote> notes = s.notes;
            for (FlowNote n : notes) {
                h = mix(h ^ n.hashCode());
            }
        }
        return h;
    }

    /** A 64-bit hash of the characters of {@code s}, taken in four independent lanes (no chain of multiplies). */
    static long hash(String s) {
        int n = s.length();
        long a = 0x9E3779B97F4A7C15L ^ n;
        long b = 0xC2B2AE3D27D4EB4FL;
        long c = 0x165667B19E3779F9L;
        long d = 0x27D4EB2F165667C5L;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            a = (a ^ s.charAt(i)) * 0x100000001B3L;
            b = (b ^ s.charAt(i + 1)) * 0x100000001B3L;
            c = (c ^ s.charAt(i + 2)) * 0x100000001B3L;
            d = (d ^ s.charAt(i + 3)) * 0x100000001B3L;
        }
        for (; i < n; i++) {
            a = (a ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(mix(a ^ Long.rotateLeft(b, 16)) ^ Long.rotateLeft(c, 32) ^ Long.rotateLeft(d, 48));
    }

    /** A finaliser that spreads every input bit over the whole word (splitmix64's). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private boolean contains(long key) {
        long k = key == 0 ? 1 : key;
        int mask = table.length - 1;
        for (int i = (int) k & mask; ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                return false;
            }
            if (table[i] == k) {
                return true;
            }
        }
    }

    private void add(long key) {
        long k = key == 0 ? 1 : key;
        int mask = table.length - 1;
        int i = (int) k & mask;
        while (table[i] != 0) {
            if (table[i] == k) {
                return;
            }
            i = (i + 1) & mask;
        }
        table[i] = k;
        if (++size * 2 > table.length) {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long o : old) {
                if (o != 0) {
                    add(o);
                }
            }
        }
    }
}
