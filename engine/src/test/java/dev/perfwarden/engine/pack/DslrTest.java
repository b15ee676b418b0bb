package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.kie.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DSLR rules: errors point at the DSLR line the author wrote, and no sentence slips through unexpanded. */
class DslrTest {
    @TempDir
    Path tmp;

    /** The test pack's slow-call/rule.dslr with line 12 replaced by {@code line12} (inserted before "then"). */
    private Path packWith(String line12) {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        String text = TestPacks.read(f);
        assertThat(text.split("\n")[10]).isEqualTo("    - costing more than 100 ns");
        TestPacks.write(f, text.replace("    - costing more than 100 ns\n", "    - costing more than 100 ns\n" + line12 + "\n"));
        return p;
    }

    private static Problem onlyProblem(PackException e) {
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void compileErrorIsMappedBackToTheDslrLine() throws Exception {
        Path p = packWith("    > dev.perfwarden.engine.testfacts.Boxed(widht > 3)");
        Pack pack = PackLoader.load(p);
        RuleSource src = pack.sources().stream().filter(s -> s.ruleId().equals("slow-call")).findFirst().orElseThrow();
        // the "- costing …" sentence (line 11) is merged into line 10, so the Boxed pattern is DRL line 11
        assertThat(src.drl().split("\n")[10]).contains("Boxed(widht > 3)");
        assertThat(src.lineMap().sourceLine(11)).isEqualTo(12);

        assertThatThrownBy(() -> RuleSet.build(List.of(pack))).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = e.problems().get(0);
            assertThat(pr.file()).isEqualTo("slow-call/rule.dslr");
            assertThat(pr.line()).isEqualTo(12);
            assertThat(pr.message()).contains("widht");
            assertThat(e.getMessage()).contains(p + "/slow-call/rule.dslr:12");
        });
    }

    @Test
    void parseErrorIsMappedBackToTheDslrLine() {
        Path p = packWith("    > dev.perfwarden.engine.testfacts.Boxed(width > 3");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            assertThat(e.problems()).allSatisfy(pr -> assertThat(pr.file()).isEqualTo("slow-call/rule.dslr"));
            assertThat(e.problems().get(0).line()).isBetween(12, 13);
            assertThat(e.problems().get(0).message()).doesNotContain("Line 11");
        });
    }

    @Test
    void sentenceWithoutDslEntryIsAnErrorAtItsLine() {
        Path p = packWith("    there is nothing to see");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.file()).isEqualTo("slow-call/rule.dslr");
            assertThat(pr.line()).isEqualTo(12);
            assertThat(pr.message()).startsWith("no DSL [when] entry matches this sentence: \"there is nothing to see\"");
        });
    }

    @Test
    void partlyExpandedSentenceIsAnError() {
        // "there is a slow call" matches, "quickly" would be passed to Drools as DRL
        Path p = packWith("    there is a slow call quickly");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.line()).isEqualTo(12);
            assertThat(pr.message()).isEqualTo("sentence not fully expanded: no DSL entry matches \"quickly\" in "
                    + "\"there is a slow call quickly\"");
        });
    }

    @Test
    void consequenceSentencesAreCheckedToo() {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        TestPacks.write(f, TestPacks.read(f).replace("    report the slow call\n", "    report the slow call\n    shout it out\n"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.line()).isEqualTo(14);
            assertThat(pr.message()).startsWith("no DSL [then] entry matches this sentence: \"shout it out\"");
        });
    }

    @Test
    void constraintSentenceNeedsAPatternAbove() {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        TestPacks.write(f, TestPacks.read(f).replace("    there is a slow call\n    - costing",
                "    - costing more than 5 ns\n    there is a slow call\n    - costing"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.line()).isEqualTo(10);
            assertThat(pr.message()).contains("has no pattern above it");
        });
    }

    @Test
    void commentsDoNotShiftLines() throws Exception {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        String text = TestPacks.read(f)
                .replace("when\n", "when\n    /* a comment\n       over two lines */\n")
                .replace("then\n", "then\n    // a comment line in the consequence\n    # and a DSL comment\n");
        text = text.replace("    report the slow call\n", "    report the slow call\n    > int x = \"s\";\n");
        TestPacks.write(f, text);
        Pack pack = PackLoader.load(p);
        RuleSource src = pack.sources().stream().filter(s -> s.ruleId().equals("slow-call")).findFirst().orElseThrow();
        int dslrLine = List.of(text.split("\n")).indexOf("    > int x = \"s\";") + 1;
        int drlLine = List.of(src.drl().split("\n")).indexOf("      int x = \"s\";") + 1;
        assertThat(drlLine).isPositive();
        assertThat(src.lineMap().sourceLine(drlLine)).isEqualTo(dslrLine);
        assertThat(src.drl()).contains("insert(Hits.hit(drools, $c, \"slow call to \" + $c.callee(), $c));");
    }

    @Test
    void expanderMustNameAPackDsl() {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        TestPacks.write(f, TestPacks.read(f).replace("expander testpack.dsl", "expander other.dsl"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.line()).isEqualTo(6);
            assertThat(pr.message()).contains("expander names 'other.dsl'").contains("testpack.dsl");
        });
    }

    @Test
    void dslProblemsPointIntoTheDslFile() {
        Path p = TestPacks.copy(tmp);
        Path dsl = p.resolve("testpack.dsl");
        TestPacks.write(dsl, TestPacks.read(dsl) + "[then]log twice {m}=log({m});\\nlog({m});\n");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(e.problems()).extracting(pr -> pr.file() + ":" + pr.line())
                        .contains("testpack.dsl:6"));

        TestPacks.write(dsl, "[when]there is a slow call=$c : SlowCall()\n[whenever]broken {x=y\n");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(e.problems()).extracting(pr -> pr.file() + ":" + pr.line())
                        .contains("testpack.dsl:2"));
    }
}
