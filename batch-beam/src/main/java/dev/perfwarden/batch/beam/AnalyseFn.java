package dev.perfwarden.batch.beam;

import dev.perfwarden.batch.Analyser;
import dev.perfwarden.batch.EngineSpec;
import dev.perfwarden.batch.OutputDir;
import dev.perfwarden.batch.RepoEntry;
import dev.perfwarden.batch.RepoJob;
import dev.perfwarden.batch.RepoRow;
import org.apache.beam.sdk.transforms.DoFn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Analyses one repository per element. {@code @Setup} opens the engine service's session once per DoFn
 * instance from the {@link EngineSpec} (the same project file, lock, trust, parameters, limits and baseline
 * as the driver), refusing any pack whose files differ from the lock's or the driver's sha256 (the JVM's
 * workspace shares the compiled rule set between instances); {@code @ProcessElement} runs the same
 * {@link RepoJob} as the local engine, under the timeout, and outputs the repository's row.
 */
final class AnalyseFn extends DoFn<RepoEntry, RepoRow> {
    private final EngineSpec spec;
    private final String outDir;
    private final String workDir;
    private final long timeoutMillis;
    private transient RepoJob job;
    private transient OutputDir out;
    private transient ExecutorService exec;

    AnalyseFn(EngineSpec spec, String outDir, String workDir, long timeoutMillis) {
        this.spec = spec;
        this.outDir = outDir;
        this.workDir = workDir;
        this.timeoutMillis = timeoutMillis;
    }

    @Setup
    public void setup() throws Exception {
        out = new OutputDir(Path.of(outDir));
        job = new RepoJob(Analyser.open(spec, AnalyseFn.class.getClassLoader()), out, Path.of(workDir));
        exec = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "perfwarden-beam-job");
            t.setDaemon(true);
            return t;
        });
    }

    @ProcessElement
    public void process(@Element RepoEntry e, OutputReceiver<RepoRow> o) throws Exception {
        o.output(job.runTimed(e, timeoutMillis == 0 ? null : Duration.ofMillis(timeoutMillis), exec));
    }

    @Teardown
    public void teardown() {
        if (exec != null) {
            exec.shutdownNow();
        }
    }
}
