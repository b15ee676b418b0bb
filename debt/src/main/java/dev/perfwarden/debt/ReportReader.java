package dev.perfwarden.debt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a report written by {@code perfwarden analyze --format json} (or {@code scan}, {@code contract check})
 * into a {@link Report}. Strict: anything else is a {@link DebtException} naming the file and what is wrong,
 * so that a CI job recording the wrong file fails instead of recording an empty run.
 */
public final class ReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "contract/";

    private ReportReader() {
    }

    public static Report read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DebtException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new DebtException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DebtException(file + ": cannot read: " + e.getMessage());
        }
        return parse(root, file.toString());
    }

    /** Parses a report tree; {@code name} is used in errors. */
    public static Report parse(JsonNode root, String name) {
        if (root == null || !root.isObject() || !"perfwarden".equals(root.path("tool").path("name").asText())
                || !root.path("findings").isArray()) {
            throw new DebtException(name + ": not a perfwarden JSON report (expected {\"tool\":{\"name\":\"perfwarden\"},"
                    + " \"findings\":[…]}; write one with perfwarden analyze --format json)");
        }
        List<RunFinding> findings = new ArrayList<>();
        List<ContractResult> contracts = new ArrayList<>();
        int i = 0;
        for (JsonNode f : root.get("findings")) {
            String at = name + ": findings[" + i++ + "]";
            String rule = required(f, "rule", at);
            String severity = required(f, "severity", at);
            if (rule.startsWith(CONTRACT)) {
                contracts.add(contract(f, rule, severity));
                continue;
            }
            String fingerprint = required(f, "fingerprint", at);
            String function = f.path("function").asText("");
            JsonNode cost = f.path("cost");
            findings.add(new RunFinding(fingerprint, rule, f.path("pack").asText(""), severity, function,
                    RunFinding.packageOf(function), f.path("file").asText(""), f.path("line").asInt(0),
                    share(cost.get("cpuShare")), share(cost.get("allocShare")), f.path("message").asText("")));
        }
        List<String> packs = new ArrayList<>();
        for (JsonNode p : root.path("packs")) {
            packs.add(p.path("id").asText() + "@" + p.path("version").asText());
        }
        return new Report(root.path("tool").path("version").asText(""), String.join(",", packs), findings, contracts);
    }

    private static ContractResult contract(JsonNode f, String rule, String severity) {
        String[] parts = rule.split("/", 3);
        StringBuilder evidence = new StringBuilder();
        for (JsonNode e : f.path("evidence")) {
            if (evidence.length() > 0) {
                evidence.append('\n');
            }
            evidence.append(e.path("input").asText()).append(": ").append(e.path("text").asText());
        }
        return new ContractResult(parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "",
                ContractResult.verdictOf(severity), f.path("message").asText(""), evidence.toString());
    }

    private static String required(JsonNode f, String field, String at) {
        JsonNode v = f.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new DebtException(at + ": no '" + field + "' (a report of perfwarden 0.1 or later has one on every finding)");
        }
        return v.asText();
    }

    private static Double share(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
