package dev.perfwarden.engine.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.analysis.SuppressedFinding;
import dev.perfwarden.engine.analysis.Suppression;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.gate.GateResult;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.report.JsonReporter;
import dev.perfwarden.engine.report.SarifReporter;
import dev.perfwarden.engine.report.TextReporter;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionsTest {
    static final String F = "example.com/m.box";
    static final String BOX_GO = """
            package main

            //perfwarden:ignore boxed-value -- boxed once at start-up
            var a = box(x)
            var b = box(y) //perfwarden:ignore boxed-value,leak-note -- measured: 0.1 % of CPU
            var s = "//perfwarden:ignore boxed-value -- in a string"
            var r = `
            //perfwarden:ignore boxed-value -- in a raw string
            `
            /* //perfwarden:ignore boxed-value -- in a block comment */
            //perfwarden:ignore boxed-value
            //perfwarden:ignore -- nothing named
            // perfwarden:ignore boxed-value -- nothing on the next line
            var c = box(z)
            //perfwarden:ignored boxed-value -- another tool's word
            """;

    @TempDir
    Path tmp;

    @Test
    void directivesAreLineCommentsOutsideLiterals() {
        List<SourceSuppressions.Directive> ds = SourceSuppressions.parse("box.go", BOX_GO);
        assertThat(ds).extracting(SourceSuppressions.Directive::line, SourceSuppressions.Directive::target,
                        SourceSuppressions.Directive::rules, SourceSuppressions.Directive::problem)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, 4, List.of("boxed-value"), null),
                        org.assertj.core.groups.Tuple.tuple(5, 5, List.of("boxed-value", "leak-note"), null),
                        org.assertj.core.groups.Tuple.tuple(11, 12, List.of("boxed-value"), "gives no reason"),
                        org.assertj.core.groups.Tuple.tuple(12, 13, List.of(), "names no rule"),
                        org.assertj.core.groups.Tuple.tuple(13, 14, List.of("boxed-value"), null));
        assertThat(ds.get(1).reason()).isEqualTo("measured: 0.1 % of CPU");
        assertThat(ds.get(1).col()).isEqualTo(16);
    }

    @Test
    void directiveColumnsAreByteColumnsAsTheCompilersAre() {
        List<SourceSuppressions.Directive> ds = SourceSuppressions.parse("box.go",
                "package p\n\nvar é = any(v) //perfwarden:ignore boxed-value -- once\n");
        assertThat(ds).extracting(SourceSuppressions.Directive::line, SourceSuppressions.Directive::col,
                SourceSuppressions.Directive::target).containsExactly(org.assertj.core.groups.Tuple.tuple(3, 17, 3));
    }

    static final String NOLINT_GO = """
            package main

            var a = box(x) //nolint:perf // boxed once at start-up
            var b = box(y) //nolint:gocritic,perf
            var c = box(z) //nolint:gocritic // not ours: suppresses nothing here
            //nolint
            func hot() {
            	box(w)
            	box(v)
            }
            var d = box(u)
            var e = box(t) // nolint:perfwarden
            //nolint:perf this is not a golangci reason, so not a directive
            var f = box(s)
            """;

    @Test
    void golangciNolintCommentsSuppressThePerfRules() throws Exception {
        List<SourceSuppressions.Directive> ds = SourceSuppressions.parse("box.go", NOLINT_GO);
        assertThat(ds).extracting(SourceSuppressions.Directive::line, SourceSuppressions.Directive::target,
                        SourceSuppressions.Directive::targetEnd, SourceSuppressions.Directive::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, 3, 3, "boxed once at start-up"),
                        org.assertj.core.groups.Tuple.tuple(4, 4, 4, "//nolint"),
                        org.assertj.core.groups.Tuple.tuple(6, 7, 10, "//nolint"),
                        org.assertj.core.groups.Tuple.tuple(12, 12, 12, "//nolint"));
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        List<Fact> facts = new java.util.ArrayList<>();
        for (int line : new int[]{3, 4, 5, 8, 9, 11, 12, 14}) {
            facts.add(TestPacks.boxed(F, "box.go", line, 9, 16));
        }
        List<InputStats> inputs = List.of(new InputStats("m2.txt", "escape-text", 10, 0, List.of(), null));
        AnalysisResult r = Analysis.run(facts, inputs, rules,
                Options.defaults().withSuppressor(SourceSuppressions.of(Map.of("box.go", NOLINT_GO))));
        assertThat(r.suppressed()).extracting(s -> s.finding().line()).containsExactlyInAnyOrder(3, 4, 8, 9, 12);
        assertThat(r.findings()).extracting(f -> f.rule() + "@" + f.line())
                .containsExactly("boxed-value@5", "boxed-value@11", "boxed-value@14");
    }

    static final String NOLINT_STATEMENTS_GO = """
            package main

            func hot() {
            	//nolint:perf // built once
            	total := sum(box(a),
            		box(b),
            		box(c))
            	box(d)
            	//nolint:perf
            	x, y =
            		box(e), box(f)
            	box(g)
            		//nolint:perf // not at the statement's column: its next line only
            	call(box(h),
            		box(i))
            	s := "//nolint:perf"
            	box(j)
            }
            """;

    @Test
    void nolintAboveAStatementCoversAllItsLines() throws Exception {
        List<SourceSuppressions.Directive> ds = SourceSuppressions.parse("box.go", NOLINT_STATEMENTS_GO);
        assertThat(ds).extracting(SourceSuppressions.Directive::line, SourceSuppressions.Directive::target,
                        SourceSuppressions.Directive::targetEnd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, 5, 7),
                        org.assertj.core.groups.Tuple.tuple(9, 10, 11),
                        org.assertj.core.groups.Tuple.tuple(13, 14, 14));
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        List<Fact> facts = new java.util.ArrayList<>();
        for (int line : new int[]{5, 6, 7, 8, 10, 11, 12, 14, 15, 17}) {
            facts.add(TestPacks.boxed(F, "box.go", line, 9, 16));
        }
        List<InputStats> inputs = List.of(new InputStats("m2.txt", "escape-text", 10, 0, List.of(), null));
        AnalysisResult r = Analysis.run(facts, inputs, rules,
                Options.defaults().withSuppressor(SourceSuppressions.of(Map.of("box.go", NOLINT_STATEMENTS_GO))));
        assertThat(r.suppressed()).extracting(s -> s.finding().line()).containsExactlyInAnyOrder(5, 6, 7, 10, 11, 14);
        assertThat(r.findings()).extracting(f -> f.rule() + "@" + f.line())
                .containsExactly("boxed-value@8", "boxed-value@12", "boxed-value@15", "boxed-value@17");
    }

    AnalysisResult run(Options extra) throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        List<Fact> facts = List.of(
                TestPacks.boxed(F, "box.go", 4, 9, 16),
                TestPacks.boxed(F, "box.go", 5, 9, 16),
                TestPacks.leak(F, "box.go", 5, "p"),
                TestPacks.boxed(F, "box.go", 9, 9, 16));
        List<InputStats> inputs = List.of(new InputStats("m2.txt", "escape-text", 10, 0, List.of(), null));
        return Analysis.run(facts, inputs, rules, extra);
    }

    @Test
    void sourceCommentsSuppressAndTheirProblemsAreFindings() throws Exception {
        SourceSuppressions sup = SourceSuppressions.of(Map.of("box.go", BOX_GO));
        AnalysisResult r = run(Options.defaults().withSuppressor(sup));

        assertThat(r.suppressed()).extracting(s -> s.finding().rule() + "@" + s.finding().line(),
                        s -> s.suppression().justification())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("boxed-value@4", "boxed once at start-up"),
                        org.assertj.core.groups.Tuple.tuple("leak-note@5", "measured: 0.1 % of CPU"),
                        org.assertj.core.groups.Tuple.tuple("boxed-value@5", "measured: 0.1 % of CPU"));
        assertThat(r.suppressed()).allSatisfy(s -> assertThat(s.suppression().kind()).isEqualTo(Suppression.Kind.IN_SOURCE));
        assertThat(r.findings()).extracting(f -> f.rule() + "@" + f.line() + ":" + f.severity().id())
                .containsExactly("boxed-value@9:warning", "perfwarden/invalid-suppression@11:error",
                        "perfwarden/invalid-suppression@12:error", "perfwarden/unused-suppression@13:warning");
        Finding unused = r.findings().get(3);
        assertThat(unused.message()).isEqualTo("suppression of boxed-value suppresses nothing: boxed-value reported"
                + " nothing on line 14 (the line after the comment); remove the comment");
        assertThat(unused.pack()).startsWith("perfwarden@");
        assertThat(unused.evidence()).singleElement().satisfies(e -> assertThat(e.text())
                .isEqualTo("// perfwarden:ignore boxed-value -- nothing on the next line"));
        assertThat(r.findings().get(1).message()).startsWith("suppression comment gives no reason, so it suppresses nothing");
        assertThat(r.summary().hidden()).containsExactly(Map.entry("suppressed", 3));
        assertThat(r.summary().gate()).isEqualTo(GateResult.FAIL).as("an invalid suppression is an error");
        assertThat(r.rules()).extracting(x -> x.id()).contains(SourceSuppressions.UNUSED, SourceSuppressions.INVALID);

        // without the inputs a rule needs, an unmatched suppression cannot be judged
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        AnalysisResult noInputs = Analysis.run(List.of(), List.of(), rules, Options.defaults().withSuppressor(sup));
        assertThat(noInputs.findings()).filteredOn(f -> f.rule().equals(SourceSuppressions.UNUSED))
                .extracting(Finding::message).noneMatch(msg -> msg.contains("boxed-value"))
                .anyMatch(msg -> msg.contains("suppression of leak-note")); // leak-note declares no @inputs
    }

    @Test
    void baselineHidesAcceptedFindingsAndReportersShowAllHidden() throws Exception {
        SourceSuppressions sup = SourceSuppressions.of(Map.of("box.go", BOX_GO));
        AnalysisResult first = run(Options.defaults().withSuppressor(sup));
        Path file = tmp.resolve("perfwarden.baseline.json");
        Baseline.of(first.findings(), "").write(file);
        Baseline baseline = Baseline.read(file);
        assertThat(baseline.entries()).hasSize(4);

        AnalysisResult r = run(Options.defaults().withFailOn(FailOn.WARNING).withSuppressor(sup).withSuppressor(baseline));
        assertThat(r.findings()).isEmpty();
        assertThat(r.summary().gate()).isEqualTo(GateResult.PASS);
        assertThat(r.summary().hidden()).containsExactly(Map.entry("suppressed", 3), Map.entry("baseline", 4));
        assertThat(r.suppressed()).filteredOn(s -> s.suppression().kind() == Suppression.Kind.EXTERNAL).hasSize(4)
                .allSatisfy(s -> assertThat(s.suppression().justification()).isEqualTo("in the baseline " + file));

        String text = new TextReporter(false).render(r);
        assertThat(text).contains("0 findings; gate: pass (fail on warning)\n7 hidden: 3 suppressed in source, 4 in baseline\n");
        JsonNode json = new ObjectMapper().readTree(new JsonReporter().render(r));
        assertThat(json.at("/summary/hidden").toString()).isEqualTo("{\"suppressed\":3,\"baseline\":4}");
        assertThat(json.at("/findings").size()).isZero();

        JsonNode sarif = new ObjectMapper().readTree(new SarifReporter().render(r));
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results.size()).isEqualTo(7);
        JsonNode inSource = results.get(0);
        assertThat(inSource.at("/ruleId").asText()).isEqualTo("boxed-value");
        assertThat(inSource.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(4);
        assertThat(inSource.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(inSource.at("/suppressions/0/status").asText()).isEqualTo("accepted");
        assertThat(inSource.at("/suppressions/0/justification").asText()).isEqualTo("boxed once at start-up");
        assertThat(inSource.at("/suppressions/0/location/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(results.findValues("kind").stream().map(JsonNode::asText).filter("external"::equals)).hasSize(4);
        assertThat(sarif.at("/runs/0/tool/driver/rules").findValuesAsText("id"))
                .contains(SourceSuppressions.UNUSED, SourceSuppressions.INVALID);
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("../testdata/schemas/sarif-schema-2.1.0.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        assertThat(schema.validate(sarif)).isEmpty();
    }

    @Test
    void aBaselineHidesAsManyIdenticalFindingsAsItLists() throws Exception {
        Finding a = Finding.of("r", "p@1", Severity.WARNING, "m.f", "a.go", 3, 1, "x", List.of());
        Finding b = Finding.of("r", "p@1", Severity.WARNING, "m.f", "a.go", 9, 1, "x", List.of());
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        Baseline one = Baseline.of(List.of(a), "");
        var m = one.start(List.of(), List.of());
        assertThat(m.match(a)).isNotNull();
        assertThat(m.match(b)).as("a second identical finding is new").isNull();
    }

    @Test
    void badBaselinesAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> Baseline.parse("{\"findings\": []}", "b.json")).isInstanceOf(ConfigException.class)
                .hasMessage("b.json:1:1: error: not a perfwarden baseline: expected \"perfwarden-baseline\": 1");
        assertThatThrownBy(() -> Baseline.parse("{\"perfwarden-baseline\": 1,\n \"fingerprint\": \"perfwarden/v0\",\n"
                + " \"findings\": [{\"fingerprint\": \"abc\"}]}", "b.json"))
                .hasMessageContaining("b.json:2:17: error: made with fingerprints perfwarden/v0")
                .hasMessageContaining("b.json:3:31: error: fingerprint: expected 64 lower-case hex digits");
    }

    @Test
    void fingerprintsIgnoreFoldersJsonPositionsSsaLinesAndMeasurements() {
        assertThat(dev.perfwarden.engine.model.Fingerprints.normalise("objdump",
                "  /home/ci/work/m/box.go:12\t0x4a1b20\t\te800000000\tCALL runtime.convT64(SB)"))
                .isEqualTo(dev.perfwarden.engine.model.Fingerprints.normalise("objdump",
                        "  /Users/dev/src/m/box.go:31\t0x4a2000\t\te811111111\tCALL runtime.convT64(SB)"));
        String json12 = "{\"range\":{\"start\":{\"line\":12,\"character\":9},\"end\":{\"line\":12,\"character\":9}},"
                + "\"severity\":3,\"code\":\"escape\",\"message\":\"x escapes to heap\",\"relatedInformation\":"
                + "[{\"location\":{\"uri\":\"file:///tmp/a/box.go\",\"range\":{\"start\":{\"line\":14,\"character\":3}}}}]}";
        String json40 = json12.replace("\"line\":12", "\"line\":40").replace("\"line\":14", "\"line\":42")
                .replace("file:///tmp/a/", "file:///home/ci/checkout/");
        assertThat(dev.perfwarden.engine.model.Fingerprints.normalise("logopt-json", json40))
                .isEqualTo(dev.perfwarden.engine.model.Fingerprints.normalise("logopt-json", json12));
        assertThat(dev.perfwarden.engine.model.Fingerprints.normalise("ssa", "v12 (+34) = Load <int> v11 v1 (x[int])"))
                .isEqualTo("v12 () = Load <int> v11 v1 (x[int])");
        assertThat(dev.perfwarden.engine.model.Fingerprints.normalise("bench", "BenchmarkBox-8   1000000   1053 ns/op"))
                .isEqualTo(dev.perfwarden.engine.model.Fingerprints.normalise("bench", "BenchmarkBox-8   2000000   998.5 ns/op"));
        assertThat(dev.perfwarden.engine.model.Fingerprints.normalise("escape-text", "./pkg/box.go:12:9: x escapes to heap"))
                .isEqualTo("box.go: x escapes to heap");
    }

}
