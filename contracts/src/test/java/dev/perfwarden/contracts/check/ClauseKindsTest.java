package dev.perfwarden.contracts.check;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every clause kind passes on a real capture that meets it and fails on one that breaks it (bench:
 * BenchClauseTest). Captures: examples/captured/orders-load (orders serve under k6: k6 summaries,
 * timed scrapes, query_range, gctrace) and examples/captured/orders-batch (the batch mode's gctrace:
 * growing heap, GC CPU 6-11 %).
 */
class ClauseKindsTest {
    static final Path LOAD = Checks.ROOT.resolve("examples/captured/orders-load");
    static final Path BATCH = Checks.ROOT.resolve("examples/captured/orders-batch");

    static AnalysisResult check(String clauseBody, Path... inputs) throws Exception {
        return Checks.run("service: orders\nclauses:\n  - name: c\n" + clauseBody, null, inputs);
    }

    static Severity verdict(AnalysisResult r) {
        assertThat(r.findings()).as("one verdict per limit").isNotEmpty();
        return r.findings().stream().map(Finding::severity).reduce((a, b) -> a.atLeast(b) ? a : b).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // clause body (YAML, \n-separated)                                        | met on | broken on | limit cap
            "latency k6+prom p95    | '    latency: {operation: \"route:/orders\", p95: 120ms}'  | 'latency: {operation: \"route:/orders\", p95: 0.2ms}'",
            "latency k6 p99 overall | '    latency: {p99: 500ms}'                               | 'latency: {p99: 1ms}'",
            "latency for: series    | '    latency: {operation: \"route:/orders\", p95: 50ms, for: 20s, series: prom-p95-*.json}' | 'latency: {operation: \"route:/orders\", p95: 0.1ms, for: 10s, series: prom-p95-*.json}'",
            "memory growth          | '    memory: {growth: 15MB/min}'                          | 'memory: {growth: 10KB/min}'",
            "gc cycles              | '    gc: {cycles: 1000/min}'                              | 'gc: {cycles: 10/min}'",
            "gc pause               | '    gc: {pause-max: 200ms}'                              | 'gc: {pause-max: 0.5ms}'",
    })
    void serverCaptures(String name, String met, String broken) throws Exception {
        AnalysisResult ok = check(met.replace("\\n", "\n") + "\n", LOAD);
        assertThat(verdict(ok)).as("met: %s", ok.findings()).isEqualTo(Severity.NOTE);
        assertThat(ok.exitCode()).isZero();
        AnalysisResult bad = check("    " + broken + "\n", LOAD);
        assertThat(verdict(bad)).as("broken: %s", bad.findings()).isEqualTo(Severity.ERROR);
        assertThat(bad.exitCode()).isEqualTo(1);
        Finding f = bad.findings().stream().filter(x -> x.severity() == Severity.ERROR).findFirst().orElseThrow();
        assertThat(f.rule()).isEqualTo("contract/orders/c");
        assertThat(f.message()).contains("violated");
        assertThat(f.location()).startsWith("contracts/test.yaml:4:");
        assertThat(f.evidence()).isNotEmpty().allSatisfy(e -> assertThat(e.at().format()).contains("orders-load/"));
    }

    @Test
    void memoryAndGcCpuBrokenByTheBatchRun() throws Exception {
        String body = "    memory: {growth: 15MB/min, live-max: 64MB}\n  - name: g\n    gc: {cpu: 5%}\n";
        AnalysisResult server = check(body, LOAD.resolve("gctrace.log"));
        assertThat(server.findings()).extracting(Finding::severity).containsOnly(Severity.NOTE).hasSize(3);
        AnalysisResult batch = check(body, BATCH.resolve("gctrace.log"));
        assertThat(batch.findings()).extracting(Finding::severity).containsOnly(Severity.ERROR).hasSize(3);
        assertThat(batch.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("heap live-max is 116MB, limit 64MB"))
                .anySatisfy(m -> assertThat(m).contains("GC cpu is 9%, limit 5%"));
    }

    @Test
    void exactMessageOfAViolatedK6Percentile() throws Exception {
        AnalysisResult r = check("    latency: {operation: \"route:/orders\", p95: 1ms}\n", LOAD.resolve("k6-summary-export.json"));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("contract contract/orders/c violated: p95 of route:/orders is 7.51ms, limit 1ms"
                    + " (measured by http_req_duration in " + LOAD.resolve("k6-summary-export.json") + ")");
            assertThat(f.evidence().get(0).at().format()).endsWith("k6-summary-export.json:92");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "latency | '    latency: {operation: \"route:/checkout\", p95: 120ms}'",
            "series  | '    latency: {p95: 120ms, for: 1m, series: nothing-*.json}'",
            "memory  | '    memory: {live-max: 64MB}'",
            "gc      | '    gc: {cycles: 3/min}'",
            "bench   | '    bench: {benchmark: Parse, max: {allocs/op: 10}}'",
    })
    void nothingToCheckIsUnverifiedNeverPassing(String name, String body) throws Exception {
        Path onlyK6 = LOAD.resolve("k6-handle-summary.json");
        AnalysisResult r = check(body + "\n", onlyK6);
        assertThat(r.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("unverified");
        });
        assertThat(r.exitCode()).isZero();
    }
}
