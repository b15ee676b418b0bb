package dev.perfwarden.batch;

import dev.perfwarden.engine.ExitCodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals of a batch. Exit code: {@link ExitCodes#BATCH_INCOMPLETE} when any entry could not be analysed
 * (the audit is incomplete), else {@link ExitCodes#GATE_FAILED} when any repository's gate failed, else OK.
 */
public record BatchStats(int analysed, int failed, int gateFailed, int resumed, int findings,
                         Map<String, Integer> bySeverity, int exitCode, long millis, String engine) {
    public static BatchStats of(List<RepoRow> rows, int resumed, long millis, String engine) {
        int analysed = 0;
        int failed = 0;
        int gate = 0;
        int findings = 0;
        Map<String, Integer> by = new LinkedHashMap<>();
        for (String s : SummaryTable.SEVERITIES) {
            by.put(s, 0);
        }
        for (RepoRow r : rows) {
            if (r.ok()) {
                analysed++;
            } else {
                failed++;
            }
            if (r.gateFailed()) {
                gate++;
            }
            findings += r.findings();
            r.bySeverity().forEach((k, v) -> by.merge(k, v, Integer::sum));
        }
        int exit = failed > 0 ? ExitCodes.BATCH_INCOMPLETE : gate > 0 ? ExitCodes.GATE_FAILED : ExitCodes.OK;
        return new BatchStats(analysed, failed, gate, resumed, findings, by, exit, millis, engine);
    }
}
