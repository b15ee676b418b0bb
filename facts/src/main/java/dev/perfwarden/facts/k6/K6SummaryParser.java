package dev.perfwarden.facts.k6;

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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a k6 end-of-test summary in either JSON form k6 writes: {@code --summary-export} (each
 * metric an object of statistics, thresholds as {@code "expr": failed}) and the {@code handleSummary}
 * data ({@code {"type","contains","values":{…},"thresholds":{"expr":{"ok":bool}}}}). Each entry of
 * {@code metrics} is one record and becomes a {@link K6Metric} at the line of its key; an entry of
 * neither shape is counted unparsed. The other top-level sections ({@code root_group},
 * {@code options}, {@code state}, {@code setup_data}) are records of no fact.
 */
public final class K6SummaryParser implements InputParser {
    private static final Pattern KEY = Pattern.compile("^(?<name>[^{}]+)(?:\\{(?<sel>.*)})?$");
    private static final Set<String> SECTIONS = Set.of("root_group", "options", "state", "setup_data", "metrics");
    private static final Set<String> TREND_STATS = Set.of("avg", "min", "med", "max");

    @Override
    public InputKind kind() {
        return InputKind.K6_SUMMARY;
    }

    @Override
    public boolean sniff(InputHead head) {
        if (!head.jsonObject()) {
            return false;
        }
        String t = head.text();
        return t.contains("\"metrics\"")
                && (t.contains("\"root_group\"") || t.contains("\"http_req_duration") || t.contains("\"iterations\"")
                || t.contains("\"vus\""));
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        Map<String, Long> lines = new HashMap<>();
        try (InputStream in = source.open(); JsonParser p = new JsonFactory().createParser(in)) {
            int depth = 0;
            String section = null;
            while (p.nextToken() != null) {
                JsonToken t = p.currentToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1) {
                    section = p.currentName();
                } else if (t == JsonToken.FIELD_NAME && depth == 2 && "metrics".equals(section)) {
                    lines.put(p.currentName(), (long) p.currentTokenLocation().getLineNr());
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
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (!section.equals("metrics")) {
                ctx.record();
                if (!SECTIONS.contains(section)) {
                    ctx.unparsed(1, "unknown top-level section of a k6 summary", section);
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ctx.record();
            long line = lines.getOrDefault(e.getKey(), 1L);
            Matcher km = KEY.matcher(e.getKey());
            if (!km.matches() || !e.getValue().isObject()) {
                ctx.unparsed(line, "metric entry of no known form", e.getKey());
                continue;
            }
            K6Metric m = metric(ctx, km.group("name"), km.group("sel") == null ? "" : km.group("sel"), e.getValue(), line);
            if (m == null) {
                ctx.unparsed(line, "metric without statistics", e.getKey() + ": " + e.getValue());
            } else {
                ctx.emit(m);
            }
        }
    }

    private static K6Metric metric(ParseContext ctx, String name, String sel, JsonNode node, long line) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Boolean> thresholds = new LinkedHashMap<>();
        String type;
        String contains;
        JsonNode th = node.path("thresholds");
        if (node.has("values")) { // handleSummary data
            type = node.path("type").asText("");
            contains = node.path("contains").asText("default");
            node.path("values").fields().forEachRemaining(v -> {
                if (v.getValue().isNumber()) {
                    values.put(v.getKey(), v.getValue().asDouble());
                }
            });
            th.fields().forEachRemaining(t -> thresholds.put(t.getKey(), t.getValue().path("ok").asBoolean(false)));
        } else { // --summary-export: statistics inline; a threshold's value is true when it failed
            node.fields().forEachRemaining(v -> {
                if (v.getValue().isNumber()) {
                    values.put(v.getKey(), v.getValue().asDouble());
                }
            });
            th.fields().forEachRemaining(t -> thresholds.put(t.getKey(), !t.getValue().asBoolean(true)));
            if (values.keySet().containsAll(TREND_STATS)) {
                type = "trend";
            } else if (values.containsKey("passes") || values.containsKey("fails")) {
                type = "rate";
            } else if (values.containsKey("count") && values.containsKey("rate")) {
                type = "counter";
            } else {
                type = "gauge";
            }
            contains = type.equals("trend") && (name.endsWith("_duration") || name.startsWith("http_req_")
                    || name.equals("iteration_duration")) ? "time" : "default";
        }
        if (values.isEmpty()) {
            return null;
        }
        return new K6Metric(ctx.input(), name, sel, type, contains, values, thresholds, ctx.at(line));
    }
}
