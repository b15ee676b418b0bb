package dev.perfwarden.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.restrict.PackFaultException;
import dev.perfwarden.engine.report.JsonReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One repository of a batch, start to end: hash its inputs, get its captures ready, analyse them, and
 * write its results to the output folder. Every fault of the entry becomes a failed row with its reason;
 * only a bug escapes. The same code runs in the local worker pool and in the Beam DoFn.
 */
public final class RepoJob {
    private final Analyser analyser;
    private final OutputDir out;
    private final Path workRoot;
    private final String engineHash;

    public RepoJob(Analyser analyser, OutputDir out, Path workRoot) {
        this.analyser = analyser;
        this.out = out;
        this.workRoot = workRoot;
        this.engineHash = analyser.spec().hash();
    }

    /** The stored row of {@code e} when {@code --resume} may keep it: complete, same inputs, same engine. */
    public java.util.Optional<RepoRow> reusable(RepoEntry e) {
        java.util.Optional<RepoRow> row = out.done(e.id());
        if (row.isEmpty() || !row.get().ok() || !engineHash.equals(row.get().engineHash())) {
            return java.util.Optional.empty();
        }
        try {
            return Inputs.hash(e, row.get().sourceRoots()).equals(row.get().inputsHash()) ? row
                    : java.util.Optional.empty();
        } catch (Inputs.EntryException | IOException x) {
            return java.util.Optional.empty();
        }
    }

    /** {@link #run} under {@code timeout} (null: none), the job itself on {@code exec}; see {@link TimedJob}. */
    public RepoRow runTimed(RepoEntry e, java.time.Duration timeout, java.util.concurrent.ExecutorService exec)
            throws IOException, InterruptedException {
        return TimedJob.run(this, e, timeout, exec, out);
    }

    /** For each entry, its stored row when {@code resume} may keep it (see {@link #reusable}), else null. */
    public RepoRow[] kept(java.util.List<RepoEntry> entries, boolean resume) {
        RepoRow[] rows = new RepoRow[entries.size()];
        for (int i = 0; resume && i < rows.length; i++) {
            rows[i] = reusable(entries.get(i)).orElse(null);
        }
        return rows;
    }

    /**
     * Analyses {@code e} and writes its results, unless {@code mayWrite} says no (the entry timed out
     * meanwhile and its failure was recorded instead). Returns its row.
     */
    public RepoRow run(RepoEntry e, BooleanSupplier mayWrite) throws IOException {
        long t0 = System.nanoTime();
        String inputsHash = null;
        Path work = workRoot.resolve(e.id());
        try {
            String entryHash = Inputs.hash(e); // before reading: a change while it is read is seen next time
            inputsHash = Inputs.hash(entryHash, List.of());
            if (e.kind() != RepoEntry.Kind.CAPTURES) {
                deleteTree(work);
                Files.createDirectories(work);
            }
            Inputs.Ready ready = Inputs.prepare(e, work);
            Analyser.Outcome o = analyser.analyse(ready.captures(), ready.sources());
            AnalysisResult r = o.result();
            List<String> roots = Inputs.extraRoots(e, o.sourceRoots());
            inputsHash = Inputs.hash(entryHash, roots);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            RepoRow row;
            if (r.inputs().isEmpty()) {
                row = RepoRow.failed(e, "no capture files found in " + e.location(), ms, inputsHash, engineHash);
                r = null;
            } else if (!o.inputErrors().isEmpty()) {
                row = RepoRow.failed(e, "unreadable input: " + String.join("; ", o.inputErrors()), ms, inputsHash,
                        engineHash);
            } else {
                Map<String, Integer> by = new LinkedHashMap<>();
                r.summary().bySeverity().forEach((k, v) -> by.put(k.id(), v));
                row = new RepoRow(e.id(), e.kind().id(), e.location(), RepoRow.OK, null, r.summary().findings(), by,
                        r.summary().gate().id(), ms, inputsHash, engineHash, roots);
            }
            if (mayWrite.getAsBoolean()) {
                out.writeRepo(row, r);
            }
            return row;
        } catch (Inputs.EntryException x) {
            return fail(e, x.getMessage(), t0, inputsHash, mayWrite);
        } catch (PackFaultException x) { // the pack's fault (a limit, a consequence that threw), named in the reason; the other entries go on
            return fail(e, x.getMessage(), t0, inputsHash, mayWrite);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return fail(e, "interrupted", t0, inputsHash, mayWrite);
        } catch (IOException x) {
            return fail(e, "I/O error: " + x, t0, inputsHash, mayWrite);
        } finally {
            if (e.kind() != RepoEntry.Kind.CAPTURES) {
                deleteTree(work);
            }
        }
    }

    private RepoRow fail(RepoEntry e, String reason, long t0, String inputsHash, BooleanSupplier mayWrite)
            throws IOException {
        RepoRow row = RepoRow.failed(e, reason, (System.nanoTime() - t0) / 1_000_000, inputsHash, engineHash);
        if (mayWrite.getAsBoolean()) {
            out.writeRepo(row, null);
        }
        return row;
    }

    /** Writes each visible finding's JSON object as in the report, with {@code "repo"} first; one a line. */
    static void findingLines(String repo, AnalysisResult r, java.io.Writer w) throws IOException {
        for (dev.perfwarden.engine.model.Finding f : r.findings()) {
            ObjectNode line = OutputDir.MAPPER.createObjectNode().put("repo", repo);
            line.setAll(JsonReporter.finding(f));
            w.write(OutputDir.MAPPER.writeValueAsString(line));
            w.write('\n');
        }
    }

    /**
     * Deletes {@code p} and all below it, links included but not what they point at: a folder is made writable
     * (a read-only module cache folder cannot be emptied) only when it is a real folder, never through a link (a
     * repository's committed {@code link.txt -> /home/auditor/file} made the link's target writable, attack5 probe 06).
     */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = s.sorted().toList();
        }
        for (Path x : all) {
            if (Files.isDirectory(x, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                x.toFile().setWritable(true);
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
