package dev.perfwarden.engine.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one YAML reader of perfwarden: reads a document (YAML or JSON) into {@link YamlNode}s that remember
 * the line and column (1-based) where each key and value starts, with Jackson's streaming parser
 * ({@link JsonParser#currentTokenLocation()}). Project files, lock files, baselines, contracts, batch
 * manifests (through {@code engine.project.ConfigYaml}) and YAML policies read through it. Refused: duplicate
 * keys, more than one document, text that is not YAML; each at a line and column.
 */
public final class PositionedYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** YAML that cannot be read, at a line and column of the text (0 when Jackson gives none). */
    public static final class SyntaxError extends Exception {
        private final int line;
        private final int col;

        SyntaxError(int line, int col, String message) {
            super(message);
            this.line = line;
            this.col = col;
        }

        public int line() {
            return line;
        }

        public int col() {
            return col;
        }
    }

    private final JsonParser p;

    private PositionedYaml(JsonParser p) {
        this.p = p;
    }

    /** The document's root node; null for an empty document. */
    public static YamlNode parse(String text) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            YamlNode root = new PositionedYaml(p).node(t, "", 0, 0);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new SyntaxError(l.getLineNr(), l.getColumnNr(), "only one YAML document per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new SyntaxError(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the node starting at token {@code t}; {@code path} ({@code rules[0].match}) names it in messages;
     * {@code keyLine}, {@code keyCol}: its key's position, 0 when it has none (list items, the root).
     */
    private YamlNode node(JsonToken t, String path, int keyLine, int keyCol) throws IOException, SyntaxError {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        int atLine = keyLine == 0 ? line : keyLine;
        int atCol = keyLine == 0 ? col : keyCol;
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    YamlNode.Entry prev = entries.get(key);
                    if (prev != null) {
                        throw new SyntaxError(kl.getLineNr(), kl.getColumnNr(), "duplicate key '" + key + "'"
                                + (path.isEmpty() ? "" : " in " + path) + " (first at line " + prev.line() + ")");
                    }
                    YamlNode value = node(p.nextToken(), path.isEmpty() ? key : path + "." + key, kl.getLineNr(),
                            kl.getColumnNr());
                    entries.put(key, new YamlNode.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
                }
                return new YamlNode.YMap(line, col, entries, path, atLine, atCol);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(node(i, path + "[" + items.size() + "]", 0, 0));
                }
                return new YamlNode.YList(line, col, items, path, atLine, atCol);
            }
            case VALUE_STRING:
                return new YamlNode.YScalar(line, col, p.getText(), path, atLine, atCol);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.YScalar(line, col, p.getNumberValue(), path, atLine, atCol);
            case VALUE_TRUE:
                return new YamlNode.YScalar(line, col, Boolean.TRUE, path, atLine, atCol);
            case VALUE_FALSE:
                return new YamlNode.YScalar(line, col, Boolean.FALSE, path, atLine, atCol);
            case VALUE_NULL:
                return new YamlNode.YScalar(line, col, null, path, atLine, atCol);
            default:
                throw new SyntaxError(line, col, "unexpected YAML content (" + t + ")");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
