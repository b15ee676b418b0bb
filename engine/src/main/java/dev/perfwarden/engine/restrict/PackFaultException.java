package dev.perfwarden.engine.restrict;

/**
 * A rule pack, not the input or perfwarden, made the run fail: a rule broke a {@link SessionLimits session limit}
 * ({@link SessionLimitException}), a consequence threw, or the pack's findings broke a report limit. The message
 * names the pack and the rule (and the rule's file and line where known). Exit code 2; the message may carry the
 * pack's own text, so whoever prints it escapes it.
 */
public class PackFaultException extends RuntimeException {
    private final String pack;
    private final String rule;

    public PackFaultException(String pack, String rule, String message, Throwable cause) {
        super(message, cause);
        this.pack = pack;
        this.rule = rule;
    }

    /** The pack id, or empty when no rule was running. */
    public String pack() {
        return pack;
    }

    /** The rule id, or empty. */
    public String rule() {
        return rule;
    }

    /**
     * A rule's consequence threw {@code thrown} (unwrapped from Drools' ConsequenceException): the pack's fault.
     *
     * @param where the rule's file and line ({@code payload/rule.drl:7}), or empty
     */
    public static PackFaultException consequence(String pack, String rule, String where, Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("org.drools.")) {
            t = t.getCause(); // Drools' wrapper (ConsequenceException) says only that a consequence threw
        }
        String what = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new PackFaultException(pack, rule, "rule " + rule + " of pack " + pack
                + (where.isEmpty() ? "" : " (" + where + ")") + " failed: its consequence threw " + what
                + "; the run was stopped (fix the rule, or run without the pack)", t);
    }
}
