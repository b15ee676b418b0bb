package dev.perfwarden.engine.frontend.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node with the line and column it starts at (1-based), as {@link YTree} reads it. Three shapes:
 * mappings (keys keep their own position), sequences and scalars ({@code null}, {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}).
 */
sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {
    int line();

    int col();

    /** "a mapping", "a list", "text 'x'", … for messages. */
    String describe();

    /** One key of a mapping: its position and its value. */
    record Entry(String key, int line, int col, YNode value) {
    }

    record YMap(int line, int col, Map<String, Entry> entries) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YList(int line, int col, List<YNode> items) implements YNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    record YScalar(int line, int col, Object value) implements YNode {
        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof String s) {
                return "text '" + s + "'";
            }
            if (value instanceof Boolean) {
                return "the boolean " + value;
            }
            return "the number " + value;
        }

        boolean isNumber() {
            return value instanceof Long || value instanceof Double;
        }
    }
}
