package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedding entry point: one call from a bundle of facts (one repository's captured inputs) and a
 * prepared {@link RuleSet} to a complete, reportable result. No global state: safe to call from many
 * threads (batch mode) or inside a distributed pipeline's workers, each holding its own {@code RuleSet}.
 */
public final class Analysis {
    private Analysis() {
    }

    /**
     * Runs the rules over {@code facts}, hides findings per {@code options} (severity floor, then filters,
     * reasons counted), evaluates the gate and returns the result.
     *
     * @param facts  the parsers' facts (any {@link Fact}s, including profile facts)
     * @param inputs per-input statistics, reported as {@code inputs[]}
     * @throws IllegalArgumentException for unknown parameters in {@code options.params()}
     */
    public static AnalysisResult run(List<? extends Fact> facts, List<InputStats> inputs, RuleSet rules,
                                     Options options) {
        List<Finding> all = rules.run(facts, options.params());
        List<Finding> visible = new ArrayList<>();
        Map<String, Integer> hidden = new LinkedHashMap<>();
        for (Finding f : all) {
            String reason = null;
            if (options.minSeverity() != null && !f.severity().atLeast(options.minSeverity())) {
                reason = "severity";
            }
            for (int i = 0; reason == null && i < options.filters().size(); i++) {
                reason = options.filters().get(i).hide(f);
            }
            if (reason == null) {
                visible.add(f);
            } else {
                hidden.merge(reason, 1, Integer::sum);
            }
        }
        return AnalysisResult.of(options.tool(), rules.packs().stream().map(PackInfo::of).toList(), inputs,
                visible, options.failOn(), hidden, rules.rules());
    }
}
