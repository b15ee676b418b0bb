package dev.perfwarden.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit codes of every perfwarden command, in one place. The CLI returns these from its
 * commands and lists them in {@code --help} via {@link #descriptions()}.
 */
public final class ExitCodes {
    /** The gate passed: no visible finding at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** The gate failed: at least one visible finding at or above {@code --fail-on}. */
    public static final int GATE_FAILED = 1;
    /**
     * Bad usage, an unreadable input, a refused pack (load, verify or compile error), or a pack that failed while it
     * ran: it broke a session limit, its consequence threw, its findings broke a report limit (the message names the
     * pack and rule). A rule of a built-in pack that throws is a bug in perfwarden: {@link #INTERNAL}.
     */
    public static final int USAGE = 2;
    /** {@code perfwarden batch}: at least one entry could not be analysed (its reason is in the summary). */
    public static final int BATCH_INCOMPLETE = 3;
    /** An internal error: a bug in perfwarden (an unexpected exception), out of memory or out of stack. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** Code → one-line description, in ascending order, for help texts (picocli {@code exitCodeList}). */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "gate passed");
        m.put(Integer.toString(GATE_FAILED), "gate failed (findings at or above --fail-on)");
        m.put(Integer.toString(USAGE), "bad usage, unreadable input, or a rule pack that was refused or failed (named in the message)");
        m.put(Integer.toString(BATCH_INCOMPLETE), "batch: at least one repository could not be analysed");
        m.put(Integer.toString(INTERNAL), "internal error: a bug, out of memory or stack (one line; --debug prints the stack trace)");
        return m;
    }
}
