package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
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
     * Runs the rules over {@code facts}, adds the engine's profile checks ({@link ProfileChecks}), applies
     * severity overrides, hides findings per {@code options}
     * (severity floor, then filters, then suppressors; reasons counted), folds the visible findings of one source
     * line into one ({@link SameLine}), evaluates the gate and returns the result.
     *
     * @param facts  the parsers' facts (any {@link Fact}s, including profile facts)
     * @param inputs per-input statistics, reported as {@code inputs[]}
     * @throws IllegalArgumentException for unknown parameters in {@code options.params()}
     */
    public static AnalysisResult run(List<? extends Fact> facts, List<InputStats> inputs, RuleSet rules,
                                     Options options) {
        List<Finding> all = new ArrayList<>(rules.run(facts, options.params(), hiddenByPlace(options)));
        return finish(all, ProfileChecks.findings(facts), inputs, rules, options);
    }

    /**
     * As {@link #run}, taking {@code facts} over: the list is emptied, and each package's facts can be collected
     * once its rule session ends ({@link RuleSet#runReleasing}); the caller must hold no other reference to them.
     */
    public static AnalysisResult runReleasing(List<Fact> facts, List<InputStats> inputs, RuleSet rules,
                                              Options options) {
        List<Finding> profileChecks = ProfileChecks.findings(facts); // before the facts go
        List<Finding> all = new ArrayList<>(rules.runReleasing(facts, options.params(), hiddenByPlace(options)));
        return finish(all, profileChecks, inputs, rules, options);
    }

    private static AnalysisResult finish(List<Finding> all, List<Finding> profileChecks, List<InputStats> inputs,
                                         RuleSet rules, Options options) {
        List<RuleInfo> catalogue = new ArrayList<>(rules.rules());
        if (!profileChecks.isEmpty()) {
            all.addAll(profileChecks);
            catalogue.add(ProfileChecks.rule());
        }
        return filter(all, inputs, rules.packs().stream().map(PackInfo::of).toList(), catalogue, options);
    }

    /**
     * The second half of {@link #run}: applies {@code options} to findings already made (also those a caller
     * adds, e.g. contracts) and assembles the result.
     */
    public static AnalysisResult filter(List<Finding> findings, List<InputStats> inputs, List<PackInfo> packs,
                                        List<RuleInfo> catalogue, Options options) {
        Run run = processed(findings, inputs, catalogue, options);
        List<RuleInfo> rules = new ArrayList<>(catalogue);
        for (Suppressor s : options.suppressors()) {
            for (RuleInfo r : s.rules()) {
                if (rules.stream().noneMatch(x -> x.id().equals(r.id()))) {
                    rules.add(r);
                }
            }
        }
        // stable order: what filters hid (as met), then source suppressions, then the baseline
        Map<String, Integer> hidden = new LinkedHashMap<>();
        run.hidden.forEach((k, v) -> {
            if (!k.equals("suppressed") && !k.equals("baseline")) {
                hidden.put(k, v);
            }
        });
        for (String k : List.of("suppressed", "baseline")) {
            if (run.hidden.containsKey(k)) {
                hidden.put(k, run.hidden.get(k));
            }
        }
        List<Finding> shown = SameLine.fold(run.visible, rules);
        countNotes(run, shown, rules, hidden);
        return AnalysisResult.of(options.tool(), packs, inputs, shown, options.failOn(), hidden, rules,
                run.suppressed);
    }

    /** Every finding and what the matchers add at the end, put through {@code options}' filters and suppressors. */
    private static Run processed(List<Finding> findings, List<InputStats> inputs, List<RuleInfo> catalogue,
                                 Options options) {
        Run run = new Run(options, catalogue, inputs);
        for (Finding f : findings) {
            run.process(override(f, options), 0);
        }
        for (int i = 0; i < run.matchers.size(); i++) {
            for (Finding extra : run.matchers.get(i).finish()) {
                run.process(override(extra, options), i + 1);
            }
        }
        return run;
    }

    /**
     * The findings that {@code options}' filters and suppressors leave (scope filters, source comments, a baseline),
     * each one on its own: not folded ({@link SameLine}), so the findings another rule's finding on the same line
     * would lead are in the list too. Notes a {@link NoteFilter} hides are kept (it only decides what a text report
     * shows). What a findings clause of a contract counts; the caller leaves display choices (a severity floor) out
     * of {@code options}. In {@link Finding#ORDER}.
     */
    public static List<Finding> kept(List<Finding> findings, List<InputStats> inputs, List<RuleInfo> catalogue,
                                     Options options) {
        Run run = processed(findings, inputs, catalogue, options);
        List<Finding> out = new ArrayList<>(run.visible);
        out.addAll(run.notes);
        out.sort(Finding.ORDER);
        return out;
    }

    /**
     * The notes hidden ({@link NoteFilter}) are counted as the findings {@code --all} would show in addition: the
     * notes of a line fold ({@link SameLine}) into one finding, or into the line's warning, so counting each note
     * promised more than {@code --all} shows (toml v1.6.0: 566 counted, 513 shown).
     */
    private static void countNotes(Run run, List<Finding> shown, List<RuleInfo> rules, Map<String, Integer> hidden) {
        if (run.notes.isEmpty()) {
            return;
        }
        List<Finding> withNotes = new ArrayList<>(run.visible);
        withNotes.addAll(run.notes);
        int more = SameLine.fold(withNotes, rules).size() - shown.size();
        if (more > 0) {
            hidden.put(NoteFilter.REASON, more);
        } else {
            hidden.remove(NoteFilter.REASON);
        }
    }

    /**
     * Whether a filter of {@code options} that judges a finding by its place alone (its file and function: outside the
     * module, in test code) hides it: such a finding is counted, never reported, so its fingerprint is not made.
     */
    static java.util.function.Predicate<Finding> hiddenByPlace(Options options) {
        List<FindingFilter> byPlace = options.filters().stream()
                .filter(f -> f instanceof ExternalCodeFilter || f instanceof TestCodeFilter).toList();
        return f -> byPlace.stream().anyMatch(x -> x.hide(f) != null);
    }

    private static Finding override(Finding f, Options options) {
        Severity s = options.severities().get(f.rule());
        return s == null || s == f.severity() ? f : f.withSeverity(s);
    }

    /** One pass of hiding: severity floor, filters, then the suppressors from a given one on. */
    private static final class Run {
        final Options options;
        final List<Suppressor.Matcher> matchers = new ArrayList<>();
        final List<Finding> visible = new ArrayList<>();
        final List<SuppressedFinding> suppressed = new ArrayList<>();
        final Map<String, Integer> hidden = new LinkedHashMap<>();
        /** Notes that pass every other filter and suppressor, hidden last by a {@link NoteFilter}. */
        final List<Finding> notes = new ArrayList<>();

        Run(Options options, List<RuleInfo> catalogue, List<InputStats> inputs) {
            this.options = options;
            for (Suppressor s : options.suppressors()) {
                matchers.add(s.start(catalogue, inputs));
            }
        }

        void process(Finding f, int firstMatcher) {
            String reason = null;
            if (options.minSeverity() != null && !f.severity().atLeast(options.minSeverity())) {
                reason = "severity";
            }
            boolean hideNote = false;
            for (int i = 0; reason == null && i < options.filters().size(); i++) {
                FindingFilter filter = options.filters().get(i);
                if (filter instanceof NoteFilter notes) {
                    // notes gate a --fail-on note run: hiding them would pass a gate that should fail. Else a note
                    // is hidden last, once no other filter or suppressor hides it: what --all would show
                    hideNote |= options.failOn() != FailOn.NOTE && notes.hide(f) != null;
                    continue;
                }
                reason = filter.hide(f);
            }
            if (reason != null) {
                hidden.merge(reason, 1, Integer::sum);
                return;
            }
            for (int i = firstMatcher; i < matchers.size(); i++) {
                Suppression s = matchers.get(i).match(f);
                if (s != null) {
                    suppressed.add(new SuppressedFinding(f, s));
                    hidden.merge(s.reason(), 1, Integer::sum);
                    return;
                }
            }
            if (hideNote) {
                notes.add(f);
                hidden.putIfAbsent(NoteFilter.REASON, 0); // counted in countNotes, in the order reasons are met
                return;
            }
            visible.add(f);
        }
    }
}
