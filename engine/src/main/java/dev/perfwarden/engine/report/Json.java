package dev.perfwarden.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;

/** Shared Jackson setup of the JSON and SARIF reporters: ordered fields, two-space indent, trailing newline. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final ObjectWriter WRITER = MAPPER.writer(PRINTER);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void write(JsonNode node, Appendable out) throws IOException {
        out.append(WRITER.writeValueAsString(node)).append('\n');
    }

    /**
     * Writes {@code root} as {@link #write} does, but the array {@code hole} (an empty array inside {@code root})
     * with {@code items}, each made just before it is written, straight to {@code out} through Jackson's streaming
     * generator: a report's findings are never all in memory at once, as nodes or as text (attack5 probe 09: the
     * SARIF of 120,000 findings, some 250 MB in one String, ran a batch out of memory).
     */
    static void stream(JsonNode root, ArrayNode hole, Iterator<? extends JsonNode> items, Appendable out)
            throws IOException {
        Writer w = out instanceof Writer x ? x : new AppendableWriter(out);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(PRINTER.createInstance());
            node(g, root, hole, items);
        }
        w.append('\n');
        w.flush();
    }

    private static void node(JsonGenerator g, JsonNode n, ArrayNode hole, Iterator<? extends JsonNode> items)
            throws IOException {
        if (n == hole) {
            g.writeStartArray();
            while (items.hasNext()) {
                g.writeTree(items.next());
            }
            g.writeEndArray();
        } else if (n.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                g.writeFieldName(e.getKey());
                node(g, e.getValue(), hole, items);
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode x : n) {
                node(g, x, hole, items);
            }
            g.writeEndArray();
        } else {
            g.writeTree(n);
        }
    }

    /** An {@link Appendable} (a StringBuilder) as a {@link Writer}. */
    private static final class AppendableWriter extends Writer {
        private final Appendable out;

        AppendableWriter(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.append(java.nio.CharBuffer.wrap(buf, off, len));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
