package dev.perfwarden.engine.frontend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a piece of pack loading whose cost the pack's text decides (Drools' DSL expander matches each sentence
 * with java.util.regex patterns made from the pack's own DSL: lazy slots backtrack polynomially) within a budget
 * of CPU time, on a daemon thread of its own. Over budget, the thread is interrupted and then stopped with
 * {@code Thread.stop}, as {@code restrict.SessionGuard} stops a consequence (Java 17 performs it; a later JVM leaves the
 * daemon thread running until the process exits, and the load is refused all the same).
 */
public final class CpuBound {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long POLL_MILLIS = 20;
    private static final long GRACE_MILLIS = 500;
    private static final int STOPS = 20;
    private static final long STOP_WAIT_MILLIS = 100;

    /** The work went over its budget; it was stopped. */
    public static final class Exceeded extends Exception {
        Exceeded(String message) {
            super(message);
        }
    }

    private CpuBound() {
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    /**
     * Stops {@code worker}, again while it lives, for up to {@value #STOPS} tries {@value #STOP_WAIT_MILLIS} ms apart:
     * one stop is not always the end of it (a {@code ThreadDeath} that code on the worker's stack catches, as any
     * catch of {@code Throwable} does, leaves it running). DslrSentenceTest once saw the stopped expansion's thread still
     * alive 5 s after a single stop, in CI on a quiet machine; the cause was not pinned down.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stopUntilDead(Thread worker) throws InterruptedException {
        for (int i = 0; i < STOPS && worker.isAlive(); i++) {
            try {
                worker.stop();
            } catch (UnsupportedOperationException e) {
                return; // Java 20+: the daemon thread runs on until the process exits; the load is refused
            }
            worker.join(STOP_WAIT_MILLIS);
        }
    }

    /**
     * The result of {@code work}, run within {@code cpu} of CPU time (and 3 x that of wall-clock time, for a
     * machine that measures no thread CPU time or a busy one). Errors and runtime exceptions of the work are
     * rethrown as they are.
     */
    public static <T> T run(Duration cpu, Supplier<T> work) throws Exceeded {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "perfwarden-bounded-load");
        worker.setDaemon(true);
        boolean cpuClock = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        long wallDeadline = System.nanoTime() + 3 * cpu.toNanos();
        worker.start();
        try {
            while (worker.isAlive()) {
                worker.join(POLL_MILLIS);
                boolean overCpu = cpuClock && THREADS.getThreadCpuTime(worker.getId()) > cpu.toNanos();
                boolean overWall = System.nanoTime() - wallDeadline > 0;
                if ((overCpu || overWall) && worker.isAlive()) {
                    worker.interrupt();
                    worker.join(GRACE_MILLIS);
                    stopUntilDead(worker);
                    throw new Exceeded("took more than " + (overCpu ? seconds(cpu) + " s of CPU time"
                            : seconds(cpu.multipliedBy(3)) + " s of wall-clock time (3 x its CPU budget)")
                            + " and was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new Exceeded("was interrupted");
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        return result.get();
    }
}
