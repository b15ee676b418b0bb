import dev.perfwarden.debt.DebtLedger;
import dev.perfwarden.debt.DebtService;
import dev.perfwarden.debt.DebtStore;
import dev.perfwarden.debt.DebtWeights;
import dev.perfwarden.debt.Report;
import dev.perfwarden.debt.ReportReader;
import dev.perfwarden.debt.RunInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * bench/debt.sh: records N runs (the three real orders reports in turn, 84-88 findings each) into a fresh
 * database in-process, then times debt show and debt board over them. Prints the figures; no assertion.
 * Usage: java -cp cli/target/perfwarden.jar bench/debt/DebtBench.java DB N REPORT...
 */
public class DebtBench {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        int n = Integer.parseInt(args[1]);
        List<Report> reports = java.util.Arrays.stream(args).skip(2).map(a -> ReportReader.read(Path.of(a))).toList();
        Map<String, String> env = Map.of();
        long t0 = System.nanoTime();
        DebtStore store = DebtStore.open(db, env);
        long opened = System.nanoTime();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long findings = 0;
        for (int i = 0; i < n; i++) {
            Report r = reports.get(i % reports.size());
            store.record(new RunInfo("svc" + (i % 4), "c" + i, "main", start.plusSeconds(3600L * i), ""), r);
            findings += r.findings().size();
        }
        long recorded = System.nanoTime();
        DebtLedger.View v = DebtService.show(db, env, null, null, null, DebtWeights.DEFAULTS);
        long shown = System.nanoTime();
        Path out = Files.createTempFile("board", ".html");
        DebtService.board(db, env, null, null, DebtWeights.DEFAULTS, "bench", out);
        long boarded = System.nanoTime();
        System.out.printf("%s: open+migrate %.0f ms; record %d runs (%d findings) %.0f ms = %.1f ms/run; "
                        + "show over %d runs %.0f ms; board %.0f ms (%d KiB)%n", db.startsWith("jdbc:postgresql") ? "postgresql" : "sqlite",
                (opened - t0) / 1e6, n, findings, (recorded - opened) / 1e6, (recorded - opened) / 1e6 / n,
                v.runs().size(), (shown - recorded) / 1e6, (boarded - shown) / 1e6, Files.size(out) / 1024);
        Files.delete(out);
    }
}
