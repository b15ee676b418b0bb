package dev.perfwarden.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code perfwarden batch --engine local}: one rule set for the JVM, {@code jobs} workers, one session per
 * repository. At most {@code jobs} repositories are in flight; each one's results go to the output folder
 * as soon as it is done, so memory does not grow with the number of repositories. Timeouts: {@link TimedJob}. With
 * more than one job, a repository that ran out of memory is analysed again after the others, alone: the jobs share one
 * heap, so it may have run out of a neighbour's memory; its row is the second run's.
 */
public final class LocalBatch implements BatchEngine {
    private final java.util.function.Consumer<Object> watcher;

    public LocalBatch() {
        this(x -> { });
    }

    /** A batch whose analyser hands {@code watcher} what each repository made (see {@link Analyser#watching}). */
    LocalBatch(java.util.function.Consumer<Object> watcher) {
        this.watcher = watcher;
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public BatchResult run(BatchRequest req, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        OutputDir out = new OutputDir(req.outDir());
        out.sweep();
        Analyser analyser = Analyser.open(req.spec(), LocalBatch.class.getClassLoader()).watching(watcher);
        RepoJob job = new RepoJob(analyser, out, req.workDir());
        List<RepoEntry> entries = req.entries();
        RepoRow[] rows = job.kept(entries, req.resume());
        List<Integer> todo = new ArrayList<>();
        int resumed = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                todo.add(i);
            } else {
                resumed++;
            }
        }
        progress.start(entries.size(), resumed);
        // jobs workers take entries in order; each waits for its entry's job (run on the second pool) under the timeout
        ExecutorService workers = Executors.newFixedThreadPool(req.jobs(), threads("perfwarden-batch-"));
        ExecutorService jobsPool = Executors.newCachedThreadPool(threads("perfwarden-job-"));
        List<Future<?>> futures = new ArrayList<>();
        List<Integer> alone = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i : todo) {
                futures.add(workers.submit(() -> {
                    rows[i] = job.runTimed(entries.get(i), req.timeout(), jobsPool);
                    if (req.jobs() > 1 && TimedJob.outOfMemory(rows[i])) {
                        alone.add(i); // perhaps a neighbour's memory: tried again with nothing beside it
                    } else {
                        progress.done(rows[i]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            runAlone(alone, rows, job, req, jobsPool, progress);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", x);
        } catch (ExecutionException x) {
            if (x.getCause() instanceof Error err) {
                throw err;
            }
            if (x.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(x.getCause());
        } finally {
            workers.shutdownNow();
            jobsPool.shutdownNow();
            progress.close();
        }
        List<RepoRow> list = Arrays.asList(rows);
        BatchStats stats = BatchStats.of(list, resumed, (System.nanoTime() - t0) / 1_000_000, id());
        return new BatchResult(list, stats, out.finish(list, stats));
    }

    /**
     * The repositories that ran out of memory while others were analysed beside them, again one at a time: they may
     * have run out of their neighbours' memory (one heap for all jobs), so each fails only if it runs out alone too.
     */
    private static void runAlone(List<Integer> alone, RepoRow[] rows, RepoJob job, BatchRequest req,
                                 ExecutorService pool, Progress progress) throws IOException, InterruptedException {
        for (int i : new java.util.TreeSet<>(alone)) {
            rows[i] = job.runTimed(req.entries().get(i), req.timeout(), pool);
            progress.done(rows[i]);
        }
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
