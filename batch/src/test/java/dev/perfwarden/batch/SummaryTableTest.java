package dev.perfwarden.batch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attack5 probe 07: a failure's reason quotes the repository's file names; with ESC and CR in one, the table (stdout,
 * summary.txt) and the progress lines redrew the failed row as {@code ok} and drew forged totals.
 */
class SummaryTableTest {
    static final String FORGED = "json/main/\u001b[2K\revil 0 0 0 pass 0.5s ok\u001b[E2 repositories: 2 analysed,"
            + " 0 failed\u001b[8m.json";

    private static RepoRow failed(String repo, String reason) {
        return new RepoRow(repo, "dir", "/r/" + repo, RepoRow.FAILED, reason, 0, Map.of(), null, 500, "h", "e", List.of());
    }

    @Test
    void controlCharactersInAReasonOrAnIdAreEscapedInTheTable() {
        List<RepoRow> rows = List.of(failed("evil", "unreadable input: " + FORGED + "\nsecond line"),
                failed("id\u001b[1Aup", "x"));
        String table = SummaryTable.render(rows, BatchStats.of(rows, 0, 1000, "e"));
        assertThat(table).doesNotContain("\u001b").doesNotContain("\r")
                .contains("failed: unreadable input: json/main/\\x1b[2K\\revil 0 0 0 pass 0.5s ok\\x1b[E2 repositories")
                .contains("id\\x1b[1Aup");
        assertThat(table.lines().filter(l -> l.startsWith("2 repositories"))).hasSize(1);
    }

    @Test
    void controlCharactersInAReasonAreEscapedInProgressLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, java.time.Duration.ofHours(1));
        p.start(1, 0);
        p.done(failed("r\u001b[2K", "unreadable input: " + FORGED));
        String err = bytes.toString(StandardCharsets.UTF_8);
        assertThat(err).doesNotContain("\u001b").doesNotContain("\r").contains("batch: r\\x1b[2K failed: unreadable");
    }
}
