package dev.perfwarden.batch;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one {@link RepoJob} under a timeout. Whoever settles first — the job, about to write its results, or
 * the timeout — owns the entry's row; a timed-out job is interrupted and whatever it produces later is
 * dropped. A bug while analysing one repository becomes that entry's failure ("internal error: ..."), and so does
 * running out of memory ("out of memory ..."): the repository's objects are unreachable once its job has ended, so
 * the batch goes on (attack5 probe 09: one repository's huge report killed the whole batch, exit 70). Any other
 * {@link Error} is thrown.
 */
final class TimedJob {
    /** How the reason of a repository that ran out of memory starts. */
    static final String OUT_OF_MEMORY = "out of memory while analysing it";

    private TimedJob() {
    }

    /** Whether {@code row} failed because the heap ran out while it was analysed. */
    static boolean outOfMemory(RepoRow row) {
        return !row.ok() && row.reason() != null && row.reason().startsWith(OUT_OF_MEMORY);
    }

    static RepoRow run(RepoJob job, RepoEntry e, Duration timeout, ExecutorService exec, OutputDir out)
            throws IOException, InterruptedException {
        AtomicBoolean settled = new AtomicBoolean();
        Future<RepoRow> f = exec.submit(() -> job.run(e, () -> settled.compareAndSet(false, true)));
        try {
            return timeout == null ? f.get() : f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException x) {
            if (settled.compareAndSet(false, true)) {
                f.cancel(true);
                RepoRow row = RepoRow.failed(e, "exceeded --timeout " + BatchRequest.format(timeout),
                        timeout.toMillis(), null, null);
                out.writeRepo(row, null);
                return row;
            }
            return result(f, e, settled, out); // it was already writing its results: let it finish
        } catch (ExecutionException x) {
            return failure(x.getCause(), e, settled, out);
        }
    }

    private static RepoRow result(Future<RepoRow> f, RepoEntry e, AtomicBoolean settled, OutputDir out)
            throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException x) {
            return failure(x.getCause(), e, settled, out);
        }
    }

    private static RepoRow failure(Throwable cause, RepoEntry e, AtomicBoolean settled, OutputDir out)
            throws IOException {
        if (cause instanceof OutOfMemoryError) {
            RepoRow row = RepoRow.failed(e, OUT_OF_MEMORY + " (maximum heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; give more with PERFWARDEN_JAVA_OPTS=-Xmx4g)",
                    0, null, null);
            settled.set(true);
            out.writeRepo(row, null);
            return row;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause instanceof IOException io) {
            throw io; // the output folder cannot be written: the batch cannot go on
        }
        System.err.println("perfwarden: internal error while analysing " + e.id() + ":");
        cause.printStackTrace();
        RepoRow row = RepoRow.failed(e, "internal error: " + cause, 0, null, null);
        settled.set(true);
        out.writeRepo(row, null);
        return row;
    }
}
