package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.gate.GateResult;
import dev.perfwarden.engine.model.Severity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code summary} of a run.
 *
 * @param findings   number of visible findings
 * @param bySeverity visible findings per severity (severities with none are left out)
 * @param gate       pass or fail
 * @param failOn     the threshold the gate used
 * @param hidden     findings not shown, per reason (e.g. {@code baseline}, {@code suppressed}, {@code severity})
 */
public record Summary(int findings, Map<Severity, Integer> bySeverity, GateResult gate, FailOn failOn,
                      Map<String, Integer> hidden) {
    public Summary {
        EnumMap<Severity, Integer> m = new EnumMap<>(Severity.class);
        bySeverity.forEach((k, v) -> {
            if (v != null && v > 0) {
                m.put(k, v);
            }
        });
        bySeverity = Collections.unmodifiableMap(m);
        hidden = Collections.unmodifiableMap(new LinkedHashMap<>(hidden));
    }

    public int hiddenTotal() {
        return hidden.values().stream().mapToInt(Integer::intValue).sum();
    }
}
