package dev.perfwarden.batch;

import java.util.List;

/** What a batch gave: the rows in manifest order, the totals, and the text table. */
public record BatchResult(List<RepoRow> rows, BatchStats stats, String table) {
    public BatchResult {
        rows = List.copyOf(rows);
    }

    public int exitCode() {
        return stats.exitCode();
    }
}
