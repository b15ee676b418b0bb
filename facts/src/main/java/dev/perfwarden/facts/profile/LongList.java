package dev.perfwarden.facts.profile;

import java.util.Arrays;

/** A growable array of primitive longs, so tables of ids and indices need no boxing. */
final class LongList {
    private long[] a;
    private int n;

    LongList() {
        this(16);
    }

    LongList(int capacity) {
        a = new long[Math.max(4, capacity)];
    }

    void add(long v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[n++] = v;
    }

    long get(int i) {
        if (i >= n) {
            throw new IndexOutOfBoundsException(i + " >= " + n);
        }
        return a[i];
    }

    int size() {
        return n;
    }

    long[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
