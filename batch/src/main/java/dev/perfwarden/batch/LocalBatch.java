package dev.perfwarden.batch;

import dev.perfwarden.engine.pack.PackException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code perfwarden batch --engine local}: one rule set for the JVM, {@code jobs} workers, one session per
 * repository. At most {@code jobs} repositories are in flight; each one's results go to the output folder
 * as soon as it is done, so memory does not grow with the number of repositories. An entry that exceeds
 * the timeout is recorded as failed at once and its worker interrupted; whatever it produces later is
 * dropped.
 */
public final class LocalBatch implements BatchEngine {
    @Override
    public String id() {
        return "local";
    }

    @Override
    public BatchResult run(BatchRequest req, Progress progress) throws IOException, PackException {
        long t0 = System.nanoTime();
        OutputDir out = new OutputDir(req.outDir());
        out.sweep();
        Analyser analyser = Analyser.build(req.spec(), LocalBatch.class.getClassLoader());
        RepoJob job = new RepoJob(analyser, out, req.workDir());
        List<RepoEntry> entries = req.entries();
        RepoRow[] rows = new RepoRow[entries.size()];
        List<Integer> todo = new ArrayList<>();
        int resumed = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (req.resume()) {
                var kept = job.reusable(entries.get(i));
                if (kept.isPresent()) {
                    rows[i] = kept.get();
                    resumed++;
                    continue;
                }
            }
            todo.add(i);
        }
        progress.start(entries.size(), resumed);
        ExecutorService pool = Executors.newCachedThreadPool(threads("perfwarden-batch-"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("perfwarden-timeout-"));
        Semaphore inFlight = new Semaphore(req.jobs());
        CountDownLatch left = new CountDownLatch(todo.size());
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        try {
            for (int i : todo) {
                inFlight.acquire();
                if (fatal.get() != null) {
                    break;
                }
                RepoEntry e = entries.get(i);
                AtomicBoolean settled = new AtomicBoolean();
                Runnable conclude = () -> {
                    progress.done(rows[i]);
                    inFlight.release();
                    left.countDown();
                };
                Future<?> task = pool.submit(() -> {
                    try {
                        AtomicBoolean mine = new AtomicBoolean();
                        RepoRow r = job.run(e, () -> {
                            mine.set(settled.compareAndSet(false, true));
                            return mine.get();
                        });
                        if (mine.get()) { // else it timed out and its failure is already recorded
                            rows[i] = r;
                            conclude.run();
                        }
                    } catch (Error x) {
                        fatal.compareAndSet(null, x);
                        drain(left, inFlight);
                    } catch (Throwable x) {
                        // a bug while analysing one repository: record it, keep the batch going
                        if (settled.compareAndSet(false, true)) {
                            rows[i] = RepoRow.failed(e, "internal error: " + x, 0, null, null);
                            x.printStackTrace();
                            writeQuietly(out, rows[i]);
                            conclude.run();
                        }
                    }
                });
                if (req.timeout() != null) {
                    timer.schedule(() -> {
                        if (settled.compareAndSet(false, true)) {
                            rows[i] = RepoRow.failed(e, "exceeded --timeout " + BatchRequest.format(req.timeout()),
                                    req.timeout().toMillis(), null, null);
                            writeQuietly(out, rows[i]);
                            task.cancel(true);
                            conclude.run();
                        }
                    }, req.timeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            if (fatal.get() == null) {
                left.await();
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", x);
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
            progress.close();
        }
        if (fatal.get() instanceof Error err) {
            throw err;
        }
        List<RepoRow> list = Arrays.asList(rows);
        BatchStats stats = BatchStats.of(list, resumed, (System.nanoTime() - t0) / 1_000_000, id());
        return new BatchResult(list, stats, out.finish(list, stats));
    }

    private static void drain(CountDownLatch left, Semaphore inFlight) {
        while (left.getCount() > 0) {
            left.countDown();
        }
        inFlight.release(Integer.MAX_VALUE / 2);
    }

    private static void writeQuietly(OutputDir out, RepoRow row) {
        try {
            out.writeRepo(row, null, null, null);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
