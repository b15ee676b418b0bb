package dev.perfwarden.engine.gate;

import dev.perfwarden.engine.ExitCodes;

/** Outcome of the gate; {@link #id()} is {@code summary.gate} in JSON output. */
public enum GateResult {
    PASS("pass", ExitCodes.OK),
    FAIL("fail", ExitCodes.GATE_FAILED);

    private final String id;
    private final int exitCode;

    GateResult(String id, int exitCode) {
        this.id = id;
        this.exitCode = exitCode;
    }

    public String id() {
        return id;
    }

    /** {@link ExitCodes#OK} or {@link ExitCodes#GATE_FAILED}. */
    public int exitCode() {
        return exitCode;
    }

    @Override
    public String toString() {
        return id;
    }
}
