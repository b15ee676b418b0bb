package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.RuleSource;
import dev.perfwarden.engine.ruletest.Annotations;
import dev.perfwarden.engine.ruletest.RuleTestResult;
import dev.perfwarden.engine.ruletest.RuleTestRunner;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One go-perf rule, three policy languages, identical behaviour: the pack's own rule source (DSLR over
 * go-perf.dsl), a hand-written DRL twin and a YAML twin (the rule folder's {@code twins/}, which the pack loader never reads) each
 * run alone in a pack that is go-perf in all but that one rule, on the rule's real capture with its
 * fixture sources, and must produce the same findings (severity, position, function, message, evidence,
 * fingerprint) and the same catalogue entry; and the YAML twin passes the fixture's annotations.
 */
class PolicyLanguagesTest {
    private static final Path GO_PERF = Path.of("packs/go-perf");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaking-param", "inline-noinline-pragma"})
    void drlDslrAndYamlFindTheSame(String rule) throws Exception {
        Path ruleDir = GO_PERF.resolve(rule);
        Path own = Files.list(ruleDir).filter(p -> p.getFileName().toString().startsWith("rule.")).findFirst()
                .orElseThrow();
        Path twins = twins(rule);
        Map<String, Path> sources = new LinkedHashMap<>();
        sources.put("go-perf " + own.getFileName(), own);
        sources.put("drl twin", twins.resolve("rule.drl"));
        sources.put("yaml twin", twins.resolve("rule.rules.yaml"));
        if (Files.exists(twins.resolve("rule.dslr"))) {
            // the pack keeps this rule in YAML; its DSLR form lives beside the twins
            sources.put("dslr twin", twins.resolve("rule.dslr"));
        }

        Path capture = ruleDir.resolve("captures/go1.26.8");
        Path fixture = ruleDir.resolve("fixture");
        InputReader.Result read = new InputReader().read(List.of(capture.toString()), List.of(fixture),
                InputStream.nullInputStream());

        Map<String, List<Finding>> found = new LinkedHashMap<>();
        Map<String, RuleInfo> infos = new LinkedHashMap<>();
        Map<String, RuleSet> sets = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : sources.entrySet()) {
            Pack pack = PackLoader.load(packWith(e.getKey(), rule, e.getValue()));
            assertThat(pack.rules()).extracting(RuleInfo::id).containsExactly(rule);
            RuleSet rs = RuleSet.build(List.of(pack), getClass().getClassLoader());
            sets.put(e.getKey(), rs);
            found.put(e.getKey(), rs.run(read.facts(), Map.of()));
            infos.put(e.getKey(), pack.rules().get(0));
        }
        List<Finding> reference = found.get("go-perf " + own.getFileName());
        assertThat(reference).as("findings of the go-perf rule").isNotEmpty();
        found.forEach((k, v) -> assertThat(v).as(k).containsExactlyElementsOf(reference));
        RuleInfo ri = infos.get("go-perf " + own.getFileName());
        infos.forEach((k, v) -> assertThat(List.of(v.severity(), String.valueOf(v.hotSeverity()), v.scope(),
                v.summary(), v.tags(), v.inputs())).as(k).isEqualTo(List.of(ri.severity(),
                String.valueOf(ri.hotSeverity()), ri.scope(), ri.summary(), ri.tags(), ri.inputs())));
        assertThat(sets.get("yaml twin").packs().get(0).sources()).extracting(RuleSource::language)
                .containsExactly(RuleSource.Language.YAML);

        // and the YAML twin passes the fixture's // want and // ok annotations
        List<RuleTestResult> results = new RuleTestRunner(sets.get("yaml twin"), Map.of())
                .test(rule, fixture, Annotations.read(fixture), capture);
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(String.join("\n", r.mismatches())).isTrue());
        assertThat(results.get(0).found()).isPositive();
    }

    /** go-perf's pack.yaml and DSL, with one rule folder holding {@code source} (as rule.drl/.dslr/.rules.yaml). */
    private Path packWith(String label, String rule, Path source) throws IOException {
        Path p = tmp.resolve(label.replace(' ', '_')).resolve("go-perf");
        Files.createDirectories(p.resolve(rule));
        Files.copy(GO_PERF.resolve("pack.yaml"), p.resolve("pack.yaml"));
        Files.copy(GO_PERF.resolve("go-perf.dsl"), p.resolve("go-perf.dsl"));
        Files.copy(source, p.resolve(rule).resolve(source.getFileName()));
        Path doc = GO_PERF.resolve(rule).resolve("doc.md");
        if (Files.exists(doc)) {
            Files.copy(doc, p.resolve(rule).resolve("doc.md"));
        } else {
            Files.writeString(p.resolve(rule).resolve("doc.md"), "(doc.md not written yet)\n");
        }
        return p;
    }

    private static Path twins(String rule) {
        return GO_PERF.resolve(rule).resolve(PackLoader.TWINS);
    }
}
