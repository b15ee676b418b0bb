package dev.perfwarden.facts.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * A per-input string pool: file names, package paths, flow locations and "why" tags repeat
 * thousands of times in a large {@code -m=2} capture; keeping one copy of each keeps facts lean.
 * Bounded: past {@code max} distinct strings it stops pooling (returns its argument).
 */
public final class Interner {
    private final Map<String, String> pool = new HashMap<>();
    private final int max;

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
        String had = pool.get(s);
        if (had != null) {
            return had;
        }
        if (pool.size() < max) {
            pool.put(s, s);
        }
        return s;
    }
}
