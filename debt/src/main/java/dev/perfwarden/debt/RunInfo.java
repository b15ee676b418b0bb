package dev.perfwarden.debt;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a recorded run was made.
 *
 * @param commit the commit SHA, "" when unknown
 * @param branch the branch, "" when unknown
 * @param report where the report can be read (a URL given with {@code --report-url}, else the report file's
 *               {@code file:} URI), shown as the link of the board's top debts
 */
public record RunInfo(String service, String commit, String branch, Instant time, String report) {
    public RunInfo {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(time, "time");
        commit = commit == null ? "" : commit;
        branch = branch == null ? "" : branch;
        report = report == null ? "" : report;
    }
}
