package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which facts a session inserts: those some pattern of the rule base can match, read from its network. */
class ReadTypesTest {
    @TempDir
    Path tmp;

    /** A fact no rule names. */
    record Unread(String file, int line) {
    }

    @Test
    void aFactOfATypeNoPatternNamesIsNotReadAndEveryNamedTypeIs() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        ReadTypes reads = ReadTypes.of(rules.kieBase());
        assertThat(reads.all()).isFalse();
        assertThat(reads.test(TestPacks.leak("p.f", "a.go", 1, "x"))).isTrue();
        assertThat(reads.test(TestPacks.boxed("p.f", "a.go", 1, 1, 8))).isTrue();
        assertThat(reads.test(new Unread("a.go", 1))).isFalse();
        assertThat(reads.test("a string")).isFalse();
        // the engine's own facts: the packs' parameters are read (the rules and the param queries name them)
        assertThat(reads.test(rules.parameters(Map.of()).get(0))).isTrue();
    }

    @Test
    void aPatternOnAnInterfaceReadsEveryClassImplementingIt() throws Exception {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("leak-note/rule.drl"));
        TestPacks.write(p.resolve("leak-note/rule.drl"), drl.replace("$l : Leak()",
                "$l : Leak()\n    exists java.lang.CharSequence(length() > 0)"));
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(p)));
        ReadTypes reads = ReadTypes.of(rules.kieBase());
        assertThat(reads.test("a string")).isTrue();
        assertThat(reads.test(new StringBuilder("x"))).isTrue();
        assertThat(reads.test(new Unread("a.go", 1))).isFalse();
    }

    @Test
    void unreadFactsChangeNoFindingAndLeaveNoTypeReadAfterASession() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        List<Object> facts = new ArrayList<>(List.of(TestPacks.leak("p.f", "a.go", 1, "x")));
        List<Finding> without = rules.run(facts, Map.of());
        facts.add(new Unread("a.go", 1));
        facts.add("a string");
        List<Finding> with = rules.run(facts, Map.of());
        assertThat(with).isEqualTo(without).hasSize(1);
        assertThat(ReadTypes.ALL.test(new Unread("a.go", 1))).isTrue();
        // the network after sessions: still no node below an unread type, so it is still not read
        assertThat(ReadTypes.of(rules.kieBase()).test(new Unread("a.go", 1))).isFalse();
        assertThat(ReadTypes.of(rules.kieBase()).test(TestPacks.slow("p.f", "a.go", 1, "g", 1))).isTrue();
    }
}
