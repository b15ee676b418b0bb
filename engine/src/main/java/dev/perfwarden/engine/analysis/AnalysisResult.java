package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.gate.Gate;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.input.InputStats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a reporter prints: the JSON contract's {@code tool}, {@code packs}, {@code inputs},
 * {@code findings} and {@code summary}, plus the rule catalogue SARIF needs. Immutable.
 *
 * @param rules      catalogue of the packs' rules (SARIF {@code tool.driver.rules}); not part of the JSON output
 * @param suppressed findings hidden by a {@link Suppressor} (source comments, baseline), in report order: not
 *                   in {@code findings} nor in the gate, counted in {@code summary.hidden}, listed by SARIF
 *                   with their suppression
 */
public record AnalysisResult(ToolInfo tool, List<PackInfo> packs, List<InputStats> inputs, List<Finding> findings,
                             Summary summary, List<RuleInfo> rules, List<SuppressedFinding> suppressed) {
    public AnalysisResult {
        Objects.requireNonNull(tool, "tool");
        packs = List.copyOf(packs);
        inputs = List.copyOf(inputs);
        findings = List.copyOf(findings);
        Objects.requireNonNull(summary, "summary");
        rules = List.copyOf(rules);
        suppressed = List.copyOf(suppressed);
    }

    public AnalysisResult(ToolInfo tool, List<PackInfo> packs, List<InputStats> inputs, List<Finding> findings,
                          Summary summary, List<RuleInfo> rules) {
        this(tool, packs, inputs, findings, summary, rules, List.of());
    }

    /**
     * Assembles a result from visible findings (sorted here) and evaluates the gate; for callers that add
     * findings of their own (contracts) before reporting.
     */
    public static AnalysisResult of(ToolInfo tool, List<PackInfo> packs, List<InputStats> inputs,
                                    List<Finding> visible, FailOn failOn, Map<String, Integer> hidden,
                                    List<RuleInfo> rules) {
        return of(tool, packs, inputs, visible, failOn, hidden, rules, List.of());
    }

    /** As above, with the findings suppressors hid (kept for SARIF, sorted here). */
    public static AnalysisResult of(ToolInfo tool, List<PackInfo> packs, List<InputStats> inputs,
                                    List<Finding> visible, FailOn failOn, Map<String, Integer> hidden,
                                    List<RuleInfo> rules, List<SuppressedFinding> suppressed) {
        List<SuppressedFinding> sup = new ArrayList<>(suppressed);
        sup.sort(java.util.Comparator.comparing(SuppressedFinding::finding, Finding.RANK));
        List<Finding> sorted = new ArrayList<>(visible);
        sorted.sort(Finding.RANK);
        Map<Severity, Integer> by = new EnumMap<>(Severity.class);
        for (Finding f : sorted) {
            by.merge(f.severity(), 1, Integer::sum);
        }
        Summary s = new Summary(sorted.size(), by, Gate.evaluate(sorted, failOn), failOn, hidden);
        return new AnalysisResult(tool, packs, inputs, sorted, s, rules, sup);
    }

    /** The process exit code for this result: 0 when the gate passed, 1 when it failed. */
    public int exitCode() {
        return summary.gate().exitCode();
    }
}
