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
    /** What of the rule threw ("its consequence", "its condition 'x > 0'"), or empty when it is not an exception. */
    private final String part;

    public PackFaultException(String pack, String rule, String message, Throwable cause) {
        this(pack, rule, message, cause, "");
    }

    private PackFaultException(String pack, String rule, String message, Throwable cause, String part) {
        super(message, cause);
        this.pack = pack;
        this.rule = rule;
        this.part = part;
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
        return threw(pack, rule, where, "its consequence", thrown);
    }

    /**
     * What {@code part} of a rule ({@code "its consequence"}, {@code "its condition 'x > 0'"}) threw: the pack's fault.
     * Wrappers around the exception (Drools', MVEL's, reflection's, a RuntimeException around another) are taken off.
     *
     * @param pack the pack id, or empty when the caller names it later ({@link #at})
     */
    public static PackFaultException threw(String pack, String rule, String where, String part, Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t && (t.getClass().getName().startsWith("org.drools.")
                || t.getClass().getName().startsWith("org.mvel2.") || t.getClass() == RuntimeException.class
                || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        String what = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new PackFaultException(pack, rule, "rule " + rule + " of pack " + pack
                + (where.isEmpty() ? "" : " (" + where + ")") + " failed: " + part + " threw " + what
                + "; the run was stopped (fix the rule, or run without the pack)", t, part);
    }

    /**
     * A {@code from} or {@code accumulate} condition threw while facts were matched: Drools names no rule for it, so
     * the fault is put on the packs that could have it ({@code packs}, comma-separated; the caller knows them).
     */
    public static PackFaultException unattributed(String packs, Throwable thrown) {
        return unattributed(packs, FROM_OR_ACCUMULATE, thrown);
    }

    /**
     * What {@code part} of some rule or query ({@link #FROM_OR_ACCUMULATE}, {@link #SOME_CONDITION}, {@code "query
     * 'boom'"}) threw, where Drools names no rule of a pack: the fault of {@code packs} (comma-separated), or of none
     * yet (empty: the caller names them, {@link #unattributed()}).
     */
    public static PackFaultException unattributed(String packs, String part, Throwable thrown) {
        PackFaultException named = threw("", "", "", "", thrown);
        Throwable t = named.getCause();
        String what = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new PackFaultException(packs, "", "pack " + packs + " failed: " + part + " of one of its rules threw "
                + what + " (Drools does not name the rule); the run was stopped (fix the rule, or run without the"
                + " pack)", t, UNATTRIBUTED + part);
    }

    /** The part of a failure that Drools reports without its rule. */
    static final String FROM_OR_ACCUMULATE = "a 'from' or 'accumulate' condition";
    /** A condition whose error Drools reports without its rule (the executable model: "in  and in more rules"). */
    public static final String SOME_CONDITION = "a condition";
    private static final String UNATTRIBUTED = "unattributed: ";

    /** Whether Drools named no rule of a pack for this failure (a from or accumulate node threw, a query, ...). */
    public boolean unattributed() {
        return part.startsWith(UNATTRIBUTED);
    }

    /** What threw, for a failure Drools named no rule of a pack for ({@link #unattributed()}); else empty. */
    public String unattributedPart() {
        return unattributed() ? part.substring(UNATTRIBUTED.length()) : "";
    }

    /** This failure of a rule that threw, naming its pack and the rule's file and line ({@code r/rule.drl:7}). */
    public PackFaultException at(String pack, String where) {
        return threw(pack, rule, where, part.isEmpty() ? "it" : part, getCause() != null ? getCause() : this);
    }
}
