package dev.perfwarden.batch.beam;

import dev.perfwarden.batch.BatchRequest;
import dev.perfwarden.batch.BatchResult;
import dev.perfwarden.batch.Bundles;
import dev.perfwarden.batch.LocalBatch;
import dev.perfwarden.batch.Progress;
import dev.perfwarden.batch.RepoEntry;
import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.gate.FailOn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Beam pipeline gives what {@code perfwarden batch} gives, on the Direct runner and on a real Flink mini-cluster. */
class BeamBatchTest {
    @TempDir
    static Path tmp;
    static List<RepoEntry> entries;
    static BatchResult local;
    static Map<String, String> localFiles;

    @BeforeAll
    static void runLocally() throws Exception {
        Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
        Files.writeString(corrupt.resolve("cpu.pprof"), "\u001f\u008b not really gzip");
        entries = List.of(RepoEntry.captures("orders", Bundles.ORDERS.toString(), List.of()),
                RepoEntry.captures("naming", Bundles.NAMING.toString(), List.of()),
                RepoEntry.captures("missing", tmp.resolve("nope").toString(), List.of()),
                RepoEntry.captures("corrupt", corrupt.toString(), List.of()));
        local = new LocalBatch().run(request(tmp.resolve("local"), List.of()), Progress.NONE);
        localFiles = Bundles.results(tmp.resolve("local"));
        assertThat(local.exitCode()).isEqualTo(ExitCodes.BATCH_INCOMPLETE);
        assertThat(localFiles).containsKeys("orders.json", "orders.sarif", "naming.json", "findings.jsonl");
    }

    private static BatchRequest request(Path out, List<String> args) throws Exception {
        return new BatchRequest(entries, out, tmp.resolve("work"), 2, null, false, Bundles.goPerf(FailOn.ERROR), args);
    }

    @Test
    void directRunnerGivesTheSameResultsAsTheLocalBatch() throws Exception {
        BatchResult beam = new BeamBatch().run(request(tmp.resolve("direct"), List.of("--runner=DirectRunner")),
                Progress.NONE);
        assertThat(Bundles.rows(beam)).isEqualTo(Bundles.rows(local));
        assertThat(Bundles.results(tmp.resolve("direct"))).isEqualTo(localFiles);
        assertThat(beam.exitCode()).isEqualTo(local.exitCode());
        assertThat(beam.stats().engine()).isEqualTo("beam");
    }

    @Test
    void flinkRunnerOnAnEmbeddedLocalClusterGivesTheSameResults() throws Exception {
        BatchRequest req = request(tmp.resolve("flink"), List.of("--runner=FlinkRunner", "--flinkMaster=[local]"));
        assertThat(BeamBatch.options(req).getRunner().getName()).isEqualTo("org.apache.beam.runners.flink.FlinkRunner");
        BatchResult beam = new BeamBatch().run(req, Progress.NONE);
        assertThat(Bundles.rows(beam)).isEqualTo(Bundles.rows(local));
        assertThat(Bundles.results(tmp.resolve("flink"))).isEqualTo(localFiles);
    }

    @Test
    void aRunnerThatIsNotBundledIsRefusedByName() throws Exception {
        // docs/batch.md: Spark and Dataflow are not bundled; the refusal names the runners that are
        BatchRequest req = request(tmp.resolve("spark"), List.of("--runner=SparkRunner"));
        assertThatThrownBy(() -> BeamBatch.options(req)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Beam pipeline options refused: Unknown 'runner' specified 'SparkRunner'")
                .hasMessageContaining("DirectRunner").hasMessageContaining("FlinkRunner");
        assertThat(tmp.resolve("spark")).doesNotExist();
    }
}
