package dev.perfwarden.engine.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML (or JSON) document as a tree that remembers where each key and value was, read with Jackson's
 * streaming YAML parser so that every problem in a project file can name its line and column. Duplicate
 * keys are refused.
 */
public final class YNode {
    public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

    private static final YAMLFactory FACTORY = new YAMLFactory();

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

    /** Parses {@code text}; {@code file} is the name used in errors. An empty document is an empty map. */
    public static YNode parse(String text, String file) throws ConfigException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YNode(Kind.MAP, Map.of(), "", 1, 1, 1, 1);
            }
            YNode root = read(p, "", 0, 0, file);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new ConfigException(file, l.getLineNr(), l.getColumnNr(), "only one YAML document is allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ConfigException(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private static YNode read(JsonParser p, String path, int keyLine, int keyCol, String file)
            throws IOException, ConfigException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, YNode> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    if (m.containsKey(key)) {
                        throw new ConfigException(file, kl.getLineNr(), kl.getColumnNr(), "duplicate key '" + key
                                + "'" + (path.isEmpty() ? "" : " in " + path));
                    }
                    p.nextToken();
                    m.put(key, read(p, path.isEmpty() ? key : path + "." + key, kl.getLineNr(), kl.getColumnNr(), file));
                }
                return new YNode(Kind.MAP, Collections.unmodifiableMap(m), path, line, col,
                        keyLine == 0 ? line : keyLine, keyLine == 0 ? col : keyCol);
            }
            case START_ARRAY: {
                List<YNode> l = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p, path + "[" + i++ + "]", 0, 0, file));
                }
                return new YNode(Kind.LIST, Collections.unmodifiableList(l), path, line, col,
                        keyLine == 0 ? line : keyLine, keyLine == 0 ? col : keyCol);
            }
            case VALUE_STRING:
                return scalar(Kind.STRING, p.getText(), path, line, col, keyLine, keyCol);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return scalar(Kind.NUMBER, p.getNumberValue(), path, line, col, keyLine, keyCol);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return scalar(Kind.BOOLEAN, p.getBooleanValue(), path, line, col, keyLine, keyCol);
            case VALUE_NULL:
                return scalar(Kind.NULL, null, path, line, col, keyLine, keyCol);
            default:
                throw new ConfigException(file, line, col, "unexpected " + t + " in YAML");
        }
    }

    private static YNode scalar(Kind k, Object v, String path, int line, int col, int keyLine, int keyCol) {
        return new YNode(k, v, path, line, col, keyLine == 0 ? line : keyLine, keyLine == 0 ? col : keyCol);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
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
