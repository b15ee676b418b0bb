package dev.perfwarden.facts.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each equal value (an immutable record) met while reading one part of an input (a {@code -json} file):
 * the compiler writes the same positions, escape-flow steps and notes again for every diagnostic that shares them
 * (std's -json tree: 1.3 million related entries at 97 thousand distinct positions per file, its flow steps repeated
 * 4 times over), and the facts hold them until their rule session ends. Values are compared by content, so sharing
 * changes no value. Not thread-safe: one per part being read. (Tried for the -m=2 text's notes and steps, one per
 * package section: no less GC CPU on std text + tree, 2.35 and 2.54 s against 2.40 and 2.52, and the map's hashing
 * on the parsing thread; not kept.)
 */
public final class Shared {
    private final Map<Object, Object> seen = new HashMap<>();

    /** The first value equal to {@code v} met in this file, or {@code v}. */
    @SuppressWarnings("unchecked")
    public <T> T of(T v) {
        Object had = seen.putIfAbsent(v, v);
        return had == null ? v : (T) had;
    }
}
