package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code perfwarden debt record|show|board} end to end on the debt module's real reports of the orders example. */
class DebtCommandTest {
    @TempDir
    Path tmp;

    final Path reports = Cli.root().resolve("debt/src/test/resources/reports");

    private String recordThree() {
        String db = tmp.resolve("debt.db").toString();
        String[][] runs = {{"orders-v1.json", "aaaa1111", "2026-11-02T10:00:00Z"},
                {"orders-v2.json", "bbbb1111", "2026-11-16T10:00:00Z"}, {"orders-v3.json", "cccc1111", "2026-11-30T10:00:00Z"}};
        for (String[] r : runs) {
            Cli.Run run = Cli.run("debt", "record", "--db", db, "--service", "orders", "--commit", r[1], "--branch", "main",
                    "--time", r[2], reports.resolve(r[0]).toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("recorded run ").contains(" of orders (" + r[1] + " on main): ")
                    .contains(" findings, 0 contract verdicts in " + db);
        }
        return db;
    }

    @Test
    void recordShowAndBoard() throws Exception {
        String db = recordThree();
        Cli.Run text = Cli.run("debt", "show", "--db", db, "--since", "aaaa1111", "--no-config");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("orders: run 3 (cccc1111 on main, 2026-11-30 10:00 UTC), compared with run 1 "
                + "(aaaa1111 on main, 2026-11-02 10:00 UTC)\n").contains("  growslice-in-loop ")
                .endsWith("3 runs of 1 service; new and fixed since aaaa1111\n");

        Cli.Run json = Cli.run("debt", "show", "--db", db, "--format", "json", "--no-config");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("runs")).hasSize(3);
        assertThat(root.get("since").asText()).isEqualTo("previous");
        assertThat(root.get("services").get(0).get("baseline").asLong()).isEqualTo(2);
        int sum = 0;
        for (JsonNode d : root.get("debts")) {
            sum += d.get("open").asInt();
        }
        assertThat(sum).isEqualTo(root.get("services").get(0).get("open").asInt()).isPositive();

        Path board = tmp.resolve("out/board.html");
        Cli.Run b = Cli.run("debt", "board", "--db", db, "--out", board.toString(), "--no-config");
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).isEqualTo("wrote " + board + " (3 runs)\n");
        assertThat(Files.readString(board)).startsWith("<!DOCTYPE html>").contains("id=\"heatmap\"");
    }

    @Test
    void theProjectFilesWeightsAreUsedAndItsErrorsAreExit2() throws Exception {
        String db = recordThree();
        Path onlyErrors = Files.writeString(tmp.resolve("p.yaml"), "debt:\n  severity: {error: 1, warning: 0, note: 0}\n"
                + "  cost: 0\n");
        Cli.Run json = Cli.run("debt", "show", "--db", db, "--format", "json", "--config", onlyErrors.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        long errors = 0;
        for (JsonNode f : new ObjectMapper().readTree(reports.resolve("orders-v3.json").toFile()).get("findings")) {
            errors += f.get("severity").asText().equals("error") ? 1 : 0;
        }
        assertThat(new ObjectMapper().readTree(json.out()).get("services").get(0).get("points").asDouble())
                .isEqualTo((double) errors);

        Path wrong = Files.writeString(tmp.resolve("w.yaml"), "debt:\n  cost: lots\n");
        Cli.Run bad = Cli.run("debt", "show", "--db", db, "--config", wrong.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(wrong + ":2:9: error: debt.cost: expected a number ≥ 0");
    }

    @Test
    void badInputsAreOneLineAndExit2() throws Exception {
        String db = tmp.resolve("d.db").toString();
        Path sarif = Files.writeString(tmp.resolve("r.sarif"), "{\"version\": \"2.1.0\"}");
        Cli.Run r = Cli.run("debt", "record", "--db", db, "--service", "orders", sarif.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("perfwarden: " + sarif + ": not a perfwarden JSON report").hasLineCount(1);

        Cli.Run noService = Cli.run("debt", "record", "--db", db, sarif.toString());
        assertThat(noService.exit()).isEqualTo(2);
        assertThat(noService.err()).contains("Missing required option: '--service=NAME'");

        Cli.Run since = Cli.run("debt", "show", "--db", db, "--since", "yesterday", "--no-config");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err()).startsWith("perfwarden: --since yesterday: expected a date");

        Cli.Run time = Cli.run("debt", "record", "--db", db, "--service", "s", "--time", "noon",
                reports.resolve("orders-v1.json").toString());
        assertThat(time.exit()).isEqualTo(2);
        assertThat(time.err()).startsWith("perfwarden: --time noon: expected an ISO-8601 time");

        Cli.Run unknown = Cli.run("debt", "show", "--db", db, "--service", "nope", "--no-config");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("perfwarden: no run of service 'nope' in " + db + "\n");
    }
}
