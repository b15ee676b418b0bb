package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.RuleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.perfwarden.engine.frontend.PolicyPacks.call;
import static dev.perfwarden.engine.frontend.PolicyPacks.capture;
import static dev.perfwarden.engine.frontend.PolicyPacks.escape;
import static dev.perfwarden.engine.frontend.PolicyPacks.hot;
import static dev.perfwarden.engine.frontend.PolicyPacks.profile;
import static org.assertj.core.api.Assertions.assertThat;

/** YAML policies compile to DRL that finds what the policy says, with every value escaped. */
class YamlPolicyTest {
    @TempDir
    Path tmp;

    private static List<Finding> run(Pack pack, List<?> facts) throws Exception {
        return RuleSet.build(List.of(pack), YamlPolicyTest.class.getClassLoader()).run(facts, Map.of());
    }

    private static final String BIG_CAPTURE = """
            # a team policy: large variables captured by reference by an escaping closure
            rules:
              - id: big-capture
                severity: warning
                hotSeverity: error
                scope: function
                summary: A large variable is captured by reference and moved to the heap
                tags: [escape, closure]
                inputs: [escape-text]
                match:
                  - fact: closure-capture
                    as: cap
                    where:
                      byRef: true
                      width: {">=": {param: min.width}}
                      variable: {regex: "[a-z]+", not-in: [skip]}
                  - fact: escape
                    as: esc
                    same-function: cap
                    same-line: cap
                    where:
                      kind: moved-to-heap
                      subject: {field: cap.variable}
                  - not:
                      fact: runtime-call
                      same-function: cap
                      where:
                        category: {in: [alloc, growslice]}
                        inLoop: true
                at: esc
                message: "{{cap.variable}} ({{cap.width}} bytes) is captured by reference; owner {{param.owner}}, min {{param.min.width}}"
            """;

    @Test
    void joinsConditionsAbsenceAndParametersFindWhatThePolicySays() throws Exception {
        Pack pack = PackLoader.load(PolicyPacks.yamlRule(tmp, "big-capture", BIG_CAPTURE));
        RuleInfo info = pack.rules().get(0);
        assertThat(info.id()).isEqualTo("big-capture");
        assertThat(info.severity()).isEqualTo(Severity.WARNING);
        assertThat(info.hotSeverity()).isEqualTo(Severity.ERROR);
        assertThat(info.scope()).isEqualTo(Scope.FUNCTION);
        assertThat(info.tags()).containsExactly("escape", "closure");
        assertThat(info.inputs()).containsExactly("escape-text");
        assertThat(info.file()).isEqualTo("big-capture/rule.rules.yaml");
        assertThat(info.line()).isEqualTo(3);
        assertThat(pack.sources().get(0).language()).isEqualTo(RuleSource.Language.YAML);

        List<Object> facts = List.of(
                capture("big", true, 128, "m.f", "a.go", 10), escape("moved-to-heap", "big", "m.f", "a.go", 10, 2),
                // too small
                capture("small", true, 32, "m.g", "a.go", 20), escape("moved-to-heap", "small", "m.g", "a.go", 20, 2),
                // by value
                capture("copy", false, 128, "m.v", "a.go", 25), escape("moved-to-heap", "copy", "m.v", "a.go", 25, 2),
                // excluded by name
                capture("skip", true, 128, "m.s", "a.go", 30), escape("moved-to-heap", "skip", "m.s", "a.go", 30, 2),
                // not moved to heap (another variable is)
                capture("other", true, 128, "m.o", "a.go", 35), escape("moved-to-heap", "else", "m.o", "a.go", 35, 2),
                // an allocation in a loop of the same function: absent is required
                capture("loopy", true, 128, "m.h", "a.go", 40), escape("moved-to-heap", "loopy", "m.h", "a.go", 40, 2),
                call("runtime.newobject", "alloc", "m.h", "a.go", 44, true),
                // the same allocation outside a loop does not count
                capture("flat", true, 256, "m.k", "a.go", 50), escape("moved-to-heap", "flat", "m.k", "a.go", 50, 2),
                call("runtime.newobject", "alloc", "m.k", "a.go", 52, false));
        List<Finding> found = run(pack, facts);
        assertThat(found).extracting(f -> f.symbol() + " " + f.file() + ":" + f.line() + ":" + f.column() + " "
                        + f.severity() + " " + f.message())
                .containsExactly(
                        "m.f a.go:10:2 warning big (128 bytes) is captured by reference; owner team-a, min 64",
                        "m.k a.go:50:2 warning flat (256 bytes) is captured by reference; owner team-a, min 64");
        // evidence: the reported fact first, then the other matched facts
        assertThat(found.get(0).evidence()).extracting(e -> e.text())
                .containsExactly("./a.go:10:2: moved-to-heap big", "./a.go:10:2: f capturing by ref: big (addr=false assign=true width=128)");

        // the parameter is read at run time
        List<Finding> lower = RuleSet.build(List.of(pack), getClass().getClassLoader())
                .run(facts, Map.of("policies:min.width", 16));
        assertThat(lower).extracting(Finding::symbol).containsExactly("m.f", "m.g", "m.k");
    }

    @Test
    void anyNestedFieldsAndFieldsOfEarlierFacts() throws Exception {
        String yaml = """
                rules:
                  - id: leaks
                    severity: note
                    scope: function
                    summary: A parameter leaks to the heap
                    match:
                      - fact: escape
                        as: site
                        where:
                          duplicate: false
                          any:
                            - kind: leaking-param
                            - kind: leak
                              result: "{heap}"
                              level: 0
                      - not:
                          fact: escape
                          same-line: site
                          where:
                            col: {field: site.col}
                            evidence.input: escape-text
                            site.evidence.input: {not-equals: escape-text}
                    message: "leaking param: {{site.subject}} ({{site.evidence.input}})"
                """;
        Pack pack = PackLoader.load(PolicyPacks.yamlRule(tmp, "leaks", yaml));
        var textLeak = escape("leaking-param", "p", "m.a", "a.go", 3, 8);
        var jsonTwin = new dev.perfwarden.facts.escape.EscapeFact("leak", "p", "{heap}", 0, false, false, false,
                List.of(), List.of(), "m", "a", "m.a", "a.go", 3, 8, "source",
                PolicyPacks.ev("logopt-json", "{\"code\":\"leak\"}", 1));
        var jsonOnly = new dev.perfwarden.facts.escape.EscapeFact("leak", "q", "{heap}", 0, false, false, false,
                List.of(), List.of(), "m", "b", "m.b", "a.go", 9, 8, "source",
                PolicyPacks.ev("logopt-json", "{\"code\":\"leak\"}", 2));
        var deeper = new dev.perfwarden.facts.escape.EscapeFact("leak", "r", "{heap}", 1, false, false, false,
                List.of(), List.of(), "m", "c", "m.c", "a.go", 12, 8, "source",
                PolicyPacks.ev("logopt-json", "{\"code\":\"leak\"}", 3));
        var toResult = new dev.perfwarden.facts.escape.EscapeFact("leak", "s", "~r0", 0, false, false, false,
                List.of(), List.of(), "m", "d", "m.d", "a.go", 15, 8, "source",
                PolicyPacks.ev("logopt-json", "{\"code\":\"leak\"}", 4));
        List<Finding> found = run(pack, List.of(textLeak, jsonTwin, jsonOnly, deeper, toResult));
        assertThat(found).extracting(f -> f.symbol() + " " + f.message())
                .containsExactly("m.a leaking param: p (escape-text)",
                        "m.b leaking param: q (logopt-json)");
    }

    @Test
    void profileFactsThresholdsAndPercentFilter() throws Exception {
        String yaml = """
                rules:
                  - id: alloc-heavy
                    severity: warning
                    scope: none
                    summary: The allocator takes a large share of the CPU profile
                    match:
                      - fact: profile-summary
                        as: prof
                        where:
                          sampleType: cpu
                          allocatorShare: {">=": 0.1}
                          gcShare: {between: [0, 1]}
                    message: "allocator {{prof.allocatorShare | percent}} of CPU samples (limit 10 %)"
                  - id: hot-leak
                    severity: note
                    hotSeverity: warning
                    scope: function
                    summary: A leaking parameter in a hot function
                    doc: Inline documentation for a pack-level rule.
                    match:
                      - fact: escape
                        as: leak
                        where: {kind: leaking-param}
                      - fact: hot-function
                        same-function: leak
                        where:
                          sampleType: cpu
                          cumShare: {gt: 0.05}
                    message: "{{leak.subject}} leaks in {{hotFunction.symbol}} ({{hotFunction.cumShare | percent}})"
                """;
        Path dir = PolicyPacks.pack(tmp, "team.rules.yaml", yaml, "alloc-heavy/doc.md", "Folder doc wins.\n");
        Pack pack = PackLoader.load(dir);
        assertThat(pack.rules()).extracting(RuleInfo::id, RuleInfo::file, RuleInfo::line, RuleInfo::doc)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alloc-heavy", "team.rules.yaml", 2, "Folder doc wins.\n"),
                        org.assertj.core.groups.Tuple.tuple("hot-leak", "team.rules.yaml", 14,
                                "Inline documentation for a pack-level rule.\n"));
        List<Finding> found = run(pack, List.of(profile(0.25, 0.05), profile(0.05, 0.05),
                escape("leaking-param", "p", "m.hot", "a.go", 3, 8), hot("m.hot", 0.40),
                escape("leaking-param", "q", "m.cold", "a.go", 9, 8), hot("m.cold", 0.01)));
        assertThat(found).extracting(f -> f.rule() + " " + f.severity() + " " + f.message())
                .containsExactly( // ranked by cost: the leak's function takes 40 %, the profile-wide one has none
                        "hot-leak warning p leaks in m.hot (40.0 %)",
                        "alloc-heavy warning allocator 25.0 % of CPU samples (limit 10 %)");
    }

    @Test
    void valuesAreEscapedNotPastedIntoTheDrl() throws Exception {
        String nasty = "say \\\"hi\\\" \\\\ $x ${y} @{z} // /* */ end — µs";
        String yaml = """
                rules:
                  - id: nasty
                    severity: note
                    scope: none
                    summary: "SUMMARY"
                    match:
                      - fact: escape
                        where:
                          subject: {regex: "\\\\w+\\\\.x\\"?", not-equals: "end\\"); drop"}
                    message: "MESSAGE {{escape.subject}}"
                """.replace("SUMMARY", nasty).replace("MESSAGE", nasty);
        Pack pack = PackLoader.load(PolicyPacks.yamlRule(tmp, "nasty", yaml));
        String expected = "say \"hi\" \\ $x ${y} @{z} // /* */ end — µs";
        assertThat(pack.rules().get(0).summary()).isEqualTo(expected);
        List<Finding> found = run(pack, List.of(escape("escapes", "ab.x", "m.f", "a.go", 1, 1),
                escape("escapes", "ab.x\"", "m.f", "a.go", 2, 1), escape("escapes", "abx", "m.f", "a.go", 3, 1)));
        assertThat(found).extracting(Finding::message)
                .containsExactly(expected + " ab.x", expected + " ab.x\"");
    }

    @Test
    void generatedDrlIsReadableAndMapsBackToYamlLines() throws Exception {
        String yaml = """
                rules:
                  - id: boxed
                    severity: warning
                    summary: A value escapes through an interface
                    match:
                      - fact: escape
                        as: site
                        where:
                          kind: escapes
                          viaInterface: true
                          level: {between: [-1, {param: min.width}]}
                    message: "{{site.subject}} is boxed"
                """;
        Pack pack = PackLoader.load(PolicyPacks.yamlRule(tmp, "boxed", yaml));
        RuleSource src = pack.sources().get(0);
        assertThat(src.drl()).isEqualTo("""
                package perfwarden.packs.policies;

                import dev.perfwarden.engine.rule.Hits;
                import dev.perfwarden.facts.escape.EscapeFact;

                rule "boxed"
                    @severity(warning)
                    @summary("A value escapes through an interface")
                when
                    param("min.width", $param1;)
                    $site : EscapeFact(
                        kind == "escapes",
                        viaInterface == true,
                        level >= -1 && level <= $param1
                    )
                then
                    insert(Hits.hit(drools, $site, String.valueOf($site.subject()) + " is boxed", $site));
                end
                """);
        String[] drl = src.drl().split("\n");
        int[] expectYaml = {1, 1, 1, 1, 2, 2, 3, 4, 5, 11, 6, 9, 10, 11, 6, 12, 12, 12};
        for (int i = 0; i < drl.length; i++) {
            assertThat(src.lineMap().sourceLine(i + 1)).as("DRL line %d: %s", i + 1, drl[i]).isEqualTo(expectYaml[i]);
        }
    }

    @Test
    void existsItemsWordComparisonsAndNegations() throws Exception {
        String yaml = """
                rules:
                  - id: growth
                    severity: note
                    scope: function
                    summary: Growth calls in a function that also boxes
                    match:
                      - fact: runtime-call
                        as: call
                        where:
                          callee: {not-regex: ".*nocheck.*"}
                          category: {not-in: [alloc, boxing]}
                          line: {lt: 100, gte: 10}
                          evidence.text: {exists: true}
                      - exists:
                          fact: runtime-call
                          same-function: call
                          where: {category: boxing}
                      - not:
                          fact: escape
                          same-function: call
                          where: {kind: escapes, result: {exists: false}, subject: {regex: "skip.*"}}
                    message: "{{call.callee}} at line {{call.line}}"
                """;
        Pack pack = PackLoader.load(PolicyPacks.yamlRule(tmp, "growth", yaml));
        List<Finding> found = run(pack, List.of(
                call("runtime.growslice", "growslice", "m.a", "a.go", 20, true),
                call("runtime.growslice", "growslice", "m.a", "a.go", 21, true),
                call("runtime.convT64", "boxing", "m.a", "a.go", 30, false),
                call("runtime.convT64", "boxing", "m.a", "a.go", 31, false),
                // no boxing in m.b
                call("runtime.growslice", "growslice", "m.b", "a.go", 40, true),
                // out of the line range
                call("runtime.growslice", "growslice", "m.a", "a.go", 5, true),
                call("runtime.growslice_nocheck", "growslice", "m.a", "a.go", 50, true),
                // vetoed by an escape named skip…
                call("runtime.growslice", "growslice", "m.c", "a.go", 60, true),
                call("runtime.convT64", "boxing", "m.c", "a.go", 61, false),
                escape("escapes", "skipme", "m.c", "a.go", 62, 1),
                // …but not by another escape
                call("runtime.growslice", "growslice", "m.d", "a.go", 70, true),
                call("runtime.convT64", "boxing", "m.d", "a.go", 71, false),
                escape("escapes", "keep", "m.d", "a.go", 72, 1)));
        // exists: matched once per call, not once per boxing call
        assertThat(found).extracting(f -> f.symbol() + ":" + f.line() + " " + f.message())
                .containsExactly("m.a:20 runtime.growslice at line 20",
                        "m.a:21 runtime.growslice at line 21",
                        "m.d:70 runtime.growslice at line 70");
    }
}
