package dev.perfwarden.engine.restrict;

/**
 * A rule session broke one of its {@link SessionLimits}: the message names the limit, the pack and the rule
 * that was running (or last fired). The session was stopped; its findings are not reported. Exit code 2:
 * the pack, not the input or perfwarden, is at fault.
 */
public final class SessionLimitException extends RuntimeException {
    private final String limit;
    private final String pack;
    private final String rule;

    public SessionLimitException(String limit, String pack, String rule, String message) {
        super(message);
        this.limit = limit;
        this.pack = pack;
        this.rule = rule;
    }

    /** Which limit: {@link SessionLimits#TIME}, {@code FIRINGS}, {@code FACTS} or {@code HEAP_HEADROOM}. */
    public String limit() {
        return limit;
    }

    /** The pack id of the rule, or empty when no rule was running (inserting the input facts). */
    public String pack() {
        return pack;
    }

    /** The rule id, or empty. */
    public String rule() {
        return rule;
    }
}
