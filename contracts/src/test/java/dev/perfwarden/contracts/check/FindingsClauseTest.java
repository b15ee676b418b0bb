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

    /** The findings of {@code rule} in {@code r}: the reported ones and those folded into another rule's ones. */
    static long individual(AnalysisResult r, String rule) {
        return r.findings().stream().mapToLong(f -> (f.rule().equals(rule) ? 1 : 0)
                + f.related().stream().filter(x -> x.rule().equals(rule)).count()).sum();
    }

    @Test
    void atMostNFindingsOfARule() throws Exception {
        AnalysisResult plain = check("{rules: [leaking-param], max: 1000}", Options.defaults());
        long n = individual(plain, "leaking-param");
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
        Baseline every = Baseline.of(plain.findings().stream().filter(f -> !f.rule().startsWith("contract/")).toList(),
                "test-baseline.json");
        // a baseline holding all but one leaking-param finding: that one is new
        List<Baseline.Entry> entries = new java.util.ArrayList<>(every.entries());
        entries.remove(entries.stream().filter(e -> e.rule().equals("leaking-param")).findFirst().orElseThrow());
        Baseline allButOne = new Baseline("test-baseline.json", entries);
        Finding v = verdict(check("{rules: [leaking-param], new: none}", Options.defaults().withSuppressor(allButOne)));
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.message()).contains("violated: 1 new finding(s) not in the baseline");
        Finding met = verdict(check("{rules: [leaking-param], new: none}", Options.defaults().withSuppressor(every)));
        assertThat(met.severity()).isEqualTo(Severity.NOTE);
    }

    /**
     * attack5 probe 12: the clause counts every finding left after scope filters, comments and the baseline. A
     * finding folded into another rule's finding on its line counts; what a report shows (its severity floor,
     * --all, contract check's hiding of other rules) changes nothing.
     */
    @Test
    void countsFoldedFindingsWhateverTheReportShows() throws Exception {
        AnalysisResult plain = check("{rules: [leaking-param], max: 0}", Options.defaults());
        long leads = plain.findings().stream().filter(f -> f.rule().equals("leaking-param")).count();
        long n = individual(plain, "leaking-param");
        assertThat(n).as("some leaking-param findings are folded into another rule's").isGreaterThan(leads);
        String counted = "violated: " + n + " finding(s), limit 0 (leaking-param)";
        assertThat(verdict(plain).message()).contains(counted);
        assertThat(verdict(plain).evidence()).hasSize((int) n);
        // the text report's default floor hides notes, and leaking-param's findings are notes here
        assertThat(plain.findings()).filteredOn(f -> f.rule().equals("leaking-param"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
        for (Options shown : List.of(Options.defaults().withFilter(new dev.perfwarden.engine.analysis.NoteFilter()),
                Options.defaults().withMinSeverity(Severity.WARNING),
                Options.defaults().withFilter(new ContractCheck.OnlyVerdicts()))) {
            AnalysisResult r = check("{rules: [leaking-param], max: 0}", shown);
            assertThat(verdict(r).message()).as(shown.toString()).contains(counted);
            assertThat(r.exitCode()).isEqualTo(1);
        }
        // any rule: every individual finding of the run
        long all = plain.findings().stream().filter(f -> !f.rule().startsWith("contract/"))
                .mapToLong(f -> 1 + f.related().size()).sum();
        assertThat(verdict(check("{max: 0}", Options.defaults().withFilter(new ContractCheck.OnlyVerdicts())))
                .message()).contains("violated: " + all + " finding(s), limit 0 (any rule)");
    }
}
