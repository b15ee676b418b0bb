package dev.perfwarden.engine.frontend;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a piece of pack loading whose cost the pack's text decides (Drools' DSL expander matches each sentence
 * with java.util.regex patterns made from the pack's own DSL: lazy slots backtrack polynomially) within a budget
 * of CPU time, on a daemon thread of its own. Over budget, the thread is interrupted and then stopped with
 * {@code Thread.stop} ({@link Watched#stop}), as {@code restrict.SessionGuard} stops a consequence.
 */
public final class CpuBound {
    private static final long POLL_MILLIS = 20;
    private static final long GRACE_MILLIS = 500;

    /** The work went over its budget; it was stopped. */
    public static final class Exceeded extends Exception {
        Exceeded(String message) {
            super(message);
        }
    }

    private CpuBound() {
    }

    /**
     * The result of {@code work}, run within {@code cpu} of CPU time (and 3 x that of wall-clock time, for a
     * machine that measures no thread CPU time or a busy one). Errors and runtime exceptions of the work are
     * rethrown as they are.
     */
    public static <T> T run(Duration cpu, Supplier<T> work) throws Exceeded {
        return run(cpu, work, used -> { });
    }

    /**
     * As {@link #run(Duration, Supplier)}, telling {@code used} how much CPU time the work took (all of {@code cpu}
     * when it was stopped), so that several pieces of work can share one budget.
     */
    public static <T> T run(Duration cpu, Supplier<T> work, java.util.function.LongConsumer used) throws Exceeded {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong spent = new java.util.concurrent.atomic.AtomicLong(-1);
        Thread worker = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                spent.set(Watched.cpuNanosOfCurrentThread());
            }
        }, "perfwarden-bounded-load");
        worker.setDaemon(true);
        boolean cpuClock = Watched.cpuClock();
        long wallDeadline = System.nanoTime() + 3 * cpu.toNanos();
        worker.start();
        try {
            while (worker.isAlive()) {
                worker.join(POLL_MILLIS);
                boolean overCpu = cpuClock && Watched.cpuNanos(worker) > cpu.toNanos();
                boolean overWall = System.nanoTime() - wallDeadline > 0;
                if ((overCpu || overWall) && worker.isAlive()) {
                    Watched.stop(worker, GRACE_MILLIS);
                    used.accept(cpu.toNanos());
                    throw new Exceeded("took more than " + (overCpu ? Watched.seconds(cpu) + " s of CPU time"
                            : Watched.seconds(cpu.multipliedBy(3)) + " s of wall-clock time (3 x its CPU budget)")
                            + " and was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new Exceeded("was interrupted");
        }
        used.accept(spent.get() >= 0 ? spent.get() : 0);
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
