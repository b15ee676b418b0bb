package dev.perfwarden.engine.restrict;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.definition.rule.Rule;
import dev.perfwarden.engine.frontend.Watched;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.facts.contract.ContractClause;
import dev.perfwarden.facts.contract.ContractRegex;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one Drools session under {@link SessionLimits}. The session works on a thread of its own; the caller's
 * thread watches it:
 * <ul>
 *   <li>firings and facts inserted by consequences are counted by session listeners, which stop the session
 *       (by throwing out of the consequence) as soon as a count passes its limit;</li>
 *   <li>the time limit counts the CPU time of the session's thread (what the rules cost, the same on a busy CI
 *       runner as on an idle laptop), with a wall-clock backstop of {@link #WALL_FACTOR} times the limit for a
 *       consequence that waits or sleeps; where the JVM measures no thread CPU time, the limit is wall time.
 *       Time and heap headroom are checked by the watching thread every few milliseconds (and by the
 *       listeners every {@link #CPU_CHECK_EVERY} firings); on a breach it halts the session (which ends the run between firings) and
 *       interrupts the thread (which ends a consequence that waits or sleeps); a consequence still running
 *       after a grace period (a loop inside one firing) is stopped with {@code Thread.stop}, which Java 17
 *       (the runtime perfwarden is built and tested on) still performs: the consequence ends with a
 *       {@code ThreadDeath} at its next safepoint and its session is dropped. The shared KieBase is only read
 *       by a running session, so other sessions of the same rule set (batch workers) go on;</li>
 *   <li>on a JVM that no longer stops threads (Java 20 and later throw {@code UnsupportedOperationException}), or
 *       when a trusted consequence catches the {@code ThreadDeath} and goes on, the thread is <em>abandoned</em>:
 *       it is a daemon, so it does not keep the process alive, but it keeps a core busy until the process
 *       exits. The breach says so ({@link SessionLimitException#abandoned()}), its session is not disposed
 *       (that would race with the running consequence), and {@link #abandonedThreads()} counts them;</li>
 *   <li>an {@link OutOfMemoryError} on the session's thread (one huge allocation) is a heap breach;</li>
 *   <li>a {@link StackOverflowError} on the session's thread (a collection that holds itself and is hashed or
 *       compared, which restricted code can build) is a {@link #STACK} breach: the pack's fault, not an internal
 *       error.</li>
 * </ul>
 * Every breach is a {@link SessionLimitException} naming the pack and rule. A consequence that throws is a
 * {@link PackFaultException} naming its rule and pack (exit 2: the pack's fault); the caller turns it back into an
 * internal error when the pack is built in.
 */
public final class SessionGuard {
    private static final long POLL_MILLIS = 20;
    private static final long GRACE_MILLIS = 500;
    /** The wall-clock backstop, as a multiple of the time limit (which counts CPU time). */
    static final int WALL_FACTOR = 3;
    /** How often (in firings) a listener reads its thread's CPU time (a system call, unlike the firing count). */
    private static final int CPU_CHECK_EVERY = 256;
    /** The breach of a session whose rules overflowed its thread's stack (not a tunable limit). */
    public static final String STACK = "stack";

    private static final java.util.concurrent.atomic.AtomicInteger ABANDONED = new java.util.concurrent.atomic.AtomicInteger();

    private SessionGuard() {
    }

    /** How many session threads this process could not stop and left running (see the class comment). */
    public static int abandonedThreads() {
        return ABANDONED.get();
    }

    /**
     * What was running when a limit broke: {@code [pack, rule]}; {@code clause} the contract clause whose pattern the
     * session's thread was matching then (null when none).
     */
    private record Running(String pack, String rule, ContractClause clause) {
        static final Running NONE = new Running("", "");
        /**
         * Between two firings: Drools matches the conditions of every pack lazily while it works the agenda, so time
         * spent then is no consequence's (attack6 probe 07 blamed the built-in rule that had fired last). Compared by
         * identity.
         */
        static final Running MATCHING = new Running("", "");

        Running(String pack, String rule) {
            this(pack, rule, null);
        }

        /**
         * {@code r}, or the contract clause whose pattern {@code worker} is matching now, or whose patterns took most of
         * its {@code nanos} (attack5 probe 03: a backtracking pattern blamed the rule that fired last).
         */
        static Running in(Thread worker, long nanos, Running r) {
            ContractClause c = ContractRegex.blame(worker, nanos).orElse(null);
            return c == null ? r : new Running("contracts", c.ruleId(), c);
        }
    }

    /**
     * Runs {@code work} (insert the facts, fire the rules) on {@code session} within {@code limits}; the hits the
     * rules insert are held to {@code budget} (shared by the sessions of one run).
     *
     * @param packOfRule maps a rule's DRL package to its pack id
     * @param fromPaths  the ids of the session's packs that are not built in: what a breach outside any consequence
     *                   (while matching) names as the suspects, and the only packs its advice may raise a limit for
     */
    public static void run(KieSession session, SessionLimits limits, Function<String, String> packOfRule,
                           List<String> fromPaths, HitBudget budget, Consumer<KieSession> work) {
        AtomicReference<Running> running = new AtomicReference<>(Running.NONE);
        AtomicReference<SessionLimitException> breach = new Breach(fromPaths);
        Clock clock = Clock.start(limits);
        listen(session, limits, packOfRule, clock, running, breach);
        budget(session, budget, packOfRule, breach);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                work.accept(session);
            } catch (OutOfMemoryError e) {
                fail(breach, running.get(), SessionLimits.HEAP_HEADROOM, "the rules ran out of memory ("
                        + e.getMessage() + ")");
            } catch (Throwable t) {
                if (stackOverflow(t)) {
                    breach.compareAndSet(null, stackBreach(running.get(), fromPaths));
                } else {
                    failure.set(t);
                }
            }
        }, "perfwarden-session");
        worker.setDaemon(true);
        worker.start();
        try {
            watch(session, worker, limits, clock, running, breach);
        } finally {
            ContractRegex.forget(worker);
        }
        if (breach.get() != null) {
            throw breach.get();
        }
        rethrow(failure.get(), packOfRule);
    }

    /**
     * Counts firings and inserted facts on the session's own thread: a limit broken there throws out of the
     * firing rule. Every {@link #CPU_CHECK_EVERY} firings the clocks and heap are checked as well.
     */
    private static void listen(KieSession session, SessionLimits limits, Function<String, String> packOfRule,
                               Clock clock, AtomicReference<Running> running,
                               AtomicReference<SessionLimitException> breach) {
        AtomicLong firings = new AtomicLong();
        AtomicLong inserted = new AtomicLong();
        RuleCounts fired = new RuleCounts();
        RuleCounts inserts = new RuleCounts();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                Rule r = event.getMatch().getRule();
                running.set(new Running(packOfRule.apply(r.getPackageName()), r.getName()));
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule());
                if (firings.incrementAndGet() > limits.firings()) {
                    fail(breach, mostUsed(fired, packOfRule, running.get()), SessionLimits.FIRINGS,
                            "rules fired more than " + limits.firings() + " times" + share(fired, packOfRule, "fired")
                                    + " (a rule loops, or the pack matches far more than it should)");
                }
                if (firings.get() % CPU_CHECK_EVERY == 0) {
                    checkClockAndHeap(limits, clock, clock.cpuOfCurrentThread(), breach, running.get());
                }
                if (breach.get() != null) {
                    throw breach.get();
                }
                running.set(Running.MATCHING); // its consequence is over: what runs now is matching
            }
        });
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getRule() == null) {
                    return;
                }
                inserts.add(event.getRule());
                if (inserted.incrementAndGet() > limits.facts()) {
                    throw fail(breach, mostUsed(inserts, packOfRule, running.get()), SessionLimits.FACTS,
                            "rules inserted more than " + limits.facts() + " facts"
                                    + share(inserts, packOfRule, "inserted"));
                }
            }
        });
    }

    /**
     * The rule a count's breach is blamed on: the one that used the most of it (which may not be the one running,
     * attack4 probe 05), else the one running.
     */
    private static Running mostUsed(RuleCounts counts, Function<String, String> packOfRule, Running running) {
        String[] top = counts.top(packOfRule);
        return top == null ? running : new Running(top[0], top[1]);
    }

    /** {@code " (rule R of pack P fired N of them)"}, naming the rule that used the most. */
    private static String share(RuleCounts counts, Function<String, String> packOfRule, String verb) {
        String[] top = counts.top(packOfRule);
        return top == null ? "" : " (rule " + top[1] + " of pack " + top[0] + " " + verb + " " + top[2] + " of them)";
    }

    /** Holds the hits the rules insert to {@code budget}: a breach throws out of the inserting rule. */
    private static void budget(KieSession session, HitBudget budget, Function<String, String> packOfRule,
                               AtomicReference<SessionLimitException> breach) {
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                HitBudget.Breach why = event.getRule() != null && event.getObject() instanceof Hit h
                        ? budget.add(h, event.getRule().getPackageName()) : null;
                if (why != null) {
                    Running r = new Running(packOfRule.apply(why.pkg()), why.rule());
                    breach.compareAndSet(null, new SessionLimitException(HitBudget.FINDINGS, r.pack(), r.rule(),
                            "session limit '" + HitBudget.FINDINGS + "' exceeded in rule " + r.rule() + " of pack "
                                    + r.pack() + ": " + why.why()
                                    + "; the run was stopped (a report could not hold them)"));
                    throw breach.get();
                }
            }
        });
    }

    /**
     * Waits for the session's thread, checking its CPU time and the heap every {@link #POLL_MILLIS}; on a breach
     * stops it, and counts and reports a thread that would not stop.
     */
    private static void watch(KieSession session, Thread worker, SessionLimits limits, Clock clock,
                              AtomicReference<Running> running, AtomicReference<SessionLimitException> breach) {
        try {
            while (worker.isAlive()) {
                worker.join(POLL_MILLIS);
                if (breach.get() == null) {
                    long cpu = clock.cpuOf(worker);
                    checkClockAndHeap(limits, clock, cpu, breach, Running.in(worker, cpu, running.get()));
                }
                if (breach.get() != null && worker.isAlive()) {
                    String left = stop(session, worker);
                    if (left != null) {
                        ABANDONED.incrementAndGet();
                        throw breach.get().abandonedThread(left);
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (stop(session, worker) != null) {
                ABANDONED.incrementAndGet();
            }
            throw new IllegalStateException("interrupted while the rules ran", e);
        }
    }

    /**
     * Throws what the session's work threw, if anything: a limit broken inside it first; what a rule's consequence
     * threw as a {@link PackFaultException} naming the rule and its pack (the pack's fault, not perfwarden's);
     * anything else as it is.
     */
    private static void rethrow(Throwable t, Function<String, String> packOfRule) {
        SessionLimitException inner = cause(t);
        if (inner != null) {
            throw inner;
        }
        ConsequenceException ce = find(t, ConsequenceException.class);
        if (ce != null && ce.getRule() != null) {
            Throwable thrown = ce.getCause() != null ? ce.getCause() : ce;
            throw PackFaultException.consequence(packOfRule.apply(ce.getRule().getPackageName()),
                    ce.getRule().getName(), "", thrown);
        }
        PackFaultException constraint = constraintError(t);
        if (constraint != null) {
            throw constraint;
        }
        if (t != null && fromOrAccumulate(t)) {
            throw PackFaultException.unattributed("", t);
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
    }

    /** The session's clocks: its thread's CPU time against the limit, wall time against the backstop. */
    private record Clock(long limitNanos, long wallDeadline, boolean cpu) {
        static Clock start(SessionLimits limits) {
            boolean cpu = Watched.cpuClock();
            long limit = limits.time().toNanos();
            long wall = !cpu ? limit : limit > Long.MAX_VALUE / (4L * WALL_FACTOR) ? Long.MAX_VALUE / 4 : limit * WALL_FACTOR;
            return new Clock(limit, System.nanoTime() + wall, cpu);
        }

        long cpuOfCurrentThread() {
            return cpu ? Watched.cpuNanosOfCurrentThread() : -1;
        }

        long cpuOf(Thread t) {
            return cpu ? Watched.cpuNanos(t) : -1;
        }
    }

    private static void checkClockAndHeap(SessionLimits limits, Clock clock, long cpuNanos,
                                          AtomicReference<SessionLimitException> breach, Running r) {
        String limit = limits.describe().get(SessionLimits.TIME);
        if (clock.cpu() && cpuNanos > clock.limitNanos()) {
            fail(breach, r, SessionLimits.TIME, "the rules used more than " + limit + " of CPU time");
            return;
        }
        if (System.nanoTime() - clock.wallDeadline() > 0) {
            fail(breach, r, SessionLimits.TIME, clock.cpu()
                    ? "the rules ran longer than " + WALL_FACTOR + " x " + limit + " of wall-clock time (the limit"
                            + " counts CPU time; a consequence that waits uses none)"
                    : "the rules ran longer than " + limit);
            return;
        }
        if (Watched.lowHeap(limits.heapHeadroom())) {
            fail(breach, r, SessionLimits.HEAP_HEADROOM, "the rules left less than "
                    + limits.describe().get(SessionLimits.HEAP_HEADROOM) + " of heap free");
        }
    }

    private static SessionLimitException fail(AtomicReference<SessionLimitException> breach, Running r, String limit,
                                              String what) {
        if (r.clause() != null) {
            breach.compareAndSet(null, new SessionLimitException(limit, r.pack(), r.rule(), "session limit '" + limit
                    + "' exceeded while matching the pattern of contract clause " + r.rule() + " (" + r.clause().where()
                    + "): " + what + "; the run was stopped (simplify the clause's pattern)"));
            return breach.get();
        }
        List<String> fromPaths = breach instanceof Breach b ? b.fromPaths : List.of();
        SessionLimitException e = new SessionLimitException(limit, r.pack(), r.rule(), "session limit '" + limit
                + "' exceeded " + who(r) + ": " + what + "; the run was stopped (" + advice(limit, r, fromPaths) + ")");
        breach.compareAndSet(null, e);
        return breach.get();
    }

    /**
     * Ends the session's run: halt, then {@link Watched#stop} (interrupt, and after a grace period {@code Thread.stop}
     * while it lives: a consequence that does not return, or that catches the stop). Returns null when the thread
     * ended, else why it is still running.
     */
    private static String stop(KieSession session, Thread worker) {
        try {
            session.halt();
        } catch (RuntimeException e) {
            // the session may be in any state; ending the thread is what counts
        }
        return Watched.stop(worker, GRACE_MILLIS);
    }

    private static boolean stackOverflow(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StackOverflowError) {
                return true;
            }
        }
        return false;
    }

    private static SessionLimitException stackBreach(Running r, List<String> fromPaths) {
        String suspects = r.rule().isEmpty() && !fromPaths.isEmpty()
                ? " (packs loaded from a path: " + String.join(", ", fromPaths) + ")" : "";
        return new SessionLimitException(STACK, r.pack(), r.rule(), "session limit '" + STACK + "' exceeded " + who(r)
                + ": the rules overflowed the session thread's stack (a collection that contains itself, hashed,"
                + " compared or printed; or recursion too deep); the run was stopped" + suspects);
    }

    /** Where a limit broke: in a rule's consequence, or while the conditions were matched (before or between firings). */
    private static String who(Running r) {
        if (r == Running.MATCHING) {
            return "while the rules' conditions were matched, in no consequence (after rules had fired; Drools matches"
                    + " every pack's conditions between firings)";
        }
        return r.rule().isEmpty() ? "before any rule fired (while the facts were inserted and matched)"
                : "in rule " + r.rule() + " of pack " + r.pack();
    }

    /**
     * What to do about a breach. A limit may be raised only on behalf of packs one trusts: the pack blamed when it was
     * loaded from a path; when the time or heap ran out outside any consequence, or in a built-in rule while packs
     * from a path were loaded (CPU time and heap are not booked per rule), those packs, named; with built-in packs
     * only, the input's size.
     */
    private static String advice(String limit, Running r, List<String> fromPaths) {
        String raise = "raise it with --limit " + limit + "=VALUE or limits: in .perfwarden.yaml";
        if (fromPaths.isEmpty()) {
            return raise + " if the input is that large (only built-in packs ran)";
        }
        if (!r.rule().isEmpty() && fromPaths.contains(r.pack())) {
            return raise + " only if you trust pack " + r.pack();
        }
        boolean booked = limit.equals(SessionLimits.FIRINGS) || limit.equals(SessionLimits.FACTS);
        if (booked && !r.rule().isEmpty()) {
            return raise + " if the input is that large (a built-in rule used it)";
        }
        String list = String.join(", ", fromPaths);
        return "packs loaded from a path: " + list + "; their conditions are matched between any rules' firings, so run"
                + " without them to see what costs the time; " + raise + " only if you trust " + list;
    }

    /** The breach of one session, with the ids of its packs that are not built in. */
    private static final class Breach extends AtomicReference<SessionLimitException> {
        private final List<String> fromPaths;

        Breach(List<String> fromPaths) {
            this.fromPaths = List.copyOf(fromPaths);
        }
    }

    /**
     * A constraint that threw while facts were matched (Drools' ConstraintEvaluationException, of the classic or
     * the executable-model build: "Error evaluating constraint 'x' in [Rule \"r\" in path]"), as the fault of the
     * rule it names; its pack is left to the caller, which knows the rule ids. Null when {@code t} is not one.
     */
    private static PackFaultException constraintError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getSimpleName().equals("ConstraintEvaluationException") && c.getMessage() != null) {
                java.util.regex.Matcher m = CONSTRAINT_ERROR.matcher(c.getMessage());
                if (m.find()) {
                    return PackFaultException.threw("", m.group(2), "", "its condition '" + m.group(1) + "'",
                            c.getCause() != null ? c.getCause() : c);
                }
                // the executable model's "Error evaluating constraint '' in  and in more rules" names none (attack3
                // probe 05, a forall): the packs from a path are blamed, as for a from or accumulate
                return PackFaultException.unattributed("", PackFaultException.SOME_CONDITION,
                        c.getCause() != null ? c.getCause() : c);
            }
        }
        return null;
    }

    /**
     * Whether {@code t} came out of a {@code from} or {@code accumulate} node of the rule network (its stack, or a
     * cause's, passes through Drools' from or accumulate evaluation): a rule's condition, whose rule Drools does not
     * name (attack2 probes 11, 12).
     */
    static boolean fromOrAccumulate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                String k = e.getClassName();
                if (k.startsWith("org.drools.") && (k.endsWith("FromNode") || k.endsWith("AccumulateNode")
                        || k.contains(".accumulate.") || k.contains("FromNode$"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern CONSTRAINT_ERROR = java.util.regex.Pattern.compile(
            "Error evaluating constraint '(.*)' in \\[Rule \"([^\"]*)\"", java.util.regex.Pattern.DOTALL);

    private static SessionLimitException cause(Throwable t) {
        return find(t, SessionLimitException.class);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
