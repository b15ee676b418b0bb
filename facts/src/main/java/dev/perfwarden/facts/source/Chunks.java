package dev.perfwarden.facts.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An index range [0, size) worked on by several threads in chunks that each thread claims in order until none is
 * left, for {@link FunctionResolver}'s steps over all facts. Not one contiguous range per thread: on Go's standard
 * library the {@code -json} tree's facts (after the {@code -m} text's in the list) cost some three times as much each
 * to resolve, so the thread with the last range ran alone for most of the step (JFR: 64 samples on it, 23 on the
 * other; docs/design/partition.md, session 11).
 */
final class Chunks {
    /** How many indexes a thread claims at a time. */
    static final int CHUNK = 4096;

    /** Work on the index range [from, to). */
    interface Range {
        void run(int from, int to);
    }

    private Chunks() {
    }

    /**
     * Runs {@code work} over [0, size) on {@code n} threads, the calling thread one of them, each claiming {@code chunk}
     * indexes at a time; returns when all is done.
     */
    static void run(int size, int n, int chunk, Range work) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int from = next.getAndAdd(chunk); from < size; from = next.getAndAdd(chunk)) {
                work.run(from, (int) Math.min((long) from + chunk, size));
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, n - 1), r -> {
            Thread t = new Thread(r, "perfwarden-resolve");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int k = 0; k < n - 1; k++) {
                parts.add(pool.submit(worker));
            }
            worker.run();
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err; // out of memory stays out of memory
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
