package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchCommandTest {
    static final Path ROOT = Cli.root();
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aManifestRunPrintsTheTableAndExits3WhenAnEntryFailed() throws Exception {
        Files.writeString(tmp.resolve("repos.yaml"), "repos:\n  - id: naming\n    captures: "
                + ROOT.resolve("testdata/captured/go1.26.8/naming") + "\n  - id: gone\n    captures: nowhere\n");
        Cli.Run r = Cli.run("batch", tmp.resolve("repos.yaml").toString(), "--out-dir", tmp.resolve("out").toString(),
                "--progress", "none", "--jobs", "2");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).startsWith("REPO").contains("naming").contains("gone")
                .contains("failed: " + tmp.resolve("nowhere") + ": no such captures folder")
                .contains("2 repositories: 1 analysed, 1 failed");
        assertThat(tmp.resolve("out/naming.json")).exists();
        assertThat(tmp.resolve("out/findings.jsonl")).exists();
    }

    @Test
    void usageErrorsAreExit2BeforeAnythingRuns() throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), "repos:\n  - id: a\n    module: x\n    rev: v1\n");
        Cli.Run bad = Cli.run("batch", tmp.resolve("bad.yaml").toString(), "--out-dir", tmp.resolve("o").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("manifest refused").contains("bad.yaml:4:").contains("rev: applies to git: entries");

        Cli.Run both = Cli.run("batch", "repos.yaml", "--dirs", "a", "--out-dir", "o");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        Cli.Run timeout = Cli.run("batch", "--dirs", tmp.toString(), "--out-dir", tmp.resolve("o").toString(), "--timeout", "ten");
        assertThat(timeout.exit()).isEqualTo(2);
        assertThat(timeout.err()).contains("--timeout ten: expected a positive number with ms, s, m or h");

        Cli.Run runner = Cli.run("batch", "--dirs", tmp.toString(), "--out-dir", tmp.resolve("o").toString(), "--runner",
                "FlinkRunner");
        assertThat(runner.exit()).isEqualTo(2);
        assertThat(runner.err()).contains("--runner and --pipeline-option need --engine beam");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
    /**
     * The batch calls the engine service as analyze does: with the same project file (parameters, a rule
     * turned off, a severity, the gate, limits, a baseline) and pack, each repository's JSON is analyze's JSON.
     * The project file changes analyze's result, so a batch that ignored any of it would differ.
     */
    @Test
    void eachRepositorysJsonIsWhatAnalyzeWritesWithTheSameProjectFileAndPack() throws Exception {
        Path orders = ROOT.resolve("examples/captured/orders");
        Path naming = ROOT.resolve("testdata/captured/go1.26.8/naming");
        Cli.Run plain = Cli.run("analyze", orders.toString(), "--no-config", "--format", "json", "--fail-on", "none");
        assertThat(plain.exit()).as(plain.err()).isZero();
        List<String> rules = new ArrayList<>();
        for (JsonNode f : M.readTree(plain.out()).get("findings")) {
            if (!rules.contains(f.get("rule").asText())) {
                rules.add(f.get("rule").asText());
            }
        }
        assertThat(rules).as("orders' findings come from at least two rules").hasSizeGreaterThanOrEqualTo(2);
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path baseline = project.resolve("accepted.json"); // naming's findings are accepted
        Cli.Run created = Cli.run("baseline", "create", naming.toString(), "--no-config", "--out", baseline.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        Files.writeString(project.resolve(".perfwarden.yaml"), String.join("\n",
                "packs:", "  - id: go-perf", "parameters:", "  go-perf:", "    hot.function.cumShare: 0.5",
                "rules:", "  " + rules.get(0) + ": off", "  " + rules.get(1) + ": warning",
                "baseline: accepted.json", "failOn: warning", "limits:", "  firings: 1000000", ""));
        String config = project.resolve(".perfwarden.yaml").toString();

        Cli.Run batch = Cli.run("batch", "--dirs", orders.toString(), naming.toString(), "--out-dir",
                tmp.resolve("out").toString(), "--config", config, "--progress", "none", "--jobs", "2");
        assertThat(batch.exit()).as(batch.err()).isIn(0, 1);
        for (Path dir : List.of(orders, naming)) {
            Cli.Run one = Cli.run("analyze", dir.toString(), "--config", config, "--format", "json");
            assertThat(one.exit()).as(one.err()).isIn(0, 1);
            assertThat(M.readTree(tmp.resolve("out/" + dir.getFileName() + ".json").toFile()))
                    .as(dir.getFileName().toString()).isEqualTo(M.readTree(one.out()));
            assertThat(one.out()).as("the project file changes the result").isNotEqualTo(Cli.run("analyze",
                    dir.toString(), "--no-config", "--format", "json").out());
        }
    }
}
