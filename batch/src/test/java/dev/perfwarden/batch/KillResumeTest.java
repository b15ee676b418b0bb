package dev.perfwarden.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfwarden.engine.gate.FailOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch killed with SIGKILL mid-way and resumed ends as an uninterrupted one, with no half-written file. */
class KillResumeTest {
    @TempDir
    Path tmp;

    @Test
    void killedThenResumedEqualsUninterrupted() throws Exception {
        List<RepoEntry> entries = new ArrayList<>();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dperfwarden.root=" + Bundles.ROOT,
                BatchProcess.class.getName(), tmp.resolve("killed").toString(), tmp.resolve("work").toString()));
        for (int i = 0; i < 8; i++) {
            Path src = i % 2 == 0 ? Bundles.ORDERS : Bundles.NAMING;
            RepoEntry e = RepoEntry.captures("r" + i, src.toString(), List.of());
            entries.add(e);
            cmd.add(e.id() + "=" + e.path());
        }
        Path state = tmp.resolve("killed/.batch");
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        int done = 0;
        while (p.isAlive() && System.nanoTime() < deadline) {
            done = rows(state);
            if (done >= 2) {
                break;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertThat(p.exitValue()).isEqualTo(137);
        int atKill = rows(state);
        assertThat(atKill).as("killed mid-way").isBetween(2, entries.size() - 1);
        // every file under a final name is whole
        try (Stream<Path> s = Files.list(tmp.resolve("killed"))) {
            for (Path f : s.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".sarif")).toList()) {
                new ObjectMapper().readTree(f.toFile());
            }
        }

        BatchResult resumed = new LocalBatch().run(new BatchRequest(entries, tmp.resolve("killed"), tmp.resolve("work"),
                2, null, true, Bundles.goPerf(FailOn.ERROR), List.of()), Progress.NONE);
        BatchResult straight = new LocalBatch().run(new BatchRequest(entries, tmp.resolve("straight"),
                tmp.resolve("work"), 2, null, false, Bundles.goPerf(FailOn.ERROR), List.of()), Progress.NONE);

        assertThat(resumed.stats().resumed()).isGreaterThanOrEqualTo(atKill);
        assertThat(Bundles.rows(resumed)).isEqualTo(Bundles.rows(straight));
        assertThat(Bundles.results(tmp.resolve("killed"))).isEqualTo(Bundles.results(tmp.resolve("straight")));
        try (Stream<Path> s = Files.walk(tmp.resolve("killed"))) {
            assertThat(s.filter(f -> f.toString().endsWith(".tmp")).toList()).as("temporary files left").isEmpty();
        }
    }

    private static int rows(Path state) throws Exception {
        if (!Files.isDirectory(state)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(state)) {
            return (int) s.filter(f -> f.toString().endsWith(".row.json")).count();
        }
    }
}
