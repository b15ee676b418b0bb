package dev.perfwarden.engine.rule;

import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;

import java.util.List;
import java.util.Objects;

/**
 * What a pattern rule inserts when it matches: the raw, unweighed finding. Build it with
 * {@link Hits#hit}; the engine's prelude turns each hit into a {@code Finding}, weighing it against the
 * CPU profile.
 *
 * @param rule        rule id (the DRL rule name)
 * @param pkg         DRL package of the rule (identifies the pack)
 * @param severity    the rule's {@code @severity}
 * @param hotSeverity the rule's {@code @hotSeverity}, or null (one level above {@code severity})
 * @param scope       what the hit is weighed against
 * @param symbol      Go function symbol; empty if unknown
 * @param file        source file; empty if unknown
 * @param line        1-based line; 0 if unknown
 * @param col         1-based column; 0 if unknown
 * @param message     what was found (the hotness note is appended by the prelude)
 * @param evidence    toolchain lines that support it
 * @param cost        the rule's {@code @cost}: how the hit is weighed ({@link CostSpec#DEFAULT} when not given)
 */
public record Hit(String rule, String pkg, Severity severity, Severity hotSeverity, Scope scope, String symbol,
                  String file, int line, int col, String message, List<Evidence> evidence, CostSpec cost) {
    /** A hit weighed the default way ({@link CostSpec#DEFAULT}). */
    public Hit(String rule, String pkg, Severity severity, Severity hotSeverity, Scope scope, String symbol,
               String file, int line, int col, String message, List<Evidence> evidence) {
        this(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, CostSpec.DEFAULT);
    }

    public Hit {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(scope, "scope");
        symbol = symbol == null ? "" : symbol;
        file = file == null ? "" : file;
        line = Math.max(0, line);
        col = Math.max(0, col);
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("rule " + rule + ": a hit needs a message");
        }
        evidence = List.copyOf(evidence);
        cost = cost == null ? CostSpec.DEFAULT : cost;
    }

    /**
     * This hit at {@code severity} (e.g. a note when a supporting fact is missing); its hot severity goes back
     * to the default, one level above {@code severity}. Rule id, pack, position, message, evidence and cost stay:
     * a rule cannot make a hit pass for another rule's.
     */
    public Hit withSeverity(Severity severity) {
        return new Hit(rule, pkg, severity, null, scope, symbol, file, line, col, message, evidence, cost);
    }

    /**
     * This hit kept at its own severity when its site is hot too: the rule has measured that the cost is not
     * the finding's (a callee far over the budget, a call amortised by the loop it runs). The engine still
     * measures and ranks it, and without a hot profile it is weighed as before.
     */
    public Hit notRaised() {
        return new Hit(rule, pkg, severity, severity, scope, symbol, file, line, col, message, evidence, cost);
    }

    /**
     * This hit's rule reporting at another position with another message and evidence: rule id, pack,
     * severities, scope and cost stay, so a shared function (a pack's {@code lib/*.drl}) can turn one hit its
     * rule made with {@link Hits#at} into several, and a rule still cannot report under another rule's id.
     * Empty {@code symbol}/{@code file} and 0 {@code line}/{@code col} mean "unknown".
     */
    public Hit at(String symbol, String file, int line, int col, String message, List<Evidence> evidence) {
        return new Hit(rule, pkg, severity, hotSeverity, scope, symbol, file, line, col, message, evidence, cost);
    }
}
