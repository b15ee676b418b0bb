package dev.perfwarden.facts.parse;

/**
 * A per-input string pool: file names, package paths, flow locations and "why" tags repeat
 * thousands of times in a large {@code -m=2} capture; keeping one copy of each keeps facts lean.
 * {@link #intern(String, int, int)} looks a part of a line up without cutting it out first, so a
 * part seen before costs no allocation. Bounded: past {@code max} distinct strings it stops pooling
 * (returns its argument, or a new copy of the part). Not thread-safe: one pool per input.
 */
public final class Interner {
    private final int max;
    private String[] table = new String[1 << 10];
    private int size;

    public Interner() {
        this(1 << 20);
    }

    public Interner(int max) {
        this.max = max;
    }

    public String intern(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return intern(s, 0, s.length(), s);
    }

    /** The pooled copy of {@code src.substring(from, to)}; the substring is made only when it is new. */
    public String intern(String src, int from, int to) {
        if (from >= to) {
            return "";
        }
        return intern(src, from, to, null);
    }

    private String intern(String src, int from, int to, String whole) {
        int h = hash(src, from, to);
        int mask = table.length - 1;
        int len = to - from;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            String had = table[i];
            if (had == null) {
                String s = whole != null ? whole : src.substring(from, to);
                if (size < max) {
                    table[i] = s;
                    if (++size * 2 > table.length) {
                        grow();
                    }
                }
                return s;
            }
            if (had.length() == len && had.hashCode() == h && src.regionMatches(from, had, 0, len)) {
                return had;
            }
        }
    }

    /** {@link String#hashCode()} of the part, so that pooled strings' cached hashes can be compared. */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** Spreads a string hash's high bits into the low ones, which pick the slot. */
    private static int slot(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s != null) {
                int i = slot(s.hashCode()) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = s;
            }
        }
    }
}
