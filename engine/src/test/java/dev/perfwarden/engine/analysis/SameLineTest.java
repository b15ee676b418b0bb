package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.report.TextReporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SameLineTest {
    static Finding f(String rule, String file, int line, int col, Severity s, double cpu) {
        return Finding.of(rule, "p@1.0.0", s, "m.f", file, line, col, rule + " here. More text.", List.of())
                .withCost(new Cost(cpu, null, Scope.LINE, "self"));
    }

    /** A finding weighed by its function (a function-scoped rule such as a leaking parameter). */
    static Finding fn(String rule, String file, int line, int col, Severity s) {
        return Finding.of(rule, "p@1.0.0", s, "m.f", file, line, col, rule + " here. More text.", List.of())
                .withCost(new Cost(0.0, null, Scope.FUNCTION, "cum"));
    }

    static RuleInfo rule(String id, int precedence) {
        return new RuleInfo(id, "p", "1.0.0", Severity.NOTE, Severity.WARNING, Scope.LINE, "s", List.of(), List.of(),
                "", id + "/rule.drl", 1, CostSpec.DEFAULT, precedence);
    }

    @Test
    void findingsOfSeveralRulesOnOneLineAreOneLedBySeverityThenThePacksPrecedence() {
        // chi tree.go:458: an append in a loop that grows, stores a string and slices with a bounds check
        List<Finding> in = List.of(
                f("a-wb", "tree.go", 458, 36, Severity.WARNING, 0.02),
                f("a-grow", "tree.go", 458, 36, Severity.WARNING, 0.02),
                f("a-bounds", "tree.go", 458, 53, Severity.NOTE, 0.02),
                f("a-grow", "tree.go", 460, 5, Severity.NOTE, 0.001),
                f("a-wb", "x.yaml", 3, 1, Severity.ERROR, 0));
        List<RuleInfo> catalogue = List.of(rule("a-wb", 40), rule("a-grow", 70), rule("a-bounds", 50));
        List<Finding> out = SameLine.fold(in, catalogue);
        assertThat(out).extracting(Finding::location).containsExactly("tree.go:458:36", "tree.go:460:5", "x.yaml:3:1");
        Finding lead = out.get(0);
        assertThat(lead.rule()).isEqualTo("a-grow");
        assertThat(lead.related()).extracting(Finding.Related::rule).containsExactly("a-wb", "a-bounds");
        assertThat(lead.related()).extracting(Finding.Related::column).containsExactly(36, 53);
        assertThat(TextReporter.line(lead)).isEqualTo(
                "tree.go:458:36: warning: a-grow here [a-grow; also a-wb, a-bounds] cpu 2.0 % (line)");
        // a related finding of higher severity raises the lead: the gate sees it
        List<Finding> err = SameLine.fold(List.of(f("a-grow", "t.go", 1, 1, Severity.NOTE, 0),
                f("a-bounds", "t.go", 1, 2, Severity.ERROR, 0)), catalogue);
        assertThat(err).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("a-bounds");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
        });
        // two findings of one rule weighed by their function (one rule, two columns) are two sites: not folded into each other
        List<Finding> params = SameLine.fold(List.of(fn("a-bounds", "m.go", 9, 7, Severity.NOTE),
                fn("a-bounds", "m.go", 9, 20, Severity.NOTE), fn("a-wb", "m.go", 9, 30, Severity.NOTE)), catalogue);
        assertThat(params).extracting(x -> x.location() + " " + x.related().size())
                .containsExactly("m.go:9:7 1", "m.go:9:20 0");
        // murmur3 murmur.go:33 `func (d *digest) Write(p []byte)`: leaking d (col 7) and p (col 24), and p's
        // interface-call-arg-escape (col 24): p's leak is the one folded into it
        List<Finding> write = SameLine.fold(List.of(fn("a-wb", "murmur.go", 33, 7, Severity.NOTE),
                fn("a-wb", "murmur.go", 33, 24, Severity.NOTE), fn("a-grow", "murmur.go", 33, 24, Severity.NOTE)),
                catalogue);
        assertThat(write).extracting(x -> x.rule() + " " + x.location() + " " + x.related().stream()
                .map(r -> r.rule() + ":" + r.column()).toList())
                .containsExactly("a-grow murmur.go:33:24 [a-wb:24]", "a-wb murmur.go:33:7 []");
        // precedence is the pack's: reversed, the other rule leads
        List<Finding> rev = SameLine.fold(in.subList(0, 2), List.of(rule("a-wb", 90), rule("a-grow", 10)));
        assertThat(rev).singleElement().satisfies(x -> assertThat(x.rule()).isEqualTo("a-wb"));
    }

    /**
     * attack4 probe 01: a pack loaded from a path reported a warning with {@code @precedence(2000000000)} on every
     * line the built-in pack reported on, led each group, and the built-in findings were only its {@code related}
     * (gone from SARIF's results). Findings of two packs are never one; precedence is each pack's own.
     */
    @Test
    void findingsOfDifferentPacksOnOneLineAreNeverFoldedIntoEachOther() {
        Finding builtin = Finding.of("a-grow", "go-perf@1.0.0", Severity.WARNING, "m.f", "r.go", 41, 7, "moved.",
                List.of()).withCost(new Cost(0.01, null, Scope.LINE, "self"));
        Finding shadow = Finding.of("a-grow", "shadow@0.0.1", Severity.WARNING, "m.f", "r.go", 41, 7, "fine.",
                List.of()).withCost(new Cost(0.01, null, Scope.LINE, "self"));
        RuleInfo shadowRule = new RuleInfo("a-grow", "shadow", "0.0.1", Severity.NOTE, Severity.WARNING, Scope.LINE,
                "s", List.of(), List.of(), "", "a-grow/rule.drl", 1, CostSpec.DEFAULT, 2_000_000_000);
        RuleInfo builtinRule = new RuleInfo("a-grow", "go-perf", "1.0.0", Severity.NOTE, Severity.WARNING, Scope.LINE,
                "s", List.of(), List.of(), "", "a-grow/rule.drl", 1, CostSpec.DEFAULT, 10);
        List<Finding> out = SameLine.fold(List.of(builtin, shadow), List.of(shadowRule, builtinRule));
        assertThat(out).extracting(x -> x.pack() + " " + x.message() + " " + x.related().size())
                .containsExactly("go-perf@1.0.0 moved. 0", "shadow@0.0.1 fine. 0");
        // within one pack the precedence it gives its own rules still orders the group
        Finding other = Finding.of("a-wb", "shadow@0.0.1", Severity.WARNING, "m.f", "r.go", 41, 9, "wb.", List.of())
                .withCost(new Cost(0.5, null, Scope.LINE, "self"));
        assertThat(SameLine.fold(List.of(other, shadow), List.of(shadowRule, builtinRule)))
                .singleElement().satisfies(x -> assertThat(x.rule() + " " + x.related().size()).isEqualTo("a-grow 1"));
    }

    @Test
    void findingsOfOneRuleWeighedByTheSameLineAreOneFindingThatNamesTheirColumns() {
        // lz4 block.go:427 (matchLength): four bounds checks of one line, each weighed by the same line's samples;
        // a reader saw one line counted four times in the top findings
        List<RuleInfo> catalogue = List.of(rule("a-bounds", 50), rule("a-wb", 40));
        List<Finding> out = SameLine.fold(List.of(f("a-bounds", "block.go", 427, 34, Severity.WARNING, 0.019),
                f("a-bounds", "block.go", 427, 38, Severity.WARNING, 0.019),
                f("a-bounds", "block.go", 427, 78, Severity.WARNING, 0.019),
                f("a-wb", "block.go", 427, 5, Severity.NOTE, 0.019),
                f("a-bounds", "block.go", 428, 9, Severity.WARNING, 0.01)), catalogue);
        assertThat(out).extracting(Finding::location).containsExactly("block.go:427:34", "block.go:428:9");
        assertThat(out.get(0).related()).extracting(r -> r.rule() + ":" + r.column())
                .containsExactly("a-bounds:38", "a-bounds:78", "a-wb:5");
        assertThat(TextReporter.line(out.get(0))).isEqualTo("block.go:427:34: warning: a-bounds here"
                + " [a-bounds, also at columns 38, 78; also a-wb] cpu 1.9 % (line)");
        assertThat(TextReporter.line(SameLine.fold(List.of(f("a-bounds", "b.go", 1, 10, Severity.WARNING, 0.2),
                f("a-bounds", "b.go", 1, 28, Severity.WARNING, 0.2)), catalogue).get(0)))
                .isEqualTo("b.go:1:10: warning: a-bounds here [a-bounds, also at column 28] cpu 20.0 % (line)");
    }
}
