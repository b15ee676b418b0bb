package dev.perfwarden.contracts.check;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** bench clauses on the real base/head pair (examples/captured/orders-bench): head allocates in the pricing loop. */
class BenchClauseTest {
    static final Path PAIR = Checks.ROOT.resolve("examples/captured/orders-bench");
    static final String CONTRACT = """
            service: orders
            packages: [example.com/orders]
            clauses:
              - name: pipeline-max
                bench:
                  benchmark: Pipeline
                  max: {B/op: %s, allocs/op: %s}
              - name: no-regression
                bench:
                  - benchmark: "Pipeline|Price"
                    no-regression: {alpha: 0.05, min-delta: 5%%, units: [B/op, allocs/op]}
            """;

    @Test
    void headBreaksMaximaAndRegressesAgainstBase() throws Exception {
        AnalysisResult r = Checks.run(CONTRACT.formatted("200KB", "2500"), PAIR.resolve("base.txt"), PAIR.resolve("head.txt"));
        assertThat(Checks.of(r, "pipeline-max", Severity.ERROR)).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("B/op of Pipeline is 220KB, limit 200KB"))
                .anySatisfy(m -> assertThat(m).contains("allocs/op of Pipeline is 3000, limit 2500"));
        // one finding per benchmark and unit: B/op and allocs/op regressed in both, each its own verdict
        assertThat(Checks.of(r, "no-regression", Severity.ERROR)).extracting(x -> x.symbol() + " "
                        + x.message().replaceFirst(".* violated: \\S+ (\\S+) .*", "$1"))
                .containsExactlyInAnyOrder("example.com/orders.BenchmarkPipeline B/op",
                        "example.com/orders.BenchmarkPipeline allocs/op",
                        "example.com/orders/internal/pricing.BenchmarkPrice B/op",
                        "example.com/orders/internal/pricing.BenchmarkPrice allocs/op");
        Finding f = Checks.of(r, "no-regression", Severity.ERROR).get(0);
        assertThat(f.rule()).isEqualTo("contract/orders/no-regression");
        assertThat(f.file()).isEqualTo("contracts/test.yaml");
        assertThat(f.line()).isEqualTo(11); // the no-regression key
        assertThat(f.evidence()).extracting(e -> e.at().format()).allMatch(s -> s.contains("orders-bench/"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void baseMeetsItsOwnContract() throws Exception {
        AnalysisResult r = Checks.run(CONTRACT.formatted("200KB", "2500"), PAIR.resolve("base.txt"), PAIR.resolve("base.txt"));
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
        assertThat(Checks.of(r, "pipeline-max", Severity.NOTE)).hasSize(2);
        assertThat(Checks.of(r, "no-regression", Severity.NOTE)).hasSize(1);
        assertThat(r.exitCode()).isEqualTo(0);
    }

    @Test
    void withoutBaseTheRegressionClauseIsUnverified() throws Exception {
        AnalysisResult r = Checks.run(CONTRACT.formatted("300KB", "3500"), null, PAIR.resolve("head.txt"));
        assertThat(Checks.of(r, "no-regression", Severity.WARNING)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("unverified"));
        assertThat(Checks.of(r, "pipeline-max", Severity.NOTE)).hasSize(2);
        assertThat(r.exitCode()).isEqualTo(0);
    }
}
