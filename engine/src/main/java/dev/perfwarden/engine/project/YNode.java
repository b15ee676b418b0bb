package dev.perfwarden.engine.project;

import dev.perfwarden.engine.yaml.PositionedYaml;
import dev.perfwarden.engine.yaml.YamlNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML (or JSON) document as a tree that remembers where each key and value was, read by the one
 * {@link PositionedYaml} reader, with each node's dotted path and its key's position, so that every problem
 * in a project file, lock file, baseline, contract or manifest can name its line and column.
 */
public final class YNode {
    public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

    private final Kind kind;
    private final Object value;
    private final String path;
    private final int line;
    private final int col;
    private final int keyLine;
    private final int keyCol;

    private YNode(Kind kind, Object value, String path, int line, int col, int keyLine, int keyCol) {
        this.kind = kind;
        this.value = value;
        this.path = path;
        this.line = line;
        this.col = col;
        this.keyLine = keyLine;
        this.keyCol = keyCol;
    }

    /** Parses {@code text} with {@link PositionedYaml}; {@code file} is the name used in errors. An empty document is an empty map. */
    public static YNode parse(String text, String file) throws ConfigException {
        YamlNode root;
        try {
            root = PositionedYaml.parse(text);
        } catch (PositionedYaml.SyntaxError e) {
            throw new ConfigException(file, e.line(), e.col(), e.getMessage());
        }
        return root == null ? new YNode(Kind.MAP, Map.of(), "", 1, 1, 1, 1) : view(root, "", 0, 0);
    }

    /** This view of a positioned node: its path from the root and the position of its key. */
    private static YNode view(YamlNode n, String path, int keyLine, int keyCol) {
        int kl = keyLine == 0 ? n.line() : keyLine;
        int kc = keyLine == 0 ? n.col() : keyCol;
        if (n instanceof YamlNode.YMap m) {
            Map<String, YNode> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                out.put(e.key(), view(e.value(), path.isEmpty() ? e.key() : path + "." + e.key(), e.line(), e.col()));
            }
            return new YNode(Kind.MAP, Collections.unmodifiableMap(out), path, n.line(), n.col(), kl, kc);
        }
        if (n instanceof YamlNode.YList l) {
            List<YNode> out = new ArrayList<>();
            for (YamlNode item : l.items()) {
                out.add(view(item, path + "[" + out.size() + "]", 0, 0));
            }
            return new YNode(Kind.LIST, Collections.unmodifiableList(out), path, n.line(), n.col(), kl, kc);
        }
        Object v = ((YamlNode.YScalar) n).value();
        Kind k = v == null ? Kind.NULL : v instanceof String ? Kind.STRING : v instanceof Boolean ? Kind.BOOLEAN
                : Kind.NUMBER;
        return new YNode(k, v, path, n.line(), n.col(), kl, kc);
    }

    public Kind kind() {
        return kind;
    }

    /** Dotted path from the root, e.g. {@code packs[0].version}; "" for the root. */
    public String path() {
        return path;
    }

    /** Line and column of the value. */
    public int line() {
        return line;
    }

    public int col() {
        return col;
    }

    /** Line and column of the key this value belongs to (the value's own for list items and the root). */
    public int keyLine() {
        return keyLine;
    }

    public int keyCol() {
        return keyCol;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind != Kind.MAP && kind != Kind.LIST;
    }

    @SuppressWarnings("unchecked")
    public Map<String, YNode> map() {
        return kind == Kind.MAP ? (Map<String, YNode>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<YNode> list() {
        return kind == Kind.LIST ? (List<YNode>) value : List.of();
    }

    public YNode get(String key) {
        return map().get(key);
    }

    /** The scalar value: String, Number, Boolean or null. */
    public Object scalar() {
        return isScalar() ? value : null;
    }

    /** The scalar as text ({@code 1.0}, {@code true}); null for null, maps and lists. */
    public String text() {
        return isScalar() && value != null ? value.toString() : null;
    }

    /** What this node is, for messages: "a map", "a list", "a string", ... */
    public String describe() {
        switch (kind) {
            case MAP:
                return "a map";
            case LIST:
                return "a list";
            case NULL:
                return "empty";
            default:
                return "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + value + "'";
        }
    }

    /** Errors in one file, positioned at nodes. */
    public static final class Errors {
        private final String file;
        private final List<ConfigException.Issue> issues = new ArrayList<>();

        public Errors(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }

        /** A problem with a value. */
        public void at(YNode n, String msg) {
            issues.add(new ConfigException.Issue(file, n.line(), n.col(), msg));
        }

        /** A problem with the key of a value (unknown or misplaced keys). */
        public void atKey(YNode n, String msg) {
            issues.add(new ConfigException.Issue(file, n.keyLine(), n.keyCol(), msg));
        }

        /** Unknown keys of {@code map} are errors listing the allowed ones. */
        public void onlyKeys(YNode map, String... allowed) {
            Set<String> ok = new TreeSet<>(List.of(allowed));
            for (Map.Entry<String, YNode> e : map.map().entrySet()) {
                if (!ok.contains(e.getKey())) {
                    atKey(e.getValue(), "unknown key '" + e.getKey() + "'" + (map.path().isEmpty() ? ""
                            : " in " + map.path()) + " (allowed: " + String.join(", ", ok) + ")");
                }
            }
        }

        public boolean isEmpty() {
            return issues.isEmpty();
        }

        public void throwIfAny() throws ConfigException {
            if (!issues.isEmpty()) {
                throw new ConfigException(issues);
            }
        }
    }
}
