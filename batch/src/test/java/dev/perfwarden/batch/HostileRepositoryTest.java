package dev.perfwarden.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What one hostile or huge repository may do to a batch: fail its own row, and nothing else (attack5). */
class HostileRepositoryTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    private BatchResult run(Consumer<Object> watcher, List<RepoEntry> entries, Path out, boolean resume,
                            FailOn failOn) throws Exception {
        return run(watcher, entries, out, resume, failOn, 1);
    }

    private BatchResult run(Consumer<Object> watcher, List<RepoEntry> entries, Path out, boolean resume,
                            FailOn failOn, int jobs) throws Exception {
        return new LocalBatch(watcher).run(new BatchRequest(entries, out, tmp.resolve("work"), jobs, null, resume,
                Bundles.goPerf(failOn), List.of()), Progress.NONE);
    }

    /**
     * With two jobs the repositories share one heap: a repository that ran out of memory beside a greedy neighbour
     * is analysed again alone and keeps its results; the greedy one, out of memory alone too, fails. Here "a" runs
     * out the first time only (its neighbour's fault), "evil" every time.
     */
    @Test
    void withSeveralJobsARepositoryOutOfMemoryIsTriedAgainAloneBeforeItFails() throws Exception {
        Path evil = Bundles.copy(Bundles.NAMING, tmp.resolve("evil"));
        Path a = Bundles.copy(Bundles.NAMING, tmp.resolve("a"));
        java.util.concurrent.atomic.AtomicInteger aRuns = new java.util.concurrent.atomic.AtomicInteger();
        Consumer<Object> oom = x -> {
            if (x instanceof InputReader.Result read) {
                if (read.inputs().stream().anyMatch(s -> s.path().contains("/evil/"))
                        || read.inputs().stream().anyMatch(s -> s.path().contains("/a/")) && aRuns.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }
        };
        Path out = tmp.resolve("out");
        BatchResult r = run(oom, List.of(RepoEntry.captures("a", a.toString(), List.of()),
                RepoEntry.captures("evil", evil.toString(), List.of()),
                RepoEntry.captures("c", Bundles.NAMING.toString(), List.of())), out, false, FailOn.ERROR, 2);

        assertThat(r.rows()).extracting(RepoRow::status).containsExactly("ok", "failed", "ok");
        assertThat(aRuns).hasValue(2);
        assertThat(r.rows().get(1).reason()).startsWith("out of memory while analysing it (maximum heap ");
        assertThat(out.resolve("a.json")).exists();
        assertThat(M.readTree(out.resolve("summary.json").toFile()).get("failed").asInt()).isEqualTo(1);
        // with one job nothing ran beside it: its first run's failure stands
        aRuns.set(0);
        BatchResult one = run(oom, List.of(RepoEntry.captures("a", a.toString(), List.of())), tmp.resolve("out1"),
                false, FailOn.ERROR, 1);
        assertThat(one.rows()).extracting(RepoRow::status).containsExactly("failed");
        assertThat(aRuns).hasValue(1);
    }

    /**
     * Running out of memory while one repository is analysed or its reports are written fails that repository: its
     * objects are unreachable once its job has ended, so the batch goes on, writes its summaries and exits 3
     * (attack5 probe 09: the batch died with exit 70, the later repositories were never analysed, no summary).
     */
    @Test
    void aRepositoryThatRunsOutOfMemoryFailsAloneAndTheOthersFinish() throws Exception {
        Path evil = Bundles.copy(Bundles.NAMING, tmp.resolve("evil"));
        Consumer<Object> oom = x -> {
            if (x instanceof InputReader.Result read && read.inputs().stream().anyMatch(s -> s.path().contains("/evil/"))) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        Path out = tmp.resolve("out");
        BatchResult r = run(oom, List.of(RepoEntry.captures("a", Bundles.NAMING.toString(), List.of()),
                RepoEntry.captures("evil", evil.toString(), List.of()),
                RepoEntry.captures("c", Bundles.NAMING.toString(), List.of())), out, false, FailOn.ERROR);

        assertThat(r.rows()).extracting(RepoRow::status).containsExactly("ok", "failed", "ok");
        assertThat(r.rows().get(1).reason()).startsWith("out of memory while analysing it (maximum heap ")
                .endsWith(" MiB; give more with PERFWARDEN_JAVA_OPTS=-Xmx4g)");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BATCH_INCOMPLETE);
        assertThat(out.resolve("c.json")).exists();
        assertThat(out.resolve("evil.json")).doesNotExist();
        assertThat(M.readTree(out.resolve("summary.json").toFile()).get("failed").asInt()).isEqualTo(1);
        assertThat(out.resolve("findings.jsonl")).exists();
    }

    /**
     * A capture of 100,001 {@code leaking param} lines makes more go-perf findings than a run may report (built-in
     * packs' findings were counted by no budget, attack5 probe 09): that repository fails with the limit named, the
     * others are analysed.
     */
    @Test
    void aRepositoryOverTheFindingsBoundFailsAloneWithTheLimitNamed() throws Exception {
        Path huge = Files.createDirectories(tmp.resolve("huge"));
        try (BufferedWriter w = Files.newBufferedWriter(huge.resolve("m2.txt"))) {
            w.write("# example.com/m\n");
            for (int i = 1; i <= 100_001; i++) {
                w.write("./a.go:" + i + ":6: leaking param: p" + i + "\n");
            }
        }
        Path out = tmp.resolve("out");
        BatchResult r = run(x -> { }, List.of(RepoEntry.captures("huge", huge.toString(), List.of()),
                RepoEntry.captures("naming", Bundles.NAMING.toString(), List.of())), out, false, FailOn.ERROR);

        assertThat(r.rows()).extracting(RepoRow::status).containsExactly("failed", "ok");
        assertThat(r.rows().get(0).reason()).startsWith("session limit 'findings' exceeded in rule leaking-param of"
                + " pack go-perf: the rules of this run reported more than 100000 findings");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BATCH_INCOMPLETE);
        assertThat(out.resolve("naming.json")).exists();
    }

    /**
     * {@code --resume} redoes a captures folder whose {@code capture.json} names Go sources that changed: their
     * {@code //perfwarden:ignore} comments decide the gate (attack5 probe 11: removing one kept a stale "pass").
     */
    @Test
    void resumeRedoesARepositoryWhoseCaptureJsonSourcesChanged() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path src = Bundles.copy(Bundles.ROOT.resolve("examples/orders"), repo.resolve("src"));
        Path cap = Files.createDirectories(repo.resolve("cap"));
        Files.copy(Bundles.ORDERS.resolve("m2.txt"), cap.resolve("m2.txt"));
        Files.writeString(cap.resolve("capture.json"), "{\"source\": \"../src\"}\n");
        Path report = src.resolve("report.go");
        List<String> lines = Files.readAllLines(report);
        String line41 = lines.get(40);
        lines.set(40, line41 + " //perfwarden:ignore pointer-receiver-iface-escape -- accepted");
        Files.write(report, lines);
        List<RepoEntry> e = List.of(RepoEntry.captures("cap", cap.toString(), List.of()));
        Path out = tmp.resolve("out");

        BatchResult first = run(x -> { }, e, out, false, FailOn.WARNING);
        assertThat(first.rows().get(0).gate()).isEqualTo("pass");
        assertThat(first.rows().get(0).sourceRoots()).contains(src.toAbsolutePath().normalize().toString());
        assertThat(run(x -> { }, e, out, true, FailOn.WARNING).stats().resumed()).as("nothing changed").isEqualTo(1);

        lines.set(40, line41);
        Files.write(report, lines);
        BatchResult resumed = run(x -> { }, e, out, true, FailOn.WARNING);
        assertThat(resumed.stats().resumed()).as("the sources capture.json names changed").isZero();
        assertThat(resumed.rows().get(0).gate()).isEqualTo("fail");
        assertThat(resumed.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
    }
}
