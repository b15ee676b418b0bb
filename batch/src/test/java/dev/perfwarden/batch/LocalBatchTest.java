package dev.perfwarden.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.gate.FailOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBatchTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    private BatchResult run(List<RepoEntry> entries, Path out, int jobs, Duration timeout, boolean resume, FailOn failOn)
            throws Exception {
        return new LocalBatch().run(new BatchRequest(entries, out, tmp.resolve("work"), jobs, timeout, resume,
                Bundles.goPerf(failOn), List.of()), Progress.NONE);
    }

    @Test
    void writesPerRepoReportsTheAggregateLinesAndTheSummary() throws Exception {
        Path out = tmp.resolve("out");
        BatchResult r = run(List.of(RepoEntry.captures("orders", Bundles.ORDERS.toString(), List.of()),
                RepoEntry.captures("naming", Bundles.NAMING.toString(), List.of())), out, 2, null, false, FailOn.ERROR);

        assertThat(r.rows()).extracting(RepoRow::repo, RepoRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", "ok"), org.assertj.core.groups.Tuple.tuple("naming", "ok"));
        assertThat(r.rows().get(0).gate()).isEqualTo("fail"); // orders has hot errors (see README)
        assertThat(r.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        JsonNode orders = M.readTree(out.resolve("orders.json").toFile());
        assertThat(M.readTree(out.resolve("orders.sarif").toFile()).get("version").asText()).isEqualTo("2.1.0");
        // findings.jsonl: each report's findings, in manifest order, each with "repo" added
        List<String> lines = Files.readAllLines(out.resolve("findings.jsonl"));
        int n = orders.get("findings").size();
        assertThat(n).isGreaterThan(0).isEqualTo(r.rows().get(0).findings());
        assertThat(lines).hasSize(n + r.rows().get(1).findings());
        for (int i = 0; i < n; i++) {
            JsonNode line = M.readTree(lines.get(i));
            assertThat(line.get("repo").asText()).isEqualTo("orders");
            ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("repo");
            assertThat(line).isEqualTo(orders.get("findings").get(i));
        }
        JsonNode summary = M.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("repos").asInt()).isEqualTo(2);
        assertThat(summary.get("exitCode").asInt()).isEqualTo(1);
        assertThat(summary.get("results").get(0).get("bySeverity").get("error").asInt())
                .isEqualTo(orders.get("summary").get("bySeverity").get("error").asInt());
        assertThat(Files.readString(out.resolve("summary.txt"))).startsWith("REPO").contains("orders").contains("naming")
                .contains("2 repositories: 2 analysed, 0 failed, 1 gate(s) failed");
    }

    @Test
    void faultsAreFailedEntriesWithTheirReasonAndTheOthersFinish() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
        byte[] cpu = Files.readAllBytes(Bundles.ORDERS.resolve("cpu.pprof"));
        Files.write(corrupt.resolve("cpu.pprof"), java.util.Arrays.copyOf(cpu, cpu.length / 2));
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("go.mod"), "module example.com/broken\n\ngo 1.22\n");
        Files.writeString(broken.resolve("b.go"), "package broken\n\nfunc F() int { return undefined }\n");
        Path out = tmp.resolve("out");
        BatchResult r = run(List.of(
                RepoEntry.captures("missing", tmp.resolve("nope").toString(), List.of()),
                RepoEntry.captures("empty", empty.toString(), List.of()),
                RepoEntry.captures("corrupt", corrupt.toString(), List.of()),
                RepoEntry.module("broken", broken.toString(), List.of(), null),
                RepoEntry.git("noclone", tmp.resolve("no-such-repo").toUri().toString(), "main", "", List.of(), null),
                RepoEntry.captures("naming", Bundles.NAMING.toString(), List.of())), out, 2, null, false, FailOn.ERROR);

        assertThat(r.rows()).extracting(RepoRow::status).containsExactly("failed", "failed", "failed", "failed",
                "failed", "ok");
        assertThat(r.rows().get(0).reason()).isEqualTo(tmp.resolve("nope") + ": no such captures folder");
        assertThat(r.rows().get(1).reason()).startsWith("no capture files found in ");
        assertThat(r.rows().get(2).reason()).startsWith("unreadable input: ").contains("cpu.pprof")
                .contains("truncated gzip data");
        assertThat(r.rows().get(3).reason()).startsWith("the module does not build: ").contains("undefined");
        assertThat(r.rows().get(4).reason()).startsWith("clone failed: 'git -c protocol.ext.allow=never fetch -q --depth 1 -- file:");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BATCH_INCOMPLETE);
        assertThat(out.resolve("naming.json")).exists();
        assertThat(out.resolve("missing.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("failed: " + tmp.resolve("nope"));
        assertThat(tmp.resolve("work/broken")).doesNotExist(); // work folders are cleaned up
    }

    @Test
    void aGitEntryIsClonedAtItsRevisionAndOnlyItsPackagesAreBuilt() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path mod = Files.createDirectories(repo.resolve("svc"));
        Files.writeString(mod.resolve("go.mod"), "module example.com/svc\n\ngo 1.22\n");
        Files.createDirectories(mod.resolve("good"));
        Files.writeString(mod.resolve("good/good.go"), """
                package good

                type Point struct{ X, Y int }

                func New(x, y int) *Point { return &Point{x, y} }

                func Sum(xs []int) (s int) {
                	for i := range xs {
                		s += xs[i]
                	}
                	return s
                }
                """);
        Files.createDirectories(mod.resolve("bad"));
        Files.writeString(mod.resolve("bad/bad.go"), "package bad\n\nfunc F() int { return undefined }\n");
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        git(repo, "tag", "v1");
        Files.writeString(mod.resolve("good/good.go"), "package good\n\nfunc Broken() { undefined() }\n");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "two: broken");

        BatchResult r = run(List.of(
                RepoEntry.git("svc", repo.toUri().toString(), "v1", "svc", List.of("./good"), null),
                RepoEntry.git("head", repo.toUri().toString(), "main", "svc", List.of("./good"), null),
                RepoEntry.git("all", repo.toUri().toString(), "v1", "svc", List.of(), null)),
                tmp.resolve("out"), 2, null, false, FailOn.ERROR);
        assertThat(r.rows().get(0).status()).as(r.rows().get(0).reason()).isEqualTo("ok");
        JsonNode report = M.readTree(tmp.resolve("out/svc.json").toFile());
        assertThat(report.get("inputs").toString()).contains("m2.txt");
        assertThat(report.get("inputs").toString()).doesNotContain("\"error\"");
        assertThat(r.rows().get(1).reason()).startsWith("the module does not build: ").contains("good.go");
        assertThat(r.rows().get(2).reason()).startsWith("the module does not build: ").contains("bad.go");
    }

    /**
     * attack6 probe 06: a repository's committed links must not make the batch read the host's files. {@code go.mod}
     * linked to a credentials file put its lines in summary.json ("unknown directive: AWS_SECRET_ACCESS_KEY=..."), and
     * a {@code subdir:} that is a link to a private module of the host built and reported that module. Links are
     * checked out as files holding their target now: neither is read.
     */
    @Test
    void aClonedRepositorysLinksAreNotFollowedToTheHostsFiles() throws Exception {
        Path secret = Files.writeString(tmp.resolve("dotenv"), "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-FAKE\n");
        Path privateMod = Files.createDirectories(tmp.resolve("private"));
        Files.writeString(privateMod.resolve("go.mod"), "module corp.example/private\n\ngo 1.22\n");
        Files.writeString(privateMod.resolve("p.go"), "package private\n\nfunc PrivateLeakSecret() *int { x := 1; return &x }\n");
        Path repo = Files.createDirectories(tmp.resolve("linked"));
        Files.createSymbolicLink(repo.resolve("go.mod"), secret);
        Files.createSymbolicLink(repo.resolve("cmd"), privateMod);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "links");
        Path out = tmp.resolve("out");
        BatchResult r = run(List.of(RepoEntry.git("creds", repo.toUri().toString(), "main", "", List.of(), null),
                RepoEntry.git("sub", repo.toUri().toString(), "main", "cmd", List.of(), null)), out, 1, null, false,
                FailOn.ERROR);
        assertThat(r.rows()).extracting(RepoRow::status).containsExactly("failed", "failed");
        assertThat(r.rows().get(1).reason()).startsWith("subdir 'cmd' is not a folder of ");
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).doesNotContain("AWS_SECRET").doesNotContain("PrivateLeakSecret");
        assertThat(out.resolve("sub.json")).doesNotExist();
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void aRepositoryOverTheTimeoutFailsAndWritesNothingLater() throws Exception {
        Path out = tmp.resolve("out");
        BatchResult r = run(List.of(RepoEntry.captures("orders", Bundles.ORDERS.toString(), List.of())), out, 1,
                Duration.ofMillis(50), false, FailOn.ERROR);
        assertThat(r.rows().get(0).reason()).isEqualTo("exceeded --timeout 50ms");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BATCH_INCOMPLETE);
        Thread.sleep(2000);
        assertThat(out.resolve("orders.json")).doesNotExist();
        assertThat(M.readTree(out.resolve(".batch/orders.row.json").toFile()).get("status").asText()).isEqualTo("failed");
    }

    @Test
    void twoWorkersGiveTheSameResultsAsOne() throws Exception {
        List<RepoEntry> e = List.of(RepoEntry.captures("orders", Bundles.ORDERS.toString(), List.of()),
                RepoEntry.captures("naming", Bundles.NAMING.toString(), List.of()),
                RepoEntry.captures("orders2", Bundles.copy(Bundles.ORDERS, tmp.resolve("o2")).toString(), List.of()));
        BatchResult one = run(e, tmp.resolve("one"), 1, null, false, FailOn.ERROR);
        BatchResult two = run(e, tmp.resolve("two"), 2, null, false, FailOn.ERROR);
        assertThat(Bundles.results(tmp.resolve("two"))).isEqualTo(Bundles.results(tmp.resolve("one")));
        assertThat(Bundles.rows(two)).isEqualTo(Bundles.rows(one));
    }

    @Test
    void resumeKeepsWhatIsCurrentAndRedoesWhatChanged() throws Exception {
        Path a = Bundles.copy(Bundles.NAMING, tmp.resolve("a"));
        Path b = Bundles.copy(Bundles.NAMING, tmp.resolve("b"));
        List<RepoEntry> e = List.of(RepoEntry.captures("a", a.toString(), List.of()),
                RepoEntry.captures("b", b.toString(), List.of()));
        Path out = tmp.resolve("out");
        BatchResult first = run(e, out, 2, null, false, FailOn.ERROR);

        BatchResult same = run(e, out, 2, null, true, FailOn.ERROR);
        assertThat(same.stats().resumed()).isEqualTo(2);
        assertThat(same.rows()).isEqualTo(first.rows()); // kept as they were, times included

        try (Stream<Path> s = Files.walk(b)) {
            Path f = s.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
            Files.writeString(f, Files.readString(f) + "\n");
        }
        BatchResult changed = run(e, out, 2, null, true, FailOn.ERROR);
        assertThat(changed.stats().resumed()).isEqualTo(1);
        assertThat(changed.rows().get(0)).isEqualTo(first.rows().get(0));
        assertThat(changed.rows().get(1).inputsHash()).isNotEqualTo(first.rows().get(1).inputsHash());

        BatchResult otherGate = run(e, out, 2, null, true, FailOn.NOTE);
        assertThat(otherGate.stats().resumed()).isZero();
    }
    /**
     * A package with nothing to report, captured for real: {@code go build -gcflags=-m=2 -json=0,DIR cmp}
     * prints no diagnostic (an empty m2.txt, an empty -json folder). That is a valid input: the entry is
     * analysed (0 findings) and the report lists the empty file with a note.
     */
    @Test
    void anEmptyCompilerCaptureIsAnAnalysedEntryWithNoFindings() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("cmp"));
        Path json = Files.createDirectories(bundle.resolve("json"));
        Process p = new ProcessBuilder("go", "build", "-o", "/dev/null", "-gcflags=-m=2 -json=0,file://" + json, "cmp")
                .redirectError(bundle.resolve("m2.txt").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
        assertThat(bundle.resolve("m2.txt")).as("the compiler says nothing about cmp").isEmptyFile();

        Path out = tmp.resolve("out");
        BatchResult r = run(List.of(RepoEntry.captures("cmp", bundle.toString(), List.of())), out, 1, null, false,
                FailOn.ERROR);
        assertThat(r.rows().get(0).status()).as(r.rows().get(0).reason()).isEqualTo("ok");
        assertThat(r.rows().get(0).findings()).isZero();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode inputs = M.readTree(out.resolve("cmp.json").toFile()).get("inputs");
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).get("path").asText()).endsWith("m2.txt");
        assertThat(inputs.get(0).get("records").asInt()).isZero();
        assertThat(inputs.get(0).get("note").asText()).isEqualTo("empty input");
        assertThat(Files.readString(out.resolve("findings.jsonl"))).isEmpty();
    }

    /**
     * Memory is bounded by the work in flight, not by the number of repositories: once an entry is done,
     * nothing of it (what was read, its facts, its result) is reachable. Each bundle's objects are held
     * weakly; when the next entry starts (one worker), the earlier ones must have been collected, and
     * after the batch, all of them.
     */
    @Test
    void nothingOfAFinishedRepositoryStaysReachable() throws Exception {
        List<RepoEntry> e = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            e.add(RepoEntry.captures("naming" + i, Bundles.NAMING.toString(), List.of()));
        }
        List<java.lang.ref.WeakReference<Object>> made = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> liveAtStart = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.function.Consumer<Object> watcher = x -> {
            if (x instanceof dev.perfwarden.facts.input.InputReader.Result read) { // a new entry starts
                liveAtStart.add(live(made));
                made.add(new java.lang.ref.WeakReference<>(read.facts()));
            }
            made.add(new java.lang.ref.WeakReference<>(x));
        };
        BatchResult r = new LocalBatch(watcher).run(new BatchRequest(e, tmp.resolve("out"), tmp.resolve("work"), 1,
                null, false, Bundles.goPerf(FailOn.ERROR), List.of()), Progress.NONE);

        assertThat(r.rows()).extracting(RepoRow::status).containsOnly("ok");
        assertThat(r.rows().get(0).findings()).isPositive();
        assertThat(made).hasSize(3 * e.size());
        assertThat(liveAtStart).as("objects of finished entries still reachable when the next starts")
                .containsOnly(0);
        assertThat(live(made)).as("objects of the batch's entries reachable after it").isZero();
    }

    /** How many of {@code refs} are still reachable after collecting garbage (a few tries: GC is a request). */
    private static int live(List<java.lang.ref.WeakReference<Object>> refs) {
        int n = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            synchronized (refs) {
                n = (int) refs.stream().filter(w -> w.get() != null).count();
            }
            if (n == 0) {
                return 0;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return n;
    }
}
