package dev.perfwarden.debt;

import java.util.Objects;

/**
 * One finding of a recorded run, as the JSON report gave it.
 *
 * @param fingerprint the report's fingerprint (stable across line moves and build folders): what tells
 *                    a finding that stayed from one that is new
 * @param pkg         the Go package path of {@code function} ({@code example.com/m/internal/p}), "" if unknown
 * @param cpuShare    measured CPU share (0.124 = 12.4 %), or null when no CPU profile weighed it
 * @param allocShare  measured share of allocated bytes, or null
 */
public record RunFinding(String fingerprint, String rule, String pack, String severity, String function, String pkg,
                         String file, int line, Double cpuShare, Double allocShare, String message) {
    public RunFinding {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(rule, "rule");
        severity = severity == null ? "note" : severity;
        function = function == null ? "" : function;
        pkg = pkg == null ? "" : pkg;
        file = file == null ? "" : file;
        pack = pack == null ? "" : pack;
        message = message == null ? "" : message;
    }

    /** The larger measured share, 0 when nothing was measured. */
    public double cost() {
        return Math.max(cpuShare == null ? 0 : cpuShare, allocShare == null ? 0 : allocShare);
    }

    /** {@code file:line}, or the function when the file is unknown. */
    public String where() {
        if (file.isEmpty()) {
            return function;
        }
        return line > 0 ? file + ":" + line : file;
    }

    /**
     * The package path of a Go symbol as objdump and pprof print it: everything before the first dot after
     * the last slash ({@code example.com/m/p.(*T).M} → {@code example.com/m/p}); "" for "".
     */
    public static String packageOf(String function) {
        if (function == null || function.isEmpty()) {
            return "";
        }
        int slash = function.lastIndexOf('/', firstBracket(function));
        int dot = function.indexOf('.', slash + 1);
        return dot < 0 ? function : function.substring(0, dot);
    }

    /** Generic instance brackets may hold slashes ({@code F[go.shape.*example.com/m.T]}): look before them. */
    private static int firstBracket(String s) {
        int b = s.indexOf('[');
        return b < 0 ? s.length() : b;
    }
}
