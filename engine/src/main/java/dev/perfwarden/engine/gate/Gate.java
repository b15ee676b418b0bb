package dev.perfwarden.engine.gate;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;

import java.util.Collection;

/** Decides pass/fail from the visible findings (after suppressions and baseline). */
public final class Gate {
    private Gate() {
    }

    /** {@link GateResult#FAIL} when any finding's severity is at or above {@code failOn}; {@code none} always passes. */
    public static GateResult evaluate(Collection<Finding> findings, FailOn failOn) {
        Severity threshold = failOn.threshold().orElse(null);
        if (threshold == null) {
            return GateResult.PASS;
        }
        for (Finding f : findings) {
            if (f.severity().atLeast(threshold)) {
                return GateResult.FAIL;
            }
        }
        return GateResult.PASS;
    }
}
