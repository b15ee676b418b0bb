package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.gate.Gate;
import dev.perfwarden.engine.gate.GateResult;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Fingerprints;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.core.Fact;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisTest {
    static final String F = "example.com/m.box";

    static Finding finding(Severity s) {
        return Finding.of("r", "p@1.0.0", s, F, "a.go", 1, 1, "m", List.of());
    }

    @Test
    void gateFailsAtOrAboveTheThreshold() {
        List<Finding> warn = List.of(finding(Severity.NOTE), finding(Severity.WARNING));
        assertThat(Gate.evaluate(warn, FailOn.ERROR)).isEqualTo(GateResult.PASS);
        assertThat(Gate.evaluate(warn, FailOn.WARNING)).isEqualTo(GateResult.FAIL);
        assertThat(Gate.evaluate(warn, FailOn.NOTE)).isEqualTo(GateResult.FAIL);
        assertThat(Gate.evaluate(List.of(finding(Severity.ERROR)), FailOn.NONE)).isEqualTo(GateResult.PASS);
        assertThat(Gate.evaluate(List.of(), FailOn.NOTE)).isEqualTo(GateResult.PASS);
        assertThat(GateResult.FAIL.exitCode()).isEqualTo(ExitCodes.GATE_FAILED).isEqualTo(1);
        assertThat(GateResult.PASS.exitCode()).isEqualTo(ExitCodes.OK).isEqualTo(0);
        assertThat(ExitCodes.USAGE).isEqualTo(2);
        assertThat(ExitCodes.INTERNAL).isEqualTo(70);
        assertThat(ExitCodes.descriptions()).containsOnlyKeys("0", "1", "2", "3", "70");
        assertThat(FailOn.byId("Warning")).contains(FailOn.WARNING);
    }

    @Test
    void oneCallFromFactsToResultWithHiddenCountsAndGate() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        List<Fact> facts = List.of(
                TestPacks.boxed(F, "box.go", 12, 9, 16),
                TestPacks.boxed(F, "box.go", 13, 9, 16),
                TestPacks.leak(F, "box.go", 3, "p"));
        Options opts = Options.defaults().withFailOn(FailOn.WARNING)
                .withMinSeverity(Severity.WARNING)
                .withFilter(f -> f.line() == 13 ? "baseline" : null)
                .withParams(Map.of("box.minWidth", 8));
        AnalysisResult r = Analysis.run(facts, List.of(), rules, opts);
        assertThat(r.findings()).extracting(Finding::line).containsExactly(12);
        assertThat(r.summary().hidden()).containsExactly(Map.entry("severity", 1), Map.entry("baseline", 1));
        assertThat(r.summary().gate()).isEqualTo(GateResult.FAIL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.packs()).extracting(PackInfo::id).containsExactly("testpack");
        assertThat(r.rules()).hasSize(3);
        assertThat(r.tool().name()).isEqualTo("perfwarden");
        assertThat(r.tool().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void findingsHiddenByPlaceAreCountedAndTheShownKeepTheirFingerprints() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        List<Fact> facts = List.of(
                TestPacks.boxed(F, "box.go", 12, 9, 16),
                TestPacks.boxed(F, "/usr/local/go/src/fmt/print.go", 40, 9, 16),
                TestPacks.boxed(F, "/usr/local/go/src/fmt/scan.go", 41, 9, 16),
                TestPacks.boxed(F, "box_test.go", 7, 9, 16),
                TestPacks.leak(F, "box.go", 3, "p"));
        Options opts = Options.defaults().withFilter(new ExternalCodeFilter()).withFilter(new TestCodeFilter());
        AnalysisResult r = Analysis.run(facts, List.of(), rules, opts);
        assertThat(r.summary().hidden()).containsExactly(Map.entry("external", 2), Map.entry("tests", 1));
        // the same findings, every one fingerprinted (the run nothing is hidden from)
        Map<String, String> eager = new java.util.HashMap<>();
        rules.run(facts, Map.of()).forEach(f -> eager.put(f.file() + ":" + f.line() + " " + f.rule(), f.fingerprint()));
        assertThat(eager.values()).hasSize(5).allSatisfy(fp -> assertThat(fp).hasSize(64));
        assertThat(r.findings()).hasSize(2).allSatisfy(f -> assertThat(f.fingerprint())
                .isEqualTo(eager.get(f.file() + ":" + f.line() + " " + f.rule())));
        // what the run hides by place is left without one
        assertThat(rules.run(facts, Map.of(), Analysis.hiddenByPlace(opts)))
                .filteredOn(f -> !f.file().equals("box.go")).hasSize(3)
                .allSatisfy(f -> assertThat(f.fingerprint()).isEqualTo(Fingerprints.LATER));
    }
}
