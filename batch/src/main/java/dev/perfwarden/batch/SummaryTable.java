package dev.perfwarden.batch;

import dev.perfwarden.engine.report.TerminalText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text table of a batch: one line per repository, then the totals. */
public final class SummaryTable {
    static final List<String> SEVERITIES = List.of("error", "warning", "note");

    private SummaryTable() {
    }

    public static String render(List<RepoRow> rows, BatchStats stats) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[]{"REPO", "ERROR", "WARNING", "NOTE", "GATE", "TIME", "STATUS"});
        for (RepoRow r : rows) {
            cells.add(new String[]{TerminalText.escape(r.repo()), n(r, "error"), n(r, "warning"), n(r, "note"),
                    r.gate() == null ? "-" : r.gate(), seconds(r.millis()),
                    r.ok() ? "ok" : "failed: " + firstLine(r.reason())});
        }
        int[] width = new int[7];
        for (String[] c : cells) {
            for (int i = 0; i < 6; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                boolean right = i >= 1 && i <= 3 || i == 5;
                String pad = i < 6 ? " ".repeat(width[i] - c[i].length()) : "";
                line.append(right ? pad + c[i] : c[i] + pad).append("  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%d repositories: %d analysed, %d failed, %d gate(s) failed; "
                        + "%d findings (%d error, %d warning, %d note); %s%s%n",
                rows.size(), stats.analysed(), stats.failed(), stats.gateFailed(), stats.findings(),
                stats.bySeverity().getOrDefault("error", 0), stats.bySeverity().getOrDefault("warning", 0),
                stats.bySeverity().getOrDefault("note", 0), seconds(stats.millis()),
                stats.resumed() > 0 ? "; " + stats.resumed() + " kept from an earlier run (--resume)" : ""));
        return sb.toString();
    }

    private static String n(RepoRow r, String sev) {
        return r.ok() ? Integer.toString(r.count(sev)) : "-";
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    /**
     * The first line of {@code s} (a failure's reason) as a terminal or CI log may show it: its control characters
     * escaped, since a reason quotes input file names from the repository (an ESC/CR in one redrew a failed row as
     * {@code ok} and drew forged totals, attack5 probe 07).
     */
    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return TerminalText.escape(nl < 0 ? s : s.substring(0, nl)) + (nl < 0 ? "" : " …");
    }
}
