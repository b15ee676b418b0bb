package dev.perfwarden.engine.restrict;

/**
 * A rule session broke one of its {@link SessionLimits}: the message names the limit, the pack and the rule
 * that was running (or last fired). The session was stopped; its findings are not reported. Exit code 2:
 * the pack, not the input or perfwarden, is at fault.
 */
public final class SessionLimitException extends PackFaultException {
    private final String limit;
    private final boolean abandoned;

    public SessionLimitException(String limit, String pack, String rule, String message) {
        this(limit, pack, rule, message, false);
    }

    private SessionLimitException(String limit, String pack, String rule, String message, boolean abandoned) {
        super(pack, rule, message, null);
        this.limit = limit;
        this.abandoned = abandoned;
    }

    /** The same breach, saying that the rule's thread could not be stopped and was left running. */
    SessionLimitException abandonedThread(String why) {
        return new SessionLimitException(limit, pack(), rule(), getMessage() + "; " + why, true);
    }

    /**
     * Whether the consequence's thread could not be stopped (a JVM without {@code Thread.stop}, or a consequence
     * that swallowed the stop) and was left running as a daemon: its session must not be touched again.
     */
    public boolean abandoned() {
        return abandoned;
    }

    /** Which limit: {@link SessionLimits#TIME}, {@code FIRINGS}, {@code FACTS} or {@code HEAP_HEADROOM}. */
    public String limit() {
        return limit;
    }

}
