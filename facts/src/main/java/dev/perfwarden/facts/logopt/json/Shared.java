package dev.perfwarden.facts.logopt.json;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each equal value (record) met while reading one {@code -json} file: the compiler writes the same
 * positions and escape-flow steps again for every diagnostic that shares them (std's tree: 1.3 million related
 * entries at 97 thousand distinct positions per file, their flow steps repeated 4 times over), and the facts hold
 * them until their rule session ends. Values are immutable records, compared by content, so sharing changes no value.
 */
final class Shared {
    private final Map<Object, Object> seen = new HashMap<>();

    /** The first value equal to {@code v} met in this file, or {@code v}. */
    @SuppressWarnings("unchecked")
    <T> T of(T v) {
        Object had = seen.putIfAbsent(v, v);
        return had == null ? v : (T) had;
    }
}
