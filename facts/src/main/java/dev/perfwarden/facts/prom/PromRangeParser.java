package dev.perfwarden.facts.prom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.LazyJson;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the JSON answer of Prometheus' HTTP API {@code /api/v1/query_range} (and {@code /query} with
 * a matrix result): {@code {"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},
 * "values":[[t,"v"],…]}]}}}. Each series becomes a {@link PromRange} placed at the line of its
 * {@code metric} key; each series is one record. Points whose value is not a number are counted
 * unparsed; an error answer ({@code "status":"error"}) is a parse error naming Prometheus' message.
 */
public final class PromRangeParser implements InputParser {
    private static final Pattern SNIFF = Pattern.compile("\"resultType\"\\s*:\\s*\"(?:matrix|vector|scalar|string)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(?:success|error)\"");

    @Override
    public InputKind kind() {
        return InputKind.PROM_RANGE;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (!head.jsonObject()) {
            return false;
        }
        String t = head.text();
        // the literal STATUS needs first (sampled: 0.07 ms a 64 KiB -json log head; std has 2,214 of them)
        return t.contains("\"status\"") && STATUS.matcher(t).find()
                && (SNIFF.matcher(t).find() || t.contains("\"errorType\""));
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        // first pass: the line of each series' "metric" key, in order
        List<Long> lines = new ArrayList<>();
        try (InputStream in = source.open(); JsonParser p = new JsonFactory().createParser(in)) {
            int depth = 0;
            while (p.nextToken() != null) {
                JsonToken t = p.currentToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 4 && p.currentName().equals("metric")) {
                    lines.add((long) p.currentTokenLocation().getLineNr());
                }
            }
        } catch (JsonProcessingException e) {
            throw ParseException.malformed(ctx.at(e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
                    "not valid JSON: " + e.getOriginalMessage(), null);
        }
        JsonNode root;
        try (InputStream in = source.open()) {
            root = LazyJson.mapper().readTree(in);
        }
        if ("error".equals(root.path("status").asText())) {
            throw ParseException.malformed(ctx.at(1), "Prometheus answered an error: "
                    + root.path("errorType").asText() + ": " + root.path("error").asText(), null);
        }
        String type = root.path("data").path("resultType").asText();
        if (!type.equals("matrix")) {
            throw ParseException.malformed(ctx.at(1), "resultType " + type
                    + " is not a range (matrix) answer; use query_range", null);
        }
        String file = String.valueOf(Path.of(source.displayPath()).getFileName());
        int i = 0;
        for (JsonNode series : root.path("data").path("result")) {
            long line = i < lines.size() ? lines.get(i) : 1;
            i++;
            ctx.record();
            Map<String, String> metric = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                metric.put(e.getKey(), e.getValue().asText());
            }
            List<PromRange.Point> points = new ArrayList<>();
            for (JsonNode pt : series.path("values")) {
                try {
                    points.add(new PromRange.Point(pt.get(0).asDouble(), PromTextParser.parseValue(pt.get(1).asText())));
                } catch (RuntimeException e) {
                    ctx.unparsed(line, "point is not [time, \"value\"]", pt.toString());
                }
            }
            ctx.emit(new PromRange(ctx.input(), file, metric, points, ctx.at(line)));
        }
    }
}
