package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.frontend.Watched;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds the work whose cost a pack's text decides before any session runs: the restricted check of a pack and
 * the build of a rule base (Drools' KieBase: classic DRL compile, executable model, pack cache). Before, both ran on
 * the caller's thread outside every limit: 200 queries of 10 joined patterns took 7 s to check and 22 s to compile,
 * and the cost grows with the text. The work runs on a daemon thread of its own, watched every {@value #POLL_MILLIS}
 * ms as {@link SessionGuard} watches a session: its CPU time and the garbage collection's ({@link #time()}, default
 * {@value #DEFAULT_SECONDS} s;
 * {@value #WALL_FACTOR} x that of wall-clock time), and the heap that must stay free ({@link #headroom()}, default
 * 64 MiB). Over a bound the thread is interrupted, then stopped with {@code Thread.stop} (Java 17 performs it; a
 * later JVM leaves the daemon thread running until the process exits) and the pack is refused with exit 2: "pack X:
 * compiling took more than 60 s of CPU time". An {@link OutOfMemoryError} or {@link StackOverflowError} of the work
 * is the pack's fault too (exit 2, never 70). System properties {@code perfwarden.compileTime} ({@code 30s},
 * {@code 2m}) and {@code perfwarden.compileHeadroom} ({@code 128MiB}) change the bounds (tests use them).
 */
public final class CompileGuard {
    static final long DEFAULT_SECONDS = 60;
    /** Wall-clock backstop as a multiple of the CPU budget (5: a cold compile here took 2.5-4.5 x its CPU time). */
    static final int WALL_FACTOR = 5;
    private static final long POLL_MILLIS = 20;
    private static final long GRACE_MILLIS = 500;
    /** The worker's stack: as the launcher's threads' (4 MiB), not the JVM's default 1 MiB for new threads. */
    private static final long STACK_BYTES = 4L << 20;

    private CompileGuard() {
    }

    /** The CPU time one check or compile may take. */
    public static Duration time() {
        String v = System.getProperty("perfwarden.compileTime");
        return v == null || v.isBlank() ? Duration.ofSeconds(DEFAULT_SECONDS)
                : SessionLimits.defaults().with(SessionLimits.TIME, v).time();
    }

    /** The heap that must stay free while a pack is checked or compiled. */
    public static long headroom() {
        String v = System.getProperty("perfwarden.compileHeadroom");
        return v == null || v.isBlank() ? SessionLimits.defaults().heapHeadroom()
                : SessionLimits.defaults().with(SessionLimits.HEAP_HEADROOM, v).heapHeadroom();
    }

    /**
     * The result of {@code work} ({@code what}: "compiling", "checking"), run within the bounds; over one, every pack
     * of {@code packs} that is not built in is refused. Runtime exceptions of the work are rethrown as they are, as
     * is a {@link PackException}.
     *
     * @throws PackException the work's own, or a bound broken (one problem per pack that is not built in)
     */
    public static <T> T run(String what, List<Pack> packs, Callable<T> work) throws PackException {
        return run(what, packs, work, null);
    }

    /**
     * The CPU time that several checks of one run may take together: each check of a pack is bounded by
     * {@link #time()}, and all of them by this, so that a project file listing many packs, each tuned to stay just
     * under the bound, cannot make a run take that bound times the number of packs (attack4 left it untried). Used
     * by one thread at a time (a session's checks run one after another).
     */
    public static final class Budget {
        private final long total;
        private long used;

        public Budget() {
            this(time());
        }

        Budget(Duration total) {
            this.total = total.toNanos();
        }

        long remaining() {
            return Math.max(0, total - used);
        }
    }

    /** As {@link #run(String, List, Callable)}, the work's CPU time also counted in {@code budget} (null: none). */
    public static <T> T run(String what, List<Pack> packs, Callable<T> work, Budget budget) throws PackException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong spent = new java.util.concurrent.atomic.AtomicLong();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                spent.set(Math.max(0, Watched.cpuNanosOfCurrentThread()));
            }
        }, "perfwarden-bounded-compile", STACK_BYTES);
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        Duration cpu = budget == null ? time() : Duration.ofNanos(Math.min(time().toNanos(), budget.remaining()));
        String over = watch(worker, cpu);
        if (budget != null) {
            budget.used += over != null ? cpu.toNanos() : spent.get();
        }
        if (over != null) {
            throw refused(what, packs, over + (budget != null && cpu.compareTo(time()) < 0 ? " (what was left of the "
                    + Watched.seconds(Duration.ofNanos(budget.total)) + " s all the packs of a run may take to " + verb(what)
                    + " together)" : ""));
        }
        Throwable t = failure.get();
        if (has(t, OutOfMemoryError.class)) {
            throw refused(what, packs, "ran out of memory");
        }
        if (has(t, StackOverflowError.class)) {
            throw refused(what, packs, "nests too deeply (it overflowed the thread's stack)");
        }
        if (t instanceof PackException pe) {
            throw pe;
        }
        if (t instanceof RuntimeException re && packs.stream().anyMatch(p -> !p.builtin())
                && !(re instanceof IllegalStateException && String.valueOf(re.getMessage()).startsWith("perfwarden"))) {
            // Drools failed on what a pack wrote (attack2 probe 09: @position(x) on a declared field threw
            // NumberFormatException out of the build): the pack's fault, exit 2, not an internal error
            throw refused(what, packs, "failed: Drools threw " + re.getClass().getName() + ": "
                    + shorten(String.valueOf(re.getMessage())));
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
        return result.get();
    }

    /** Starts {@code worker} and waits for it; null when it ended within the bounds, else which bound it broke. */
    private static String watch(Thread worker, Duration cpu) {
        long headroom = headroom();
        boolean cpuClock = Watched.cpuClock();
        long wallDeadline = System.nanoTime() + WALL_FACTOR * cpu.toNanos();
        long gc0 = gcNanos();
        worker.start();
        try {
            while (worker.isAlive()) {
                worker.join(POLL_MILLIS);
                String over = cpuClock && Watched.cpuNanos(worker) + gcNanos() - gc0 > cpu.toNanos()
                        ? "took more than " + Watched.seconds(cpu) + " s of CPU time"
                        : System.nanoTime() - wallDeadline > 0
                        ? "took more than " + Watched.seconds(cpu.multipliedBy(WALL_FACTOR)) + " s of wall-clock time ("
                        + WALL_FACTOR + " x its CPU budget)"
                        : Watched.lowHeap(headroom) ? "left less than " + (headroom >> 20) + " MiB of heap free" : null;
                if (over != null && worker.isAlive()) {
                    Watched.stop(worker, GRACE_MILLIS);
                    return over;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Watched.stop(worker, GRACE_MILLIS);
            return "was interrupted";
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Garbage collection time of the process so far: counted with the worker's CPU time, since a build that fills the
     * heap spends its time in the collector, which the worker's own clock does not count (attack2 probe 06's 3,000
     * queries ran 6 minutes, mostly collecting, before the heap watch stopped them).
     */
    private static long gcNanos() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms * 1_000_000;
    }

    private static PackException refused(String what, List<Pack> packs, String over) {
        List<Pack> blamed = packs.stream().filter(p -> !p.builtin()).toList();
        if (blamed.isEmpty()) {
            blamed = packs;
        }
        String ids = String.join(", ", blamed.stream().map(Pack::id).toList());
        List<Problem> problems = new ArrayList<>();
        for (Pack p : blamed) {
            boolean bound = over.startsWith("took") || over.startsWith("left");
            problems.add(new Problem(p.id(), p.origin(), "", 0, 0, "pack " + (blamed.size() == 1 ? ids
                    : p.id() + " (with " + ids + ")") + ": " + what + " " + over + (bound ? " and was stopped" : "")
                    + ": refused (" + (bound ? "a pack may take at most " + Watched.seconds(time()) + " s of CPU time to "
                    + verb(what) + ", and must leave " + (headroom() >> 20) + " MiB of heap free; split it into"
                    + " smaller packs" + (over.contains("all the packs of a run") ? ", or list fewer" : "") + ")" : "the pack's fault, not perfwarden's; write it differently)")));
        }
        return new PackException(problems);
    }

    private static String verb(String what) {
        return what.endsWith("ing") ? what.substring(0, what.length() - 3).replace("compil", "compile")
                .toLowerCase(Locale.ROOT) : what;
    }
}
