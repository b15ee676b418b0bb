package dev.perfwarden.facts.logopt.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfwarden.facts.parse.LazyJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one {@code -json} diagnostic record that {@link LogoptJsonParser} reads, decoded either from a Jackson
 * tree ({@link #of(JsonNode, int, int)}, any record) or straight from the line's bytes with Jackson's streaming parser
 * ({@link #read}, the records the compiler writes: 2 to 3 times less CPU and no tree of objects per record).
 *
 * <p>{@link #read} gives the same values the tree gives or none: it declines ({@code null}) every record it is not sure
 * of (a field given twice, a null, a number where text is expected or a number beyond {@code int}, anything after the
 * object, bad JSON), and the parser then reads that record through the tree as before, with its error messages.
 *
 * @param related {@code relatedInformation}'s entries in order; null when it is there but not an array
 */
record Diagnostic(int line, int col, int endLine, int endCol, String code, String message, List<Entry> related) {
    /**
     * One {@code relatedInformation} entry as the tree reads it: its {@code message} ("" when absent), its
     * {@code location.uri} ("" when absent) and {@code location.range.start} (0 when absent).
     */
    record Entry(String message, String uri, int line, int col) {
    }

    /** From a tree that has {@code code} and an int {@code range.start.line}/{@code character}. */
    static Diagnostic of(JsonNode d, int line, int col) {
        JsonNode end = d.path("range").path("end");
        JsonNode arr = d.get("relatedInformation");
        List<Entry> related = List.of();
        if (arr != null && !arr.isNull()) {
            related = arr.isArray() ? new ArrayList<>(arr.size()) : null;
            for (JsonNode e : arr.isArray() ? arr : List.<JsonNode>of()) {
                JsonNode loc = e.path("location");
                JsonNode st = loc.path("range").path("start");
                related.add(new Entry(e.path("message").asText(""), loc.path("uri").asText(""),
                        st.path("line").asInt(0), st.path("character").asInt(0)));
            }
        }
        return new Diagnostic(line, col, end.path("line").asInt(line), end.path("character").asInt(col),
                d.get("code").asText(), d.path("message").asText(""), related);
    }

    /**
     * A record read from {@code bytes[0, len)} (well-formed UTF-8), or null: read it through the tree. The compiler's
     * own layout is read without Jackson ({@link CompilerRecord}).
     */
    static Diagnostic read(byte[] bytes, int len) {
        Diagnostic d = CompilerRecord.read(bytes, len);
        if (d != null) {
            return d;
        }
        try (JsonParser p = factory().createParser(bytes, 0, len)) {
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A record read from a decoded line, or null: read it through the tree. */
    static Diagnostic read(String text) {
        try (JsonParser p = factory().createParser(text)) {
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JsonFactory factory() {
        return LazyJson.mapper().getFactory();
    }

    /** A position object ({@code {"line":L,"character":C}}) read into {@code into}; false: not sure. */
    private static boolean position(JsonParser p, int[] into) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return false;
        }
        boolean line = false;
        boolean col = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("line") || f.equals("character")) {
                if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                        || (f.equals("line") ? line : col)) {
                    return false;
                }
                into[f.equals("line") ? 0 : 1] = p.getIntValue();
                line |= f.equals("line");
                col |= f.equals("character");
            } else {
                p.skipChildren();
            }
        }
        into[2] = (line ? 1 : 0) | (col ? 2 : 0);
        return true;
    }

    /** {@code "range":{"start":…,"end":…}} into {@code start} and {@code end} (index 2: which fields were there). */
    private static boolean range(JsonParser p, int[] start, int[] end) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return false;
        }
        boolean s = false;
        boolean e = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("start")) {
                if (s || !position(p, start)) {
                    return false;
                }
                s = true;
            } else if (f.equals("end")) {
                if (e || !position(p, end)) {
                    return false;
                }
                e = true;
            } else {
                p.skipChildren();
            }
        }
        return true;
    }

    private static Diagnostic read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int[] start = new int[3];
        int[] end = new int[3];
        String code = null;
        String message = null;
        List<Entry> related = null;
        boolean range = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "range" -> {
                    if (range || !range(p, start, end)) {
                        return null;
                    }
                    range = true;
                }
                case "code" -> {
                    if (code != null || v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    code = p.getText();
                }
                case "message" -> {
                    if (message != null || v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    message = p.getText();
                }
                case "relatedInformation" -> {
                    if (related != null || v != JsonToken.START_ARRAY || (related = entries(p)) == null) {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || code == null || !range
                || (start[2] & 3) != 3) {
            return null; // something after the object, no code, no start position: the tree decides
        }
        return new Diagnostic(start[0], start[1], (end[2] & 1) != 0 ? end[0] : start[0],
                (end[2] & 2) != 0 ? end[1] : start[1], code, message == null ? "" : message,
                related == null ? List.of() : related);
    }

    /** The entries of a {@code relatedInformation} array (the parser is at its start), or null: not sure. */
    private static List<Entry> entries(JsonParser p) throws IOException {
        List<Entry> out = new ArrayList<>(4);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String message = null;
            String uri = null;
            int[] at = new int[3];
            boolean location = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if (f.equals("message")) {
                    if (message != null || v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    message = p.getText();
                } else if (f.equals("location")) {
                    if (location || v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    location = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String g = p.currentName();
                        JsonToken w = p.nextToken();
                        if (g.equals("uri")) {
                            if (uri != null || w != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            uri = p.getText();
                        } else if (g.equals("range")) {
                            if (at[2] != 0 || !range(p, at, new int[3])) {
                                return null;
                            }
                            at[2] |= 4; // a second range is a second field
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            out.add(new Entry(message == null ? "" : message, uri == null ? "" : uri, at[0], at[1]));
        }
        return p.currentToken() == JsonToken.END_ARRAY ? out : null;
    }
}
