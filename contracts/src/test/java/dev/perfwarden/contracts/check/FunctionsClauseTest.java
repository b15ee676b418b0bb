package dev.perfwarden.contracts.check;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.contract.BenchComparison;
import dev.perfwarden.facts.contract.FindingsLimit;
import dev.perfwarden.facts.contract.FunctionLimit;
import dev.perfwarden.facts.contract.RegressionLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The functions clause on the real compiler output of examples/orders (examples/captured/orders: -m=2,
 * -d=ssa/check_bce/debug=1 and objdump of Go 1.26.8): each requirement is met by a function that keeps it
 * (pricing.Tax.Apply: inlinable, nothing escapes, no bounds check, no runtime call) and violated by one
 * that breaks it; without the input it needs it is unverified.
 */
class FunctionsClauseTest {
    static final Path ORDERS = Checks.ROOT.resolve("examples/captured/orders");

    static AnalysisResult check(String body, Path... inputs) throws Exception {
        return Checks.run("service: orders\nclauses:\n  - name: fn\n    functions: " + body + "\n", null, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // requirement         | broken by                     | evidence in the message
            "inline: required      | '\\(\\*Engine\\)\\.Price$'    | 'cannot be inlined (function too complex: cost 236 exceeds budget 80)'",
            "escapes: none         | 'pricing\\.DefaultEngine$'     | 'escapes to heap:'",
            "bounds-checks: none   | 'pricing\\.PercentOff\\.Apply$' | 'pricing.go:51'",
            "allocs: none          | '\\(\\*Engine\\)\\.Price$'    | 'calls runtime.growslice'",
    })
    void metByTaxApplyAndBrokenByAnother(String requirement, String broken, String evidence) throws Exception {
        Path[] inputs = {ORDERS.resolve("m2.txt"), ORDERS.resolve("bce.txt"), ORDERS.resolve("objdump.txt")};
        AnalysisResult ok = check("{symbol: 'pricing\\.Tax\\.Apply$', " + requirement + "}", inputs);
        assertThat(ok.findings()).as("met: %s", ok.findings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
        assertThat(ok.findings().get(0).message()).contains("met");
        assertThat(ok.exitCode()).isZero();

        AnalysisResult bad = check("{symbol: '" + broken + "', " + requirement + "}", inputs);
        assertThat(bad.exitCode()).isEqualTo(1);
        Finding f = bad.findings().stream().filter(x -> x.severity() == Severity.ERROR).findFirst().orElseThrow();
        assertThat(f.rule()).isEqualTo("contract/orders/fn");
        assertThat(f.location()).startsWith("contracts/test.yaml:4:");
        assertThat(f.message()).contains("violated").contains(evidence);
        assertThat(f.evidence()).isNotEmpty();
        assertThat(bad.findings()).noneMatch(x -> x.severity() == Severity.NOTE);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource(delimiter = '|', value = {
            "allocs: none        | m2.txt",
            "bounds-checks: none | m2.txt",
            "inline: required    | objdump.txt",
            "escapes: none       | objdump.txt",
    })
    void unverifiedWithoutTheInputItNeeds(String requirement, String only) throws Exception {
        AnalysisResult r = check("{symbol: 'pricing\\.Tax\\.Apply$', " + requirement + "}", ORDERS.resolve(only));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("unverified");
        });
    }

    /**
     * attack5 probe 03: a repository's contract pattern that backtracks ({@code (.|.){1,200}!}: with Java's engine
     * seconds on a 26-character symbol, minutes on 30) is matched in linear time by every clause kind, and the
     * clause over the real orders output is judged at once (unverified: no function matches).
     */
    @Test
    void backtrackingPatternsRunInLinearTime() throws Exception {
        String evil = "(.|.){1,200}!";
        String symbol = "dev.perfwarden/examples/orders/pricing.(*Engine).PriceAll.func1";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(new FunctionLimit("s", "c", evil, "inline", "contract", "", 0, 0, "f", 1, 1).selects(symbol))
                    .isFalse();
            assertThat(new FindingsLimit("s", "c", List.of(), evil, 0, false, "f", 1, 1).counts("r", symbol)).isFalse();
            assertThat(new RegressionLimit("s", "c", evil, List.of(), 0.05, 0, "f", 1, 1).selects(
                    new BenchComparison("p", "X-2", symbol, "sec/op", 1, 1, 0, 1, 1, 5, 5, false, true, List.of()))).isFalse();
            AnalysisResult r = check("{symbol: '" + evil + "', inline: required}", ORDERS.resolve("m2.txt"));
            assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("unverified"));
        });
    }
}
