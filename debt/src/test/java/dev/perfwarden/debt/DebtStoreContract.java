package dev.perfwarden.debt;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the debt store and ledger must do on every database: run by {@link SqliteDebtStoreTest} and
 * {@link PostgresDebtStoreTest} on a fresh database each.
 */
abstract class DebtStoreContract {
    static final Instant T1 = Instant.parse("2026-11-02T10:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-16T10:00:00Z");
    static final Instant T3 = Instant.parse("2026-11-30T10:00:00Z");

    /** A JDBC URL or file of a new, empty database. */
    abstract String freshDb() throws Exception;

    static RunInfo run(String service, String commit, Instant at) {
        return new RunInfo(service, commit, "main", at, "https://ci.example/" + commit + "/report.json");
    }

    /** Three recorded runs of orders: v1 (aaaa…), v2 with debt fixed (bbbb…), v3 with debt added (cccc…). */
    String threeRuns() throws Exception {
        String db = freshDb();
        DebtStore store = DebtStore.open(db, Map.of());
        store.record(run("orders", "aaaa111122223333", T1), Reports.read(Reports.V1));
        store.record(run("orders", "bbbb111122223333", T2), Reports.read(Reports.V2));
        store.record(run("orders", "cccc111122223333", T3), Reports.read(Reports.V3));
        return db;
    }

    @Test
    void aRecordedRunReadsBackAsTheReportGaveIt() throws Exception {
        String db = freshDb();
        Report report = Reports.read(Reports.CONTRACT);
        DebtStore store = DebtStore.open(db, Map.of());
        long id = store.record(run("orders", "abc123", T1), report);

        List<RunRow> runs = DebtStore.open(db, Map.of()).runs(null, null);
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.info()).isEqualTo(run("orders", "abc123", T1));
            assertThat(r.findings()).isEqualTo(report.findings().size());
            assertThat(r.toolVersion()).isEqualTo("0.1.0");
        });
        assertThat(store.findings(List.of(id)).get(id)).containsExactlyInAnyOrderElementsOf(report.findings());
        assertThat(store.contracts(id)).containsExactlyInAnyOrderElementsOf(report.contracts()).isNotEmpty();
    }

    @Test
    void showCountsOpenNewAndFixedPerRule() throws Exception {
        String db = threeRuns();
        DebtLedger.View sinceV1 = DebtService.show(db, Map.of(), "orders", null, "aaaa1111", DebtWeights.DEFAULTS);
        DebtLedger.ServiceDebt s = sinceV1.services().get(0);
        assertThat(s.head().info().commit()).startsWith("cccc");
        assertThat(s.baseline().info().commit()).startsWith("aaaa");
        assertThat(s.open()).isEqualTo(Reports.read(Reports.V3).findings().size());
        // v2 preallocates ParseOrder's lines and builds FormatOrder's string with a strings.Builder
        assertThat(rule(s, "growslice-in-loop").fixed()).isPositive();
        assertThat(rule(s, "string-concat-in-loop").fixed()).isGreaterThanOrEqualTo(2);
        // the same, said by date: the last run before 2026-11-10 is v1
        DebtLedger.ServiceDebt byDate = DebtService.show(db, Map.of(), null, null, "2026-11-10", DebtWeights.DEFAULTS)
                .services().get(0);
        assertThat(byDate).isEqualTo(s);

        // by default the latest run is compared with the one before: v3 adds fmt.Sprintf to parseItem
        DebtLedger.ServiceDebt last = DebtService.show(db, Map.of(), null, null, null, DebtWeights.DEFAULTS)
                .services().get(0);
        assertThat(last.baseline().info().commit()).startsWith("bbbb");
        List<RunFinding> added = DebtLedger.diff(findingsOf(db, last.head()), findingsOf(db, last.baseline())).added();
        assertThat(added).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("interface-escape");
            assertThat(f.function()).endsWith(".parseItem");
            assertThat(f.where()).isEqualTo("order.go:81"); // the added fmt.Sprintf line
        });
        assertThat(rule(last, "interface-escape").added()).isGreaterThanOrEqualTo(1);
        assertThat(last.added()).isEqualTo(added.size());
        assertThat(last.rules().stream().mapToInt(DebtLedger.RuleDebt::added).sum()).isEqualTo(last.added());
    }

    @Test
    void pointsFollowTheWeights() throws Exception {
        String db = threeRuns();
        long errors = Reports.read(Reports.V3).findings().stream().filter(f -> f.severity().equals("error")).count();
        DebtLedger.ServiceDebt onlyErrors = DebtService.show(db, Map.of(), null, null, null,
                new DebtWeights(1, 0, 0, 0)).services().get(0);
        assertThat(onlyErrors.points()).isEqualTo((double) errors);
        DebtLedger.ServiceDebt withCost = DebtService.show(db, Map.of(), null, null, null,
                new DebtWeights(1, 0, 0, 1)).services().get(0);
        assertThat(withCost.points()).isGreaterThan(onlyErrors.points()); // errors measured on hot lines cost more
    }

    @Test
    void twoRecordersAtOnceLoseNothing() throws Exception {
        String db = freshDb();
        Report report = Reports.read(Reports.V1);
        int perRecorder = 15;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> jobs = new ArrayList<>();
            for (String service : List.of("orders", "billing")) {
                Callable<List<Long>> job = () -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perRecorder; i++) {
                        // each recording opens the store as a CI job's process would: its own connections
                        ids.add(DebtStore.open(db, Map.of()).record(run(service, "c" + i, T1.plusSeconds(i)), report));
                    }
                    return ids;
                };
                jobs.add(pool.submit(job));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<List<Long>> j : jobs) {
                ids.addAll(j.get());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(2 * perRecorder);
            DebtStore store = DebtStore.open(db, Map.of());
            assertThat(store.runs(null, null)).hasSize(2 * perRecorder)
                    .allSatisfy(r -> assertThat(r.findings()).isEqualTo(report.findings().size()));
            assertThat(store.runs("billing", null)).hasSize(perRecorder);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownSinceCommitIsAnError() throws Exception {
        String db = threeRuns();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DebtService.show(db, Map.of(), null, null, "dddd9999",
                DebtWeights.DEFAULTS)).isInstanceOf(DebtException.class)
                .hasMessage("--since dddd9999: no recorded run is of a commit starting with it");
    }

    static DebtLedger.RuleDebt rule(DebtLedger.ServiceDebt s, String rule) {
        return s.rules().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow(() -> new AssertionError(
                "no row for " + rule + " in " + s.rules()));
    }

    private static List<RunFinding> findingsOf(String db, RunRow run) {
        return DebtStore.open(db, Map.of()).findings(List.of(run.id())).get(run.id());
    }
}
