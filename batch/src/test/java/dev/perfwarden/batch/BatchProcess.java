package dev.perfwarden.batch;

import dev.perfwarden.engine.gate.FailOn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A batch in a process of its own, for {@link KillResumeTest}: {@code OUT WORK ID=DIR...}. */
public final class BatchProcess {
    private BatchProcess() {
    }

    public static void main(String[] args) throws Exception {
        List<RepoEntry> entries = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            entries.add(RepoEntry.captures(kv[0], kv[1], List.of()));
        }
        BatchResult r = new LocalBatch().run(new BatchRequest(entries, Path.of(args[0]), Path.of(args[1]), 1, null,
                true, Bundles.goPerf(FailOn.ERROR), List.of()), Progress.NONE);
        System.exit(r.exitCode());
    }
}
