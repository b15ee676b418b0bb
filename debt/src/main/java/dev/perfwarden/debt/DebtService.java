package dev.perfwarden.debt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code perfwarden debt record|show|board} do; the CLI only parses options and calls these.
 */
public final class DebtService {
    private static final Pattern SERVICE = Pattern.compile("\\S(?:.{0,198}\\S)?");

    private DebtService() {
    }

    /** What {@code debt record} stored. */
    public record Recorded(long run, RunInfo info, int findings, int contracts, String db) {
    }

    /**
     * Records {@code report} as a run of {@code service}. {@code commit}, {@code branch} and {@code time} may be
     * null: then they come from {@code defaults} and the clock. {@code reportUrl} null links the report file.
     */
    public static Recorded record(String db, Map<String, String> env, RunDefaults defaults, String service, String commit,
                                  String branch, String time, String reportUrl, Path report) {
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new DebtException("--service: expected a name of 1 to 200 characters, not blank at either end");
        }
        Report r = ReportReader.read(report);
        Instant at = time == null ? Instant.now() : instant(time);
        RunInfo info = new RunInfo(service, commit != null ? commit : defaults.commit(),
                branch != null ? branch : defaults.branch(), at,
                reportUrl != null ? reportUrl : report.toAbsolutePath().normalize().toUri().toString());
        DebtStore store = DebtStore.open(db, env);
        long id = store.record(info, r);
        return new Recorded(id, info, r.findings().size(), r.contracts().size(), store.label());
    }

    static Instant instant(String time) {
        try {
            return OffsetDateTime.parse(time.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(time.strip());
            } catch (DateTimeParseException e2) {
                throw new DebtException("--time " + time + ": expected an ISO-8601 time with offset, e.g. "
                        + "2026-12-06T15:00:00Z");
            }
        }
    }

    /** The debt view of {@code debt show}. */
    public static DebtLedger.View show(String db, Map<String, String> env, String service, String branch, String since,
                                       DebtWeights weights) {
        Since s = Since.parse(since);
        DebtStore store = DebtStore.open(db, env);
        List<RunRow> runs = store.runs(service, branch);
        if (runs.isEmpty() && service != null) {
            throw new DebtException("no run of service '" + service + "'" + (branch == null ? "" : " on branch '" + branch
                    + "'") + " in " + store.label());
        }
        return DebtLedger.compute(store, runs, s, weights);
    }

    /** Writes the board page of the runs in {@code db} to {@code out}; returns the number of runs shown. */
    public static int board(String db, Map<String, String> env, String service, String branch, DebtWeights weights,
                            String title, Path out) {
        DebtStore store = DebtStore.open(db, env);
        List<RunRow> runs = store.runs(service, branch);
        Map<String, List<RunRow>> byService = new LinkedHashMap<>();
        runs.stream().sorted(java.util.Comparator.comparing((RunRow r) -> r.info().service()))
                .forEach(r -> byService.computeIfAbsent(r.info().service(), k -> new ArrayList<>()).add(r));
        Map<Long, List<RunFinding>> findings = store.findings(runs.stream().map(RunRow::id).toList());
        List<BoardPage.ServiceRuns> services = new ArrayList<>();
        byService.forEach((name, list) -> services.add(new BoardPage.ServiceRuns(name, list, findings,
                store.contracts(list.get(list.size() - 1).id()))));
        String html = BoardPage.render(services, weights, title, Instant.now());
        write(out, html);
        return runs.size();
    }

    /** Writes through a temporary file in the same folder, so a reader never sees half a page. */
    private static void write(Path out, String text) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".board", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DebtException("--out " + out + ": cannot write: " + e.getMessage());
        }
    }
}
