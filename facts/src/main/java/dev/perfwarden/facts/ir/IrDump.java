package dev.perfwarden.facts.ir;

/** Which dump of {@code -m=3}/{@code -m=4} output a fact comes from (the {@code dump} property of IR facts). */
public final class IrDump {
    private IrDump() {
    }

    /** {@code FILE:L:C: Before inlining:} — the call as it was (-m=3 and up). */
    public static final String BEFORE_INLINING = "before-inlining";
    /** {@code FILE:L:C: After inlining} — the call replaced by the callee's body (-m=3 and up). */
    public static final String AFTER_INLINING = "after-inlining";
    /** {@code escAnalyze} — a whole function as escape analysis starts on it (-m=4 only). */
    public static final String ESCAPE_ANALYSIS = "escape-analysis";
    /** {@code FILE:L:C:call to func} — the callee of a call escape analysis looks at (-m=4 only). */
    public static final String ESCAPE_CALL = "escape-call";
    /**
     * {@code substituting name}, {@code substituting captured name}, {@code not substituting name} — the
     * inliner renaming one callee name for the caller (Go 1.19 and 1.20, -m=3 and up; later versions print none).
     */
    public static final String SUBSTITUTION = "inline-substitution";
    /** {@code inlvar} — a callee variable for which the inliner makes a caller variable (Go 1.19/1.20, -m=4). */
    public static final String INLINE_VARIABLE = "inline-variable";
    /** The escape analysis statement trace ({@code [N] F stmt: …}, -m=3 and up). */
    public static final String ESCAPE_TRACE = "escape-trace";
}
