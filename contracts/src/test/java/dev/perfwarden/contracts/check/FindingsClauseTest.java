package dev.perfwarden.contracts.check;

import dev.perfwarden.contracts.spec.ContractLoader;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.suppress.Baseline;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings clause counts what the go-perf pack reports on the real compiler output of examples/orders
 * (examples/captured/orders/m2.txt): met when the limit is at least the count, violated below it, and with
 * {@code new: none} judged against a baseline (unverified without one).
 */
class FindingsClauseTest {
    static RuleSet rules;
    static InputReader.Result read;

    @BeforeAll
    static void load() throws Exception {
        ClassLoader cl = FindingsClauseTest.class.getClassLoader();
        rules = RuleSet.build(List.of(PackLoader.loadBuiltin(cl, "go-perf"), ContractCheck.pack(cl)));
        read = new InputReader().read(List.of(Checks.ROOT.resolve("examples/captured/orders/m2.txt").toString()),
                new ByteArrayInputStream(new byte[0]));
    }

    static AnalysisResult check(String body, Options o) throws Exception {
        var c = ContractLoader.parse("service: orders\nclauses:\n  - name: few\n    findings: " + body + "\n",
                "contracts/test.yaml");
        return ContractCheck.run(List.of(c), read.facts(), read.inputs(), List.of(), rules, o);
    }

    static Finding verdict(AnalysisResult r) {
        return r.findings().stream().filter(f -> f.rule().equals("contract/orders/few")).reduce((a, b) -> {
            throw new AssertionError("two verdicts: " + a + " and " + b);
        }).orElseThrow();
    }

    @Test
    void atMostNFindingsOfARule() throws Exception {
        AnalysisResult plain = check("{rules: [leaking-param], max: 1000}", Options.defaults());
        long n = plain.findings().stream().filter(f -> f.rule().equals("leaking-param")).count();
        assertThat(n).as("leaking-param reports on orders").isGreaterThan(1);
        Finding met = verdict(plain);
        assertThat(met.severity()).isEqualTo(Severity.NOTE);
        assertThat(met.message()).contains("met: " + n + " finding(s), limit 1000");

        AnalysisResult broken = check("{rules: [leaking-param], max: " + (n - 1) + "}", Options.defaults());
        Finding v = verdict(broken);
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.message()).contains("violated: " + n + " finding(s), limit " + (n - 1)).contains("leaking-param at ");
        assertThat(v.location()).startsWith("contracts/test.yaml:4:");
        assertThat(v.evidence()).hasSize((int) n);
        assertThat(broken.exitCode()).isEqualTo(1);

        // a package pattern no function matches counts nothing
        assertThat(verdict(check("{rules: [leaking-param], package: 'nowhere/', max: 0}", Options.defaults())).severity())
                .isEqualTo(Severity.NOTE);
    }

    @Test
    void noneNewAgainstTheBaseline() throws Exception {
        assertThat(verdict(check("{rules: [leaking-param], new: none}", Options.defaults())).severity())
                .as("no baseline: unverified").isEqualTo(Severity.WARNING);
        AnalysisResult plain = check("{rules: [leaking-param], max: 1000}", Options.defaults());
        List<Finding> lp = plain.findings().stream().filter(f -> f.rule().equals("leaking-param")).toList();
        // a baseline holding all but one leaking-param finding: that one is new
        Baseline all = Baseline.of(lp.subList(1, lp.size()), "test-baseline.json");
        Finding v = verdict(check("{rules: [leaking-param], new: none}", Options.defaults().withSuppressor(all)));
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.message()).contains("violated: 1 new finding(s) not in the baseline");
        Finding met = verdict(check("{rules: [leaking-param], new: none}", Options.defaults().withSuppressor(Baseline.of(lp, "test-baseline.json"))));
        assertThat(met.severity()).isEqualTo(Severity.NOTE);
    }
}
