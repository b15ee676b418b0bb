package dev.perfwarden.engine.frontend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * What the three watchers of work whose cost a pack decides share ({@link CpuBound}: a DSL expansion;
 * {@code restrict.CompileGuard}: a pack's check and compile; {@code restrict.SessionGuard}: a session's rules): the
 * worker thread's CPU clock, the heap that is really free, and how a worker over its bound is ended.
 */
public final class Watched {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How many times a worker is stopped, {@value #STOP_WAIT_MILLIS} ms apart, before it is given up. */
    static final int STOPS = 20;
    static final long STOP_WAIT_MILLIS = 100;

    private Watched() {
    }

    /** Whether this JVM measures the CPU time of a thread. */
    public static boolean cpuClock() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** The CPU time of {@code t} in nanoseconds; -1 without a CPU clock or once it has ended. */
    public static long cpuNanos(Thread t) {
        return cpuClock() ? THREADS.getThreadCpuTime(t.getId()) : -1;
    }

    /** The CPU time of the current thread in nanoseconds; -1 without a CPU clock. */
    public static long cpuNanosOfCurrentThread() {
        return cpuClock() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Whether less than {@code headroom} bytes of heap are free once the garbage is collected (garbage is no breach). */
    public static boolean lowHeap(long headroom) {
        if (free() >= headroom) {
            return false;
        }
        System.gc();
        return free() < headroom;
    }

    private static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Ends {@code worker}: interrupts it, waits {@code graceMillis}, then stops it with {@code Thread.stop} again while
     * it lives, up to {@value #STOPS} times {@value #STOP_WAIT_MILLIS} ms apart (one stop is not always the end: a
     * {@code ThreadDeath} caught by code on its stack, as any catch of {@code Throwable} catches it, leaves it running;
     * DslrSentenceTest once saw a stopped expansion alive 5 s after a single stop). Java 17 performs the stop; a later
     * JVM has none and the daemon thread runs until the process exits.
     *
     * @return null when the worker ended, else why it is still running
     */
    @SuppressWarnings({"deprecation", "removal"})
    public static String stop(Thread worker, long graceMillis) {
        worker.interrupt();
        try {
            worker.join(graceMillis);
            for (int i = 0; i < STOPS && worker.isAlive(); i++) {
                try {
                    worker.stop();
                } catch (UnsupportedOperationException e) {
                    return "its thread could not be stopped (this Java runtime, " + Runtime.version() + ", has no"
                            + " Thread.stop; perfwarden is built for Java 17) and was left running until the process"
                            + " exits";
                }
                worker.join(STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return worker.isAlive() ? "its thread did not end when stopped " + STOPS + " times (the code caught the stop)"
                + " and was left running until the process exits" : null;
    }

    /** {@code 60} or {@code 0.5}: a duration in seconds as the refusals print it. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }
}
