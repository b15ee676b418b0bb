package dev.perfwarden.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A batch to run.
 *
 * @param workDir      where git entries are cloned and modules' captures are made (one folder per entry,
 *                     removed when it is done)
 * @param jobs         workers (local engine) or the pipeline's parallelism hint (Beam)
 * @param timeout      per entry, null for none
 * @param resume       keep the results of entries whose inputs and packs did not change
 * @param pipelineArgs Beam pipeline options ({@code --runner=FlinkRunner}, ...); ignored by the local engine
 */
public record BatchRequest(List<RepoEntry> entries, Path outDir, Path workDir, int jobs, Duration timeout,
                           boolean resume, EngineSpec spec, List<String> pipelineArgs) {
    public BatchRequest {
        entries = List.copyOf(entries);
        pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1");
        }
    }

    /** {@code 90s}, {@code 10m}, {@code 250ms}: as {@code --timeout} takes it. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 3_600_000 == 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 ? ms / 60_000 + "m"
                : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
