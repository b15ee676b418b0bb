package dev.perfwarden.engine.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node with the line and column it starts at (1-based), as {@link PositionedYaml} reads it. Three
 * shapes: mappings (keys keep their own position), sequences and scalars ({@code null}, {@link String},
 * {@link Number} as Jackson reads it: Integer, Long, BigInteger or Double; {@link Boolean}).
 */
public sealed interface YamlNode permits YamlNode.YMap, YamlNode.YList, YamlNode.YScalar {
    int line();

    int col();

    /** "a mapping", "a list", "text 'x'", … for messages. */
    String describe();

    /** One key of a mapping: its position and its value. */
    record Entry(String key, int line, int col, YamlNode value) {
    }

    record YMap(int line, int col, Map<String, Entry> entries) implements YamlNode {
        public YMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YList(int line, int col, List<YamlNode> items) implements YamlNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    record YScalar(int line, int col, Object value) implements YamlNode {
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

        public boolean isNumber() {
            return value instanceof Number;
        }
    }
}
