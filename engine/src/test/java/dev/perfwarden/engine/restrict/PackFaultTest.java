package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.escape.EscapeFact;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pack that passes restricted mode and fails while it runs (attack probe 09: a consequence that throws): the
 * pack's fault, a {@link PackFaultException} naming the pack, the rule and its file:line (exit 2), not an internal
 * error (exit 70).
 */
class PackFaultTest {
    static final ClassLoader CL = PackFaultTest.class.getClassLoader();

    static Path pack(String name) throws Exception {
        return Path.of(PackFaultTest.class.getResource("/faults/" + name + "/pack.yaml").toURI()).getParent();
    }

    @Test
    void aConsequenceThatThrowsIsThePacksFaultNamingRuleAndLine() throws Exception {
        Pack pack = PackLoader.load(pack("thrower"));
        assertThat(RestrictedMode.check(pack, CL)).as("the pack passes restricted mode").isEmpty();
        RuleSet rules = RuleSet.build(List.of(pack), CL);
        assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(1), Map.of()))
                .isInstanceOfSatisfying(PackFaultException.class, e -> {
                    assertThat(e).isNotInstanceOf(SessionLimitException.class);
                    assertThat(e.pack()).isEqualTo("thrower");
                    assertThat(e.rule()).isEqualTo("payload");
                    assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                    assertThat(e.getMessage()).startsWith("rule payload of pack thrower (payload/rule.drl:5) failed:"
                            + " its consequence threw java.lang.NumberFormatException: For input string: \"\u001b]0;pwned");
                });
    }

    /** A constraint that throws while facts are matched (no rule fired yet): the fault of the rule it belongs to. */
    @Test
    void aConditionThatThrowsIsThePacksFaultNamingRuleAndLine() throws Exception {
        Pack pack = PackLoader.load(pack("condition-thrower"));
        assertThat(RestrictedMode.check(pack, CL)).as("the pack passes restricted mode").isEmpty();
        RuleSet rules = RuleSet.build(List.of(pack), CL);
        assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(1), Map.of()))
                .isInstanceOfSatisfying(PackFaultException.class, e -> {
                    assertThat(e.pack()).isEqualTo("condition-thrower");
                    assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                    assertThat(e.getMessage()).isEqualTo("rule payload of pack condition-thrower (payload/rule.drl:6)"
                            + " failed: its condition 'Integer.parseInt(subject) > 0' threw"
                            + " java.lang.NumberFormatException: For input string: \"x1\"; the run was stopped (fix the"
                            + " rule, or run without the pack)");
                });
    }

    /**
     * attack2 probes 11 and 12: a {@code from} that navigates past a list's end, an {@code accumulate} that sums
     * strings. Drools names no rule for an exception out of a from or accumulate node, so the fault is put on the packs
     * loaded from a path (exit 2), not on perfwarden (exit 70).
     */
    @Test
    void aFromOrAccumulateThatThrowsIsThePathPacksFault() throws Exception {
        for (String name : List.of("from-thrower", "accumulate-thrower")) {
            Pack pack = PackLoader.load(pack(name));
            assertThat(RestrictedMode.check(pack, CL)).as("%s passes restricted mode", name).isEmpty();
            RuleSet rules = RuleSet.build(List.of(pack), CL);
            assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(2), Map.of())).as(name)
                    .isInstanceOfSatisfying(PackFaultException.class, e -> {
                        assertThat(e).isNotInstanceOf(SessionLimitException.class);
                        assertThat(e.pack()).isEqualTo(name);
                        assertThat(e.getMessage()).startsWith("pack " + name + " failed: a 'from' or 'accumulate'"
                                + " condition of one of its rules threw ").contains("Drools does not name the rule");
                    });
        }
    }

    /**
     * attack3 probes 03 and 05: a query of the pack's library whose constraint throws (Drools names the query, which is
     * no rule), and a forall whose constraint throws, compiled to the executable model as from the pack cache (whose
     * error names no rule: "in  and in more rules"). Both are the path packs' fault (exit 2), never an internal error;
     * built three times so that the last build comes from the cache.
     */
    @Test
    void aQueryOrAConditionDroolsNamesNoRuleForIsThePathPacksFault(@org.junit.jupiter.api.io.TempDir Path cache)
            throws Exception {
        String before = System.getProperty("perfwarden.cache");
        System.setProperty("perfwarden.cache", cache.toString());
        try {
            for (String name : List.of("query-thrower", "forall-thrower")) {
                Pack pack = PackLoader.load(pack(name));
                assertThat(RestrictedMode.check(pack, CL)).as("%s passes restricted mode", name).isEmpty();
                List<String> how = new java.util.ArrayList<>();
                for (int build = 0; build < 3; build++) {
                    RuleSet rules = RuleSet.build(List.of(pack), CL);
                    how.add(rules.compiledBy());
                    assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(2), Map.of()))
                            .as(name + " " + rules.compiledBy())
                            .isInstanceOfSatisfying(PackFaultException.class, e -> {
                                assertThat(e.pack()).isEqualTo(name);
                                assertThat(e.getMessage()).contains("NumberFormatException");
                            });
                }
                assertThat(how).as(name).containsOnly("pack-cache"); // the executable model, from the first build
                assertThatThrownBy(() -> RuleSet.buildClassic(List.of(pack), CL).run(SessionLimitsTest.escapes(2), Map.of()))
                        .as(name + " classic").isInstanceOfSatisfying(PackFaultException.class,
                                e -> assertThat(e.pack()).isEqualTo(name));
            }
        } finally {
            if (before == null) {
                System.clearProperty("perfwarden.cache");
            } else {
                System.setProperty("perfwarden.cache", before);
            }
        }
    }

    /** Attack probe 05 (smaller): a message, evidence text and names far too long are cut, and say so. */
    @Test
    void aHugeMessageIsCutWithAMarker() throws Exception {
        Pack pack = PackLoader.load(pack("huge-message"));
        assertThat(RestrictedMode.check(pack, CL)).isEmpty();
        List<Finding> found = RuleSet.build(List.of(pack), CL).run(SessionLimitsTest.escapes(1), Map.of());
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).hasSizeLessThan(Hit.MAX_MESSAGE + 100)
                    .contains(Hit.CUT + (65_537 - Hit.MAX_MESSAGE) + " more characters]");
            assertThat(f.symbol()).hasSizeLessThan(Hit.MAX_NAME + 100).endsWith(" more characters]");
            assertThat(f.file()).hasSizeLessThan(Hit.MAX_NAME + 100);
            assertThat(f.evidence()).singleElement().satisfies(e -> {
                assertThat(e.text()).hasSizeLessThan(Hit.MAX_EVIDENCE_TEXT + 100).endsWith(" more characters]");
                assertThat(e.input()).hasSizeLessThan(Hit.MAX_NAME + 100);
                assertThat(e.at().input()).hasSizeLessThan(Hit.MAX_NAME + 100);
            });
        });
    }

    @Test
    void aRuleThatReportsTooManyFindingsIsStopped() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(pack("many-hits"))), CL);
        assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(HitBudget.HITS_PER_RULE + 1), Map.of()))
                .isInstanceOfSatisfying(SessionLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo("findings");
                    assertThat(e.pack()).isEqualTo("many-hits");
                    assertThat(e.getMessage()).isEqualTo("session limit 'findings' exceeded in rule payload of pack"
                            + " many-hits: rule payload reported more than 10000 findings; the run was stopped (a"
                            + " report could not hold them)");
                });
        assertThat(rules.run(SessionLimitsTest.escapes(100), Map.of())).hasSize(100);
    }

    /** One session per Go package: the budget is the run's, not each session's (6,000 in each of two is too many). */
    @Test
    void theBudgetCountsAllSessionsOfAPartitionedRun() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(pack("many-hits"))), CL).withPartitioning(0);
        List<EscapeFact> facts = new ArrayList<>();
        for (int i = 1; i <= 12_000; i++) {
            String pkg = "example.com/p" + (i % 2);
            facts.add(EscapeFact.of(EscapeFact.KIND_MOVED_TO_HEAP, "x" + i, "", -1, false, List.of(), List.of(), pkg,
                    pkg + ".f", pkg + ".f" + i, "p" + (i % 2) + "/main.go", i, 6, Attributable.BY_COMPILER,
                    new Evidence("escape-text", "./main.go:" + i + ":6: moved to heap: x" + i, InputPos.line("m.txt", i))));
        }
        assertThatThrownBy(() -> rules.run(facts, Map.of()))
                .isInstanceOfSatisfying(SessionLimitException.class, e -> assertThat(e.getMessage())
                        .contains("rule payload reported more than 10000 findings"));
    }

    @Test
    void findingsThatCarryTooMuchTextAreStopped() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(pack("wordy-hits"))), CL);
        assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(1100), Map.of()))
                .isInstanceOfSatisfying(SessionLimitException.class, e -> assertThat(e.getMessage())
                        .contains("the findings of packs loaded from a path or archive carry more than 8 Mi characters"));
    }

    /**
     * The text budget is the run's, but its breach names the rule that carried the most of it (attack4 probe 04: a
     * pack filled it to the last character and the next finding of another pack, which the breach named, lost its
     * gate result).
     */
    @Test
    void theTextBudgetsBreachBlamesTheRuleThatCarriedTheMost() {
        HitBudget budget = new HitBudget(pkg -> true);
        String kib = "x".repeat(8192);
        for (int i = 0; i < 1024; i++) {
            assertThat(budget.add(hit("fill", "perfwarden.packs.budget", kib), "perfwarden.packs.budget")).isNull();
        }
        assertThat(budget.add(hit("victim-rule", "perfwarden.packs.victim", "v"), "perfwarden.packs.victim"))
                .isEqualTo(new HitBudget.Breach("perfwarden.packs.budget", "fill", "the findings of packs loaded from a"
                        + " path or archive carry more than 8 Mi characters of message and evidence text in this run"
                        + " (rule fill carried 8388608 of them)"));
    }

    static dev.perfwarden.engine.rule.Hit hit(String rule, String pkg, String message) {
        return new dev.perfwarden.engine.rule.Hit(rule, pkg, dev.perfwarden.engine.model.Severity.NOTE,
                dev.perfwarden.engine.model.Severity.NOTE, dev.perfwarden.engine.model.Scope.LINE, "main.f", "a.go", 1,
                1, message, List.of());
    }

    /**
     * A hit is counted by the package of the rule that inserts it too, not only by the package it names (attack2 probe
     * 07: hits naming go-perf's package, forged through a declared Hit, were not counted).
     */
    @Test
    void theBudgetCountsHitsByTheInsertingRulesPackage() {
        HitBudget budget = new HitBudget(pkg -> pkg.equals("perfwarden.packs.evil"));
        dev.perfwarden.engine.rule.Hit forged = new dev.perfwarden.engine.rule.Hit("interface-escape",
                "perfwarden.packs.go_perf", dev.perfwarden.engine.model.Severity.ERROR,
                dev.perfwarden.engine.model.Severity.ERROR, dev.perfwarden.engine.model.Scope.LINE, "main.f", "a.go", 1, 1,
                "forged", List.of());
        HitBudget.Breach why = null;
        for (int i = 0; i <= HitBudget.HITS_PER_RULE && why == null; i++) {
            why = budget.add(forged, "perfwarden.packs.evil");
        }
        assertThat(why).isEqualTo(new HitBudget.Breach("perfwarden.packs.evil", "interface-escape",
                "rule interface-escape reported more than 10000 findings"));
        HitBudget builtinOnly = new HitBudget(pkg -> pkg.equals("perfwarden.packs.evil"));
        for (int i = 0; i <= HitBudget.HITS_PER_RULE; i++) {
            assertThat(builtinOnly.add(forged, "perfwarden.packs.go_perf")).as("a built-in rule's own hits").isNull();
        }
    }

    /**
     * Built-in packs' hits are counted too, against the run's total (attack5 probe 09: 120,000 go-perf findings from one
     * capture ran a batch out of memory while their SARIF was written, exit 70); the breach blames the rule that
     * reported the most of them.
     */
    @Test
    void theHitsOfEveryPackBuiltInOnesIncludedAreBoundedInAll() {
        HitBudget budget = new HitBudget(pkg -> false);
        for (int i = 0; i < HitBudget.TOTAL - 10; i++) {
            assertThat(budget.add(hit("leaking-param", "perfwarden.packs.go_perf", "m"), "perfwarden.packs.go_perf"))
                    .isNull();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(budget.add(hit("other", "perfwarden.packs.go_perf", "m"), "perfwarden.packs.go_perf")).isNull();
        }
        assertThat(budget.add(hit("other", "perfwarden.packs.go_perf", "m"), "perfwarden.packs.go_perf"))
                .isEqualTo(new HitBudget.Breach("perfwarden.packs.go_perf", "leaking-param", "the rules of this run"
                        + " reported more than 100000 findings (rule leaking-param reported 99990 of them)"));
    }
}
