package dev.perfwarden.engine.suppress;

import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.analysis.Suppression;
import dev.perfwarden.engine.analysis.Suppressor;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Fingerprints;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ConfigYaml;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.facts.input.InputStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A baseline: the findings a project accepted, by fingerprint. A run with {@code --baseline FILE} reports
 * only findings whose fingerprint is not in it (as many times as it is listed: two identical findings in
 * the baseline hide two, a third one is new). Fingerprints survive line shifts (see {@link Fingerprints}).
 * {@code perfwarden baseline create} writes it. JSON, documented in {@code docs/suppressions.md}.
 *
 * @param origin  the file read or written, for messages (may be empty)
 * @param entries one per accepted finding, in report order
 */
public record Baseline(String origin, List<Entry> entries) implements Suppressor {
    /** The format version written as {@code perfwarden-baseline}. */
    public static final int VERSION = 1;

    /** One accepted finding: its fingerprint, and what it was, for people reading the file. */
    public record Entry(String fingerprint, String rule, String function, String file, int line, String message) {
    }

    public Baseline {
        origin = origin == null ? "" : origin;
        entries = List.copyOf(entries);
    }

    /**
     * A baseline accepting {@code findings}: each one, and each finding folded into it ({@link Finding#related()}),
     * since a baseline is matched per finding before a line's findings are folded (attack5 probe 10: recording the
     * leads alone let their related findings come back as new ones on the next run).
     */
    public static Baseline of(List<Finding> findings, String origin) {
        List<Entry> out = new ArrayList<>();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        for (Finding f : sorted) {
            out.add(new Entry(f.fingerprint(), f.rule(), f.symbol(), f.file(), f.line(), f.message()));
            for (Finding.Related r : f.related()) {
                out.add(new Entry(r.fingerprint(), r.rule(), f.symbol(), f.file(), f.line(), r.message()));
            }
        }
        return new Baseline(origin, out);
    }

    @Override
    public Matcher start(List<RuleInfo> rules, List<InputStats> inputs) {
        Map<String, Integer> left = new HashMap<>();
        for (Entry e : entries) {
            left.merge(e.fingerprint(), 1, Integer::sum);
        }
        String why = origin.isEmpty() ? "in the baseline" : "in the baseline " + origin;
        return f -> {
            Integer n = left.get(f.fingerprint());
            if (n == null || n == 0) {
                return null;
            }
            left.put(f.fingerprint(), n - 1);
            return new Suppression(Suppression.Kind.EXTERNAL, "baseline", why, null);
        };
    }

    // ---------------------------------------------------------------- file

    public static Baseline read(Path file) throws ConfigException {
        String text = dev.perfwarden.engine.project.ProjectFiles.read(file,
                dev.perfwarden.engine.project.ProjectFiles.BASELINE_MAX, "baseline");
        return parse(text, file.toString());
    }

    public static Baseline parse(String text, String fileName) throws ConfigException {
        YamlNode root = ConfigYaml.parse(text, fileName);
        ConfigYaml.Errors errors = new ConfigYaml.Errors(fileName);
        if (!root.isMap()) {
            errors.at(root, "expected a perfwarden baseline (a JSON object)");
            errors.throwIfAny();
        }
        errors.onlyKeys(root, "perfwarden-baseline", "tool", "fingerprint", "findings");
        YamlNode v = root.get("perfwarden-baseline");
        if (v == null || v.kind() != YamlNode.Kind.NUMBER || ((Number) v.scalar()).intValue() != VERSION) {
            errors.at(v == null ? root : v, "not a perfwarden baseline: expected \"perfwarden-baseline\": " + VERSION);
            errors.throwIfAny();
        }
        YamlNode fp = root.get("fingerprint");
        if (fp != null && !Fingerprints.KEY.equals(fp.text())) {
            errors.at(fp, "made with fingerprints " + fp.text() + ", this perfwarden computes " + Fingerprints.KEY
                    + "; create the baseline again");
        }
        List<Entry> entries = new ArrayList<>();
        YamlNode fs = root.get("findings");
        if (fs == null || !fs.isList()) {
            errors.at(fs == null ? root : fs, "findings: expected a list");
        } else {
            for (YamlNode e : fs.list()) {
                if (!e.isMap()) {
                    errors.at(e, "findings: expected {fingerprint, rule, function, file, line, message}");
                    continue;
                }
                errors.onlyKeys(e, "fingerprint", "rule", "function", "file", "line", "message");
                YamlNode f = e.get("fingerprint");
                if (f == null || f.kind() != YamlNode.Kind.STRING || !f.text().matches("[0-9a-f]{64}")) {
                    errors.at(f == null ? e : f, "fingerprint: expected 64 lower-case hex digits");
                    continue;
                }
                YamlNode line = e.get("line");
                entries.add(new Entry(f.text(), text(e, "rule"), text(e, "function"), text(e, "file"),
                        line != null && line.kind() == YamlNode.Kind.NUMBER ? ((Number) line.scalar()).intValue() : 0,
                        text(e, "message")));
            }
        }
        errors.throwIfAny();
        return new Baseline(fileName, entries);
    }

    private static String text(YamlNode map, String key) {
        YamlNode n = map.get(key);
        return n == null || n.text() == null ? "" : n.text();
    }

    public void write(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    public String toJson() {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = m.createObjectNode();
        root.put("perfwarden-baseline", VERSION);
        root.putObject("tool").put("name", EngineInfo.name()).put("version", EngineInfo.version());
        root.put("fingerprint", Fingerprints.KEY);
        com.fasterxml.jackson.databind.node.ArrayNode a = root.putArray("findings");
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::file).thenComparingInt(Entry::line).thenComparing(Entry::rule)
                .thenComparing(Entry::fingerprint));
        for (Entry e : sorted) {
            a.addObject().put("fingerprint", e.fingerprint()).put("rule", e.rule()).put("function", e.function())
                    .put("file", e.file()).put("line", e.line()).put("message", e.message());
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
