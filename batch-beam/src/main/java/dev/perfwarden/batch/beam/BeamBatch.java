package dev.perfwarden.batch.beam;

import dev.perfwarden.batch.Analyser;
import dev.perfwarden.batch.BatchEngine;
import dev.perfwarden.batch.BatchRequest;
import dev.perfwarden.batch.BatchResult;
import dev.perfwarden.batch.BatchStats;
import dev.perfwarden.batch.OutputDir;
import dev.perfwarden.batch.Progress;
import dev.perfwarden.batch.RepoEntry;
import dev.perfwarden.batch.RepoJob;
import dev.perfwarden.batch.RepoRow;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code perfwarden batch --engine beam}: the same batch as an Apache Beam pipeline. The driver plans
 * (manifest, {@code --resume}), the pipeline analyses each repository in {@link AnalyseFn} — whose
 * {@code @Setup} opens the engine service's session from the pinned pack sources, verified against the
 * driver's pin and the lock — and writes
 * its results to the output folder exactly as the local engine does; the driver then writes
 * {@code findings.jsonl} and the summaries. The output folder must be one all workers can write (a local
 * folder for the Direct runner and local clusters, a shared mount on a real cluster).
 */
public final class BeamBatch implements BatchEngine {
    @Override
    public String id() {
        return "beam";
    }

    @Override
    public BatchResult run(BatchRequest req, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        OutputDir out = new OutputDir(req.outDir());
        out.sweep();
        // the driver refuses bad packs before any worker starts (exit 2), and plans --resume
        RepoJob planner = new RepoJob(Analyser.open(req.spec(), BeamBatch.class.getClassLoader()), out, req.workDir());
        List<RepoEntry> entries = req.entries();
        RepoRow[] rows = planner.kept(entries, req.resume());
        List<RepoEntry> todo = new ArrayList<>();
        int resumed = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                todo.add(entries.get(i));
            } else {
                resumed++;
            }
        }
        progress.start(entries.size(), resumed);
        try {
            if (!todo.isEmpty()) {
                Pipeline p = Pipeline.create(options(req));
                p.apply("Manifest", Create.of(todo).withCoder(SerializableCoder.of(RepoEntry.class)))
                        .apply("Spread", Reshuffle.viaRandomKey())
                        .apply("Analyse", ParDo.of(new AnalyseFn(req.spec(), out.root().toString(),
                                req.workDir().toAbsolutePath().toString(),
                                req.timeout() == null ? 0 : req.timeout().toMillis())))
                        .setCoder(SerializableCoder.of(RepoRow.class));
                PipelineResult.State state = p.run().waitUntilFinish();
                if (state != PipelineResult.State.DONE) {
                    throw new IllegalStateException("the Beam pipeline ended " + state);
                }
            }
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null) {
                    RepoEntry e = entries.get(i);
                    rows[i] = out.done(e.id()).orElseGet(() -> RepoRow.failed(e, "the pipeline left no result", 0,
                            null, null));
                    progress.done(rows[i]);
                }
            }
        } finally {
            progress.close();
        }
        List<RepoRow> list = Arrays.asList(rows);
        BatchStats stats = BatchStats.of(list, resumed, (System.nanoTime() - t0) / 1_000_000, id());
        return new BatchResult(list, stats, out.finish(list, stats));
    }

    /**
     * The pipeline options: the request's ({@code --runner=...} and any others), with the parallelism
     * taken from {@code --jobs} unless given.
     */
    static PipelineOptions options(BatchRequest req) {
        List<String> args = new ArrayList<>(req.pipelineArgs());
        String runner = args.stream().filter(a -> a.startsWith("--runner=")).map(a -> a.substring(9)).findFirst()
                .orElse("DirectRunner");
        if (args.stream().noneMatch(a -> a.startsWith("--runner="))) {
            args.add("--runner=DirectRunner");
        }
        String jobs = Integer.toString(req.jobs());
        switch (runner) {
            case "DirectRunner" -> addIfAbsent(args, "targetParallelism", jobs);
            case "FlinkRunner" -> {
                addIfAbsent(args, "parallelism", jobs);
                addIfAbsent(args, "flinkMaster", "[local]");
            }
            case "SparkRunner" -> addIfAbsent(args, "sparkMaster", "local[" + jobs + "]");
            default -> {
            }
        }
        try {
            return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Beam pipeline options refused: " + e.getMessage(), e);
        }
    }

    private static void addIfAbsent(List<String> args, String name, String value) {
        if (args.stream().noneMatch(a -> a.startsWith("--" + name + "="))) {
            args.add("--" + name + "=" + value);
        }
    }
}
