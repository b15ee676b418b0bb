package dev.perfwarden.engine.frontend.yaml;

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
 * Reads YAML into {@link YNode}s that remember where each key and value starts, using Jackson's
 * streaming parser ({@link JsonParser#currentTokenLocation()}). Duplicate keys are an error.
 */
final class YTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** YAML that cannot be read, at a line and column of the text. */
    static final class SyntaxError extends Exception {
        final int line;
        final int col;

        SyntaxError(int line, int col, String message) {
            super(message);
            this.line = line;
            this.col = col;
        }
    }

    private final JsonParser p;

    private YTree(JsonParser p) {
        this.p = p;
    }

    /** The document's root node; null for an empty document. */
    static YNode parse(String text) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            YNode root = new YTree(p).node(t);
            JsonToken more = p.nextToken();
            if (more != null) {
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

    private YNode node(JsonToken t) throws IOException, SyntaxError {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        switch (t) {
            case START_OBJECT: {
                Map<String, YNode.Entry> entries = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    YNode value = node(p.nextToken());
                    YNode.Entry prev = entries.put(key, new YNode.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
                    if (prev != null) {
                        throw new SyntaxError(kl.getLineNr(), kl.getColumnNr(), "key '" + key
                                + "' appears twice in this mapping (first at line " + prev.line() + ")");
                    }
                }
                return new YNode.YMap(line, col, entries);
            }
            case START_ARRAY: {
                List<YNode> items = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(node(i));
                }
                return new YNode.YList(line, col, items);
            }
            case VALUE_STRING:
                return new YNode.YScalar(line, col, p.getText());
            case VALUE_NUMBER_INT:
                try {
                    return new YNode.YScalar(line, col, p.getLongValue());
                } catch (IOException e) {
                    throw new SyntaxError(line, col, "number " + p.getText() + " is too large");
                }
            case VALUE_NUMBER_FLOAT:
                return new YNode.YScalar(line, col, p.getDoubleValue());
            case VALUE_TRUE:
                return new YNode.YScalar(line, col, Boolean.TRUE);
            case VALUE_FALSE:
                return new YNode.YScalar(line, col, Boolean.FALSE);
            case VALUE_NULL:
                return new YNode.YScalar(line, col, null);
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
