package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.RuleSource;
import dev.perfwarden.facts.asm.AsmFunction;
import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSL path end to end: go-perf's {@code closure-capture-large/rule.dslr} (written in the pack's
 * {@code go-perf.dsl} sentences: a parameter, a closure capture, a join to the moved-to-heap result,
 * the text-over-json guard, a collect of allocation calls, and a severity that depends on them) and a
 * hand-written DRL twin ({@code closure-capture-large/twins/rule.drl}, in the rule folder) each run
 * alone in a pack that is go-perf in all but that rule, on the rule's real captures, with and without
 * the machine code, and must produce identical findings: severity, position, function, message,
 * evidence and fingerprint.
 */
class DslrDrlEquivalenceTest {
    private static final String RULE = "closure-capture-large";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, machine code: {1}")
    @CsvSource({"go1.23.5, true", "go1.23.5, false", "go1.26.8, true", "go1.26.8, false"})
    void dslrAndDrlFindTheSame(String capture, boolean machineCode) throws Exception {
        Path ruleDir = GoPerfPack.packDir().resolve(RULE);
        Path dslr = ruleDir.resolve("rule.dslr");
        Path drl = twin();

        Pack dslrPack = PackLoader.load(packWith("dslr", dslr));
        Pack drlPack = PackLoader.load(packWith("drl", drl));
        assertThat(dslrPack.sources()).extracting(RuleSource::language).containsExactly(RuleSource.Language.DSLR);
        assertThat(drlPack.sources()).extracting(RuleSource::language).containsExactly(RuleSource.Language.DRL);
        assertThat(dslrPack.sources().get(0).drl()).as("expanded DSLR").doesNotContain("captures a variable")
                .contains("ClosureCapture(byRef, width >= $minWidth)");

        InputReader.Result read = new InputReader().read(List.of(ruleDir.resolve("captures").resolve(capture).toString()),
                List.of(ruleDir.resolve("fixture")), InputStream.nullInputStream());
        List<Fact> facts = read.facts().stream()
                .filter(f -> machineCode || !(f instanceof RuntimeCall || f instanceof AsmFunction)).toList();

        List<Finding> fromDslr = RuleSet.build(List.of(dslrPack), getClass().getClassLoader()).run(facts, Map.of());
        List<Finding> fromDrl = RuleSet.build(List.of(drlPack), getClass().getClassLoader()).run(facts, Map.of());

        assertThat(fromDslr).as("DSLR findings").isNotEmpty();
        assertThat(fromDslr).extracting(Finding::line).containsExactly(18, 27);
        assertThat(fromDslr).extracting(Finding::severity)
                .containsOnly(machineCode ? Severity.WARNING : Severity.NOTE);
        assertThat(fromDrl).as("DRL twin findings").containsExactlyElementsOf(fromDslr);

        RuleInfo a = dslrPack.rules().get(0);
        RuleInfo b = drlPack.rules().get(0);
        assertThat(List.of(b.severity(), String.valueOf(b.hotSeverity()), b.scope(), b.summary(), b.tags(), b.inputs()))
                .isEqualTo(List.of(a.severity(), String.valueOf(a.hotSeverity()), a.scope(), a.summary(), a.tags(),
                        a.inputs()));
    }

    /** go-perf's pack.yaml and DSL with the one rule folder holding {@code source} and the rule's doc.md. */
    private Path packWith(String label, Path source) throws IOException {
        Path p = tmp.resolve(label).resolve("go-perf");
        Files.createDirectories(p.resolve(RULE));
        Files.copy(GoPerfPack.packDir().resolve("pack.yaml"), p.resolve("pack.yaml"));
        Files.copy(GoPerfPack.packDir().resolve("go-perf.dsl"), p.resolve("go-perf.dsl"));
        Files.copy(source, p.resolve(RULE).resolve(source.getFileName()));
        Files.copy(GoPerfPack.packDir().resolve(RULE).resolve("doc.md"), p.resolve(RULE).resolve("doc.md"));
        return p;
    }

    private static Path twin() {
        return GoPerfPack.packDir().resolve(RULE).resolve(PackLoader.TWINS).resolve("rule.drl");
    }
}
