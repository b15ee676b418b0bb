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
    /** The gate failed: at least one visible finding at or above {@code --fail-on}, or a violated contract. */
    public static final int GATE_FAILED = 1;
    /** Bad usage, an unreadable input, or a refused pack (load, verify or compile error). */
    public static final int USAGE = 2;
    /** An internal error: a bug in perfwarden (an unexpected exception), out of memory or out of stack. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** Code → one-line description, in ascending order, for help texts (picocli {@code exitCodeList}). */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "gate passed");
        m.put(Integer.toString(GATE_FAILED), "gate failed (findings at or above --fail-on, or a violated contract)");
        m.put(Integer.toString(USAGE), "bad usage, unreadable input, or a refused rule pack");
        m.put(Integer.toString(INTERNAL), "internal error: a bug, out of memory or stack (one line; --debug prints the stack trace)");
        return m;
    }
}
