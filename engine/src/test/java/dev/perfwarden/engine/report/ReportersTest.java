package dev.perfwarden.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.facts.input.InputStats;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReportersTest {
    private static final ObjectMapper M = new ObjectMapper();

    static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The repository root: {@code -Dperfwarden.root}, else the nearest folder above user.dir holding .git. */
    static Path repoRoot() {
        String prop = System.getProperty("perfwarden.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "testdata"))) {
            return Path.of(prop);
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (set -Dperfwarden.root)");
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        AnalysisResult r = ReportFixtures.result(FailOn.ERROR);
        JsonNode root = M.readTree(new JsonReporter().render(r));

        assertThat(fields(root)).containsExactly("tool", "packs", "inputs", "findings", "summary");
        assertThat(fields(root.get("tool"))).containsExactly("name", "version");
        assertThat(root.at("/tool/name").asText()).isEqualTo("perfwarden");

        assertThat(root.get("packs")).hasSize(1);
        assertThat(fields(root.at("/packs/0"))).containsExactly("id", "version", "sha256");
        assertThat(root.at("/packs/0/id").asText()).isEqualTo("testpack");
        assertThat(root.at("/packs/0/sha256").asText()).hasSize(64);

        assertThat(fields(root.at("/inputs/0"))).containsExactly("path", "kind", "records", "unparsed", "unparsedSamples");
        assertThat(root.at("/inputs/0/records").asLong()).isEqualTo(120);
        assertThat(root.at("/inputs/0/unparsed").asLong()).isEqualTo(2);
        assertThat(fields(root.at("/inputs/0/unparsedSamples/0"))).containsExactly("line", "reason", "text");
        assertThat(fields(root.at("/inputs/1"))).containsExactly("path", "kind", "records", "unparsed");
        assertThat(fields(root.at("/inputs/2"))).containsExactly("path", "kind", "records", "unparsed", "error");
        assertThat(root.at("/inputs/2/error").asText()).isEqualTo("malformed profile: bad varint");

        assertThat(root.get("findings")).hasSize(3);
        JsonNode f = root.at("/findings/0");
        assertThat(fields(f)).containsExactly("rule", "pack", "severity", "function", "inlinedInto", "file", "line",
                "column", "message", "cost", "evidence", "fingerprint");
        assertThat(fields(f.get("cost"))).containsExactly("cpuShare", "allocShare", "basis", "measure");
        assertThat(f.at("/cost/cpuShare").asDouble()).isEqualTo(0.124);
        assertThat(f.at("/cost/allocShare").isNull()).isTrue();
        assertThat(f.at("/cost/basis").asText()).isEqualTo("line");
        assertThat(f.get("inlinedInto").isArray()).isTrue();
        assertThat(f.get("rule").asText()).isEqualTo("boxed-value");
        assertThat(f.get("pack").asText()).isEqualTo("testpack@1.2.3");
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("function").asText()).isEqualTo(ReportFixtures.F);
        assertThat(f.get("file").asText()).isEqualTo("box.go");
        assertThat(f.get("line").isInt()).isTrue();
        assertThat(f.get("line").asInt()).isEqualTo(12);
        assertThat(f.get("column").asInt()).isEqualTo(9);
        assertThat(f.get("message").asText()).isEqualTo("value of 16 bytes boxed");
        assertThat(fields(f.at("/evidence/0"))).containsExactly("input", "text");
        assertThat(f.at("/evidence/0/input").asText()).isEqualTo("escape-text");
        assertThat(f.get("fingerprint").asText()).matches("[0-9a-f]{64}");

        assertThat(fields(root.get("summary"))).containsExactly("findings", "bySeverity", "gate");
        assertThat(root.at("/summary/findings").asInt()).isEqualTo(3);
        assertThat(fields(root.at("/summary/bySeverity"))).containsExactly("error", "note");
        assertThat(root.at("/summary/bySeverity/error").asInt()).isEqualTo(2);
        assertThat(root.at("/summary/bySeverity/note").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/gate").asText()).isEqualTo("fail");

        JsonNode none = M.readTree(new JsonReporter().render(ReportFixtures.result(FailOn.NONE)));
        assertThat(none.at("/summary/gate").asText()).isEqualTo("pass");
    }

    @Test
    void sarifValidatesAgainstTheSchema() throws Exception {
        AnalysisResult r = ReportFixtures.result(FailOn.WARNING);
        String sarif = new SarifReporter().render(r);
        JsonNode doc = M.readTree(sarif);

        Path schemaFile = repoRoot().resolve("testdata/schemas/sarif-schema-2.1.0.json");
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).isEmpty();
        // the validator is not vacuous: a broken document fails
        JsonNode broken = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0/locations/0/physicalLocation/region"))
                .put("startLine", 0);
        assertThat(schema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);

        // the schema allows almost anything to be absent: check what we promise
        assertThat(doc.get("$schema").asText()).isEqualTo(SarifReporter.SCHEMA);
        assertThat(doc.get("version").asText()).isEqualTo("2.1.0");
        assertThat(doc.get("runs")).hasSize(1);
        JsonNode driver = doc.at("/runs/0/tool/driver");
        assertThat(driver.get("name").asText()).isEqualTo("perfwarden");
        assertThat(driver.get("rules")).hasSize(3);
        JsonNode rule = driver.at("/rules/0");
        assertThat(rule.get("id").asText()).isEqualTo("boxed-value");
        assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("A value is boxed into an interface");
        assertThat(rule.at("/fullDescription/text").asText()).isEqualTo("A value stored in an interface escapes and costs an allocation.");
        assertThat(rule.at("/help/markdown").asText()).startsWith("# boxed-value");
        assertThat(rule.at("/help/text").asText()).contains("Keep the concrete type");
        assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("warning");

        JsonNode res = doc.at("/runs/0/results/0");
        assertThat(res.get("ruleId").asText()).isEqualTo("boxed-value");
        assertThat(res.get("ruleIndex").asInt()).isEqualTo(0);
        assertThat(res.get("level").asText()).isEqualTo("error");
        assertThat(res.at("/message/text").asText()).startsWith("value of 16 bytes boxed");
        assertThat(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("box.go");
        assertThat(res.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
        assertThat(res.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(9);
        assertThat(res.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).isEqualTo(ReportFixtures.F);
        assertThat(res.at("/partialFingerprints/perfwarden~1v1").asText()).isEqualTo(r.findings().get(0).fingerprint());
        assertThat(res.at("/properties/function").asText()).isEqualTo(ReportFixtures.F);
        assertThat(res.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("m2.txt");
        assertThat(res.at("/relatedLocations/0/physicalLocation/region/startLine").asInt()).isEqualTo(52);
        assertThat(res.at("/properties/evidence/0/text").asText()).isEqualTo("./box.go:12:9: x escapes to heap");
        assertThat(doc.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText())
                .contains("malformed profile");
        assertThat(doc.at("/runs/0/properties/summary/gate").asText()).isEqualTo("fail");
    }

    @Test
    void textIsCompilerStyle() throws Exception {
        String text = new TextReporter(true).render(ReportFixtures.result(FailOn.ERROR));
        assertThat(text).isEqualTo(String.join("\n",
                "box.go:12:9: error: value of 16 bytes boxed [boxed-value] cpu 12.4 % (line)",
                "    in example.com/m.box",
                "    escape-text: ./box.go:12:9: x escapes to heap  (m2.txt:52)",
                "    pprof: box.go:12: self 12.4 % of cpu samples",
                "box.go:20:2: error: slow call to runtime.mapassign_faststr [slow-call] cpu 12.4 % (function)",
                "    in example.com/m.box",
                "    objdump: box.go:20\t0x4a1b20\t\te800000000\tCALL runtime.mapassign_faststr(SB)  (objdump.txt:120)",
                "    pprof: example.com/m.box: cum 12.4 % of cpu samples",
                "keep.go:3:7: note: leaking param: p [leak-note] cpu 0 % (line)",
                "    in example.com/m.keep",
                "    escape-text: ./keep.go:3:7: leaking param: p  (m2.txt:3)",
                "",
                "top findings by cost:",
                "  cpu 12.4 % (line)  box.go:12:9 boxed-value",
                "  cpu 12.4 % (function)  box.go:20:2 slow-call",
                "3 findings (2 errors, 1 note); gate: fail (fail on error)",
                "rules (perfwarden explain RULE for the details and the fix):",
                "  [boxed-value] A value is boxed into an interface",
                "  [leak-note] A parameter leaks",
                "  [slow-call] A slow call",
                "packs: testpack@1.2.3",
                "inputs:",
                "  out/m2.txt (escape-text): 120 records, 2 unparsed",
                "    out/m2.txt:17: unknown remark: \"./box.go:3:6: something new\"",
                "    out/m2.txt:19: unknown remark: \"./box.go:4:6: another\"",
                "  out/objdump.txt (objdump): 500 records, 0 unparsed",
                "  out/cpu.pprof (pprof): error: malformed profile: bad varint",
                ""));
        // without -v: one line per finding
        String brief = new TextReporter(false).render(ReportFixtures.result(FailOn.ERROR));
        assertThat(brief.lines().takeWhile(l -> !l.isEmpty())).containsExactly(
                "box.go:12:9: error: value of 16 bytes boxed [boxed-value] cpu 12.4 % (line)",
                "box.go:20:2: error: slow call to runtime.mapassign_faststr [slow-call] cpu 12.4 % (function)",
                "keep.go:3:7: note: leaking param: p [leak-note] cpu 0 % (line)");
    }

    /**
     * An input's note (scan of lz4: cpu-2's hot instructions not joined to machine code) is said next to the counts,
     * not only on its line among the inputs at the end.
     */
    @Test
    void inputNotesAreShownWithTheCounts() throws Exception {
        AnalysisResult plain = ReportFixtures.result(FailOn.ERROR);
        List<InputStats> inputs = new java.util.ArrayList<>(plain.inputs());
        inputs.add(new InputStats("keep/cpu-2.pprof", "pprof", 270, 0, List.of(), null,
                "hot instructions not joined: the profile keep/cpu-2.pprof is not of the binary keep/objdump-2.txt shows"));
        AnalysisResult r = new AnalysisResult(plain.tool(), plain.packs(), inputs, plain.findings(), plain.summary(),
                plain.rules(), plain.suppressed());
        String text = new TextReporter(false).render(r);
        assertThat(text).contains("3 findings (2 errors, 1 note); gate: fail (fail on error)\n"
                + "input notes:\n"
                + "  keep/cpu-2.pprof: hot instructions not joined: the profile keep/cpu-2.pprof is not of the binary "
                + "keep/objdump-2.txt shows\n"
                + "rules (perfwarden explain RULE");
        assertThat(text).contains("  keep/cpu-2.pprof (pprof): 270 records, 0 unparsed (see input notes)\n")
                .containsOnlyOnce("hot instructions not joined");
        assertThat(new TextReporter(false).render(plain)).doesNotContain("input notes:");
    }

    @Test
    void formatsByIdAndUris() {
        assertThat(Format.byId("SARIF")).contains(Format.SARIF);
        assertThat(Format.byId("xml")).isEmpty();
        assertThat(Format.JSON.reporter()).isInstanceOf(JsonReporter.class);
        assertThat(SarifReporter.uri("./pkg/a b.go")).isEqualTo("pkg/a%20b.go");
        assertThat(SarifReporter.uri("/tmp/x.go")).isEqualTo("file:///tmp/x.go");
    }

    /**
     * JSON and SARIF are written through Jackson's streaming generator, each finding's node made just before it is
     * written (attack5 probe 09: the SARIF of 120,000 findings was built as one String and ran out of memory): the
     * text is the same as the one tree written at once, to a Writer and to a StringBuilder, suppressed findings
     * included, and empty ones too.
     */
    @Test
    void streamedReportsAreTheTreeWrittenAtOnce() throws Exception {
        AnalysisResult plain = ReportFixtures.result(FailOn.WARNING);
        assertThat(plain.findings()).hasSizeGreaterThan(1);
        List<dev.perfwarden.engine.analysis.SuppressedFinding> sup = plain.findings().stream()
                .map(f -> new dev.perfwarden.engine.analysis.SuppressedFinding(f, new dev.perfwarden.engine.analysis
                        .Suppression(dev.perfwarden.engine.analysis.Suppression.Kind.EXTERNAL, "baseline", "b.yaml",
                        null)))
                .toList();
        AnalysisResult withSuppressed = new AnalysisResult(plain.tool(), plain.packs(), plain.inputs(),
                plain.findings(), plain.summary(), plain.rules(), sup);
        AnalysisResult empty = new AnalysisResult(plain.tool(), plain.packs(), List.of(), List.of(), plain.summary(),
                List.of(), List.of());
        for (AnalysisResult r : List.of(plain, withSuppressed, empty)) {
            StringBuilder tree = new StringBuilder();
            Json.write(new JsonReporter().toJson(r), tree);
            StringBuilder sarifTree = new StringBuilder();
            Json.write(new SarifReporter().toSarif(r), sarifTree);
            java.io.StringWriter w = new java.io.StringWriter();
            new JsonReporter().write(r, w);
            assertThat(w.toString()).isEqualTo(tree.toString());
            assertThat(new JsonReporter().render(r)).isEqualTo(tree.toString());
            java.io.StringWriter ws = new java.io.StringWriter();
            new SarifReporter().write(r, ws);
            assertThat(ws.toString()).isEqualTo(sarifTree.toString());
            assertThat(new SarifReporter().render(r)).isEqualTo(sarifTree.toString());
        }
        assertThat(new SarifReporter().render(withSuppressed)).contains("\"suppressions\": [\n");
        assertThat(new JsonReporter().render(empty)).contains("\"findings\": [ ]");
    }
}
