package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BatchCommandTest {
    static final Path ROOT = Cli.root();

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
}
