package dev.perfwarden.contracts.check;

import dev.perfwarden.contracts.bench.BenchCompare;
import dev.perfwarden.contracts.measure.Measurements;
import dev.perfwarden.contracts.spec.Contract;
import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.FindingFilter;
import dev.perfwarden.engine.analysis.NoteFilter;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.analysis.PackInfo;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.engine.suppress.Baseline;
import dev.perfwarden.facts.contract.FindingsLimit;
import dev.perfwarden.facts.contract.FindingsRun;
import dev.perfwarden.facts.contract.FunctionLimit;
import dev.perfwarden.facts.contract.ReportedFinding;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.program.SourceRoots;
import dev.perfwarden.facts.source.GcassertDirectives;
import dev.perfwarden.facts.source.GoTree;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract gate as one call: contract clauses become facts, measurements are derived from the
 * parsed inputs ({@link Measurements}, and {@link BenchCompare} for a base/head pair), and the rule set
 * (which must hold the built-in {@code contracts} pack, plus any packs whose findings a findings
 * clause counts) runs over all of them in one session. The result is an ordinary
 * {@link AnalysisResult} (text, JSON and SARIF as for {@code analyze}), whose catalogue also lists one
 * rule per clause ({@code contract/<service>/<clause>}); violated clauses are errors, so the default
 * gate fails on them.
 */
public final class ContractCheck {
    public static final String PACK = "contracts";

    private ContractCheck() {
    }

    /** The built-in contracts pack. */
    public static Pack pack(ClassLoader cl) throws PackException {
        return PackLoader.loadBuiltin(cl, PACK);
    }

    /**
     * @param contracts the contracts to check (already narrowed to one service where asked)
     * @param facts     the parsed inputs (head run, captures, compiler output)
     * @param base      benchmark results of the base run (empty when there is none)
     */
    public static AnalysisResult run(List<Contract> contracts, List<? extends Fact> facts, List<InputStats> inputs,
                                     List<BenchResult> base, RuleSet rules, Options options) {
        return run(contracts, facts, inputs, base, rules, options, List.of());
    }

    /**
     * As above, and gcassert's directives ({@code //gcassert:inline|bce|noescape}) in the Go sources of
     * {@code sourceRoots} become functions requirements of the service {@code gcassert}
     * ({@link GcassertDirectives}).
     */
    public static AnalysisResult run(List<Contract> contracts, List<? extends Fact> facts, List<InputStats> inputs,
                                     List<BenchResult> base, RuleSet rules, Options options, List<Path> sourceRoots) {
        return run(contracts, facts, inputs, base, rules, options, sourceRoots, Map.of());
    }

    /**
     * As above, reading the sources from {@code sourceTrees} (the trees the input reader walked, by absolute root:
     * {@code InputReader.Result.sourceTrees()}) where they hold a root, so that no root is walked twice.
     */
    public static AnalysisResult run(List<Contract> contracts, List<? extends Fact> facts, List<InputStats> inputs,
                                     List<BenchResult> base, RuleSet rules, Options options, List<Path> sourceRoots,
                                     Map<Path, GoTree> sourceTrees) {
        if (rules.pack(PACK).isEmpty()) {
            throw new IllegalArgumentException("the rule set does not hold the built-in '" + PACK + "' pack");
        }
        List<Object> all = new ArrayList<>(facts);
        all.add(SourceRoots.of(sourceRoots)); // the rules judge ExternalFiles by the module's roots, as in analyze
        all.addAll(Measurements.derive(facts));
        List<BenchResult> head = facts.stream().filter(f -> f instanceof BenchResult).map(f -> (BenchResult) f).toList();
        if (!base.isEmpty() && !head.isEmpty()) {
            BenchCompare.compare(base, head, BenchCompare.DEFAULT_ALPHA).forEach(r -> all.add(r.fact()));
        }
        List<FindingsLimit> counting = new ArrayList<>();
        for (Contract c : contracts) {
            for (Fact l : c.limits()) {
                if (l instanceof FindingsLimit f) {
                    counting.add(f);
                } else {
                    all.add(l);
                }
            }
        }
        List<FunctionLimit> directives = GcassertDirectives.scan(sourceRoots, sourceTrees);
        all.addAll(directives);
        List<Finding> findings = rules.run(all, options.params());
        List<RuleInfo> catalogue = new ArrayList<>(rules.rules());
        catalogue.addAll(clauseRules(contracts, rules));
        Set<String> unknown = new HashSet<>();
        directives.stream().filter(d -> d.property().equals(FunctionLimit.UNKNOWN)).forEach(d -> unknown.add(d.clause()));
        directives.stream().map(FunctionLimit::clause).distinct().sorted().forEach(d -> catalogue.add(new RuleInfo(
                "contract/gcassert/" + d, PACK, rules.pack(PACK).map(Pack::version).orElse("0"),
                Severity.ERROR, Severity.ERROR, Scope.NONE, unknown.contains(d)
                        ? "//gcassert:" + d + " is not a gcassert directive (inline, bce, noescape)"
                        : "gcassert's //gcassert:" + d + " directives hold",
                List.of("contract", "functions", "gcassert"), List.of(),
                "# contract/gcassert/" + d + "\n\ngcassert's //gcassert:" + d + " directives in the Go sources, read with"
                        + " gcassert's meaning. See docs/contracts.md.\n", "", 0)));
        List<PackInfo> packs = rules.packs().stream().map(PackInfo::of).toList();
        if (counting.isEmpty()) {
            return Analysis.filter(findings, inputs, packs, catalogue, options);
        }
        // findings clauses count what is left after scope filters, suppressions and the baseline, so they run in a
        // second session over the first one's findings: every one (also those a report folds into another rule's
        // finding on the same line), whatever the report shows (--all, --min-severity, contract check's hiding)
        List<Object> second = new ArrayList<>(counting);
        second.add(new FindingsRun((int) inputs.stream().filter(i -> i.error() == null).count(),
                options.suppressors().stream().anyMatch(s -> s instanceof Baseline)));
        Analysis.kept(findings, inputs, catalogue, counted(options)).stream()
                .filter(f -> !f.rule().startsWith("contract/")).forEach(f -> second.add(new ReportedFinding(
                        f.rule(), f.symbol(), f.file(), f.line(), f.column(), f.severity().id(), f.message())));
        List<Finding> all2 = new ArrayList<>(findings);
        all2.addAll(rules.run(second, options.params()));
        return Analysis.filter(all2, inputs, packs, catalogue, options);
    }

    /**
     * Hides every finding but the contracts' verdicts ({@code contract check}): a display choice, so findings clauses
     * still count the findings it hides.
     */
    public record OnlyVerdicts() implements FindingFilter {
        @Override
        public String hide(Finding f) {
            return f.rule().startsWith("contract/") ? null : "not-contract";
        }
    }

    /** {@code options} without its display choices: the severity floor, {@link NoteFilter}, {@link OnlyVerdicts}. */
    static Options counted(Options o) {
        List<FindingFilter> filters = o.filters().stream()
                .filter(f -> !(f instanceof NoteFilter) && !(f instanceof OnlyVerdicts)).toList();
        return new Options(o.failOn(), o.params(), null, filters, o.tool(), o.severities(), o.suppressors());
    }

    /** One catalogue entry per clause, so SARIF and explain know {@code contract/<service>/<clause>}. */
    static List<RuleInfo> clauseRules(List<Contract> contracts, RuleSet rules) {
        String version = rules.pack(PACK).map(Pack::version).orElse("0");
        List<RuleInfo> out = new ArrayList<>();
        for (Contract c : contracts) {
            for (Contract.Clause cl : c.clauses()) {
                out.add(new RuleInfo(c.ruleId(cl), PACK, version, Severity.ERROR, Severity.ERROR, Scope.NONE,
                        "Checks the " + cl.kind() + " clause '" + cl.name() + "' of service " + c.service() + "'s contract"
                                + " (violated: error, unverified: warning, met: note)",
                        List.of("contract", cl.kind()), List.of(),
                        "# " + c.ruleId(cl) + "\n\nThe " + cl.kind() + " clause written at " + cl.file() + ":" + cl.line()
                                + ". Violated: error; unverified: warning; met: note. See docs/contracts.md.\n",
                        cl.file(), cl.line()));
            }
        }
        return out;
    }
}
