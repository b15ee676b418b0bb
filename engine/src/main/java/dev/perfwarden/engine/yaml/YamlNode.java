package dev.perfwarden.engine.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML (or JSON) node as {@link PositionedYaml} reads it: the one node view of every positioned file
 * (project file, lock file, baseline, contract, batch manifest, pack.yaml, policies). Each node knows where
 * it starts (line and column, 1-based), its dotted path from the root ({@code packs[0].version}; "" for the
 * root) and the position of the key it is the value of (its own for list items and the root), so that every
 * problem can name its line and column. Three shapes: mappings (keys keep their own position), sequences and
 * scalars ({@code null}, {@link String}, {@link Number} as Jackson reads it: Integer, Long, BigInteger or
 * Double; {@link Boolean}).
 */
public sealed interface YamlNode permits YamlNode.YMap, YamlNode.YList, YamlNode.YScalar {
    /** The shape of a node, scalars by their type. */
    enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

    int line();

    int col();

    /** Dotted path from the root, e.g. {@code packs[0].version}; "" for the root. */
    String path();

    /** Line and column of the key this value belongs to (the value's own for list items and the root). */
    int keyLine();

    int keyCol();

    Kind kind();

    /** "a mapping", "a list", "text 'x'", … for the policy front-end's messages. */
    String describe();

    /**
     * "a map", "a list", "the string 'x'", "empty", … for the messages of the project, lock, baseline, contract
     * and manifest readers (their wording, kept as it was when they had a node class of their own).
     */
    default String describeValue() {
        return switch (kind()) {
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "empty";
            default -> "the " + kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + scalar() + "'";
        };
    }

    default boolean isMap() {
        return kind() == Kind.MAP;
    }

    default boolean isList() {
        return kind() == Kind.LIST;
    }

    default boolean isScalar() {
        return !isMap() && !isList();
    }

    /** A mapping's values by key, in document order; empty for other nodes. */
    default Map<String, YamlNode> map() {
        return Map.of();
    }

    /** A sequence's items; empty for other nodes. */
    default List<YamlNode> list() {
        return List.of();
    }

    /** A mapping's value of {@code key}; null when absent or not a mapping. */
    default YamlNode get(String key) {
        return map().get(key);
    }

    /** The scalar value: String, Number, Boolean or null (also for maps and lists). */
    default Object scalar() {
        return null;
    }

    /** The scalar as text ({@code 1.0}, {@code true}); null for null, maps and lists. */
    default String text() {
        Object v = scalar();
        return v == null ? null : v.toString();
    }

    /** One key of a mapping: its position and its value. */
    record Entry(String key, int line, int col, YamlNode value) {
    }

    record YMap(int line, int col, Map<String, Entry> entries, String path, int keyLine, int keyCol)
            implements YamlNode {
        public YMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public Kind kind() {
            return Kind.MAP;
        }

        @Override
        public Map<String, YamlNode> map() {
            Map<String, YamlNode> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value()));
            return Collections.unmodifiableMap(out);
        }

        @Override
        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YList(int line, int col, List<YamlNode> items, String path, int keyLine, int keyCol)
            implements YamlNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public Kind kind() {
            return Kind.LIST;
        }

        @Override
        public List<YamlNode> list() {
            return items;
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    record YScalar(int line, int col, Object value, String path, int keyLine, int keyCol) implements YamlNode {
        @Override
        public Kind kind() {
            return value == null ? Kind.NULL : value instanceof String ? Kind.STRING
                    : value instanceof Boolean ? Kind.BOOLEAN : Kind.NUMBER;
        }

        @Override
        public Object scalar() {
            return value;
        }

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
