package dev.perfwarden.engine.frontend;

import org.drools.drl.parser.lang.dsl.DSLMapping;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.junit.jupiter.api.Test;


import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DSL front-end on sentences whose values hold parentheses and quotes: a {@code - constraint} lands
 * inside the pattern above, whatever string literals that pattern holds, and a sentence nobody defined is
 * reported at its line and column with the nearest known sentences.
 */
class DslrSentenceTest {
    static final String DSL = String.join("\n",
            "[when]a variable is moved to the heap=$site : EscapeFact(kind == \"moved-to-heap\")",
            "[when]a call to {re}=$site : InlineFact(Regex.matches(callee, \"{re}\"))",
            "[when]- of the value named {name}=subject == \"{name}\"",
            "[when]- explained by a flow=flow.size() > 0",
            "[then]report \"{message}\"=insert(Hits.hit(drools, $site, \"{message}\", Hits.matched(drools)));",
            "");

    static DslrExpander.Result expand(String... lhs) throws Exception {
        DSLTokenizedMappingFile f = new DSLTokenizedMappingFile();
        assertThat(f.parseAndLoad(new StringReader(DSL))).as("%s", f.getErrors()).isTrue();
        List<DSLMapping> mappings = List.of(f.getMapping());
        String dslr = "package p;\n\nrule \"r\"\nwhen\n" + String.join("\n", lhs) + "\nthen\n    report \"m\"\nend\n";
        return DslrExpander.expand(dslr, mappings);
    }

    static String line(DslrExpander.Result r, int n) {
        return r.drl().split("\n")[n - 1].strip();
    }

    @Test
    void anOpenParenthesisInAStringDoesNotCrashAndTheNextConstraintStaysOutsideTheString() throws Exception {
        DslrExpander.Result r = expand("    a variable is moved to the heap", "    - of the value named a(b",
                "    - explained by a flow");
        assertThat(r.problems()).isEmpty();
        assertThat(line(r, 5)).isEqualTo("$site : EscapeFact(kind == \"moved-to-heap\", subject == \"a(b\","
                + " flow.size() > 0)");
        assertThat(line(r, 6)).isEqualTo("then");
        assertThat(r.lineMap().sourceLine(6)).isEqualTo(8);
    }

    @Test
    void aClosingParenthesisInAStringIsNotThePatternsOwn() throws Exception {
        DslrExpander.Result r = expand("    a call to \\\\(x\\\\)", "    - explained by a flow");
        assertThat(r.problems()).isEmpty();
        assertThat(line(r, 5)).isEqualTo("$site : InlineFact(Regex.matches(callee, \"\\\\(x\\\\)\"), flow.size() > 0)");
    }

    @Test
    void anEscapedQuoteInsideTheStringDoesNotEndIt() throws Exception {
        DslrExpander.Result r = expand("    a variable is moved to the heap", "    - of the value named a\\\")",
                "    - explained by a flow");
        assertThat(r.problems()).isEmpty();
        assertThat(line(r, 5)).endsWith("subject == \"a\\\")\", flow.size() > 0)");
    }

    @Test
    void anUnknownSentenceIsReportedAtItsColumnWithTheClosestKnownSentences() throws Exception {
        DslrExpander.Result r = expand("    a variable is moved to heap", "    - of the value named x");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.message()).startsWith("no DSL [when] entry matches this sentence: \"a variable is moved to"
                    + " heap\"; closest known sentences: \"a variable is moved to the heap\" | ");
        });
    }

    @Test
    void splicingKnowsStringsAndCharacters() {
        assertThat(SentenceTokens.lastCloseParen("X(a == \")\")")).isEqualTo(10);
        assertThat(SentenceTokens.lastCloseParen("X(c == ')')")).isEqualTo(10);
        assertThat(SentenceTokens.lastCloseParen("\"no ) here\"")).isEqualTo(-1);
        assertThat(SentenceTokens.spliceConstraint("X()", "a > 1")).isEqualTo("X(a > 1)");
        assertThat(SentenceTokens.spliceConstraint("X(b) from collect(Y( ))", "a > 1"))
                .isEqualTo("X(b) from collect(Y( ), a > 1)");
        assertThat(SentenceTokens.spliceConstraint("nothing", "a")).isNull();
    }

    @Test
    void sentencesWhoseSlotsBacktrackAreStoppedByTheCpuBudget() throws Exception {
        // plain slots are lazy '.*?' groups: three of them between repeated words make matching one 1,600-character
        // sentence take O(n^4) steps (minutes); the expansion runs within a CPU budget and is stopped, not waited for
        DSLTokenizedMappingFile f = new DSLTokenizedMappingFile();
        assertThat(f.parseAndLoad(new StringReader("[when]x {a} y {b} y {c} z=$site : EscapeFact()\n"))).isTrue();
        String dslr = "package p;\n\nrule \"r\"\nwhen\n    " + "x y ".repeat(400) + "x\nthen\nend\n";
        long start = System.nanoTime();
        Thread[] worker = new Thread[1];
        assertThatThrownBy(() -> CpuBound.run(Duration.ofMillis(500), () -> {
            worker[0] = Thread.currentThread();
            return DslrExpander.expand(dslr, List.of(f.getMapping()));
        })).isInstanceOf(CpuBound.Exceeded.class).hasMessageMatching("took more than (0\\.5 s of CPU time|1\\.5 s of wall-clock time \\(3 x its CPU"
                        + " budget\\)) and was stopped"); // wall clock first on a busy machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        worker[0].join(5_000);
        assertThat(worker[0].isAlive()).as("the stopped expansion's thread").isFalse();
    }
    /**
     * attack3 probe 06: the expansion budget is the pack's, not each file's: what one file uses is gone for the next,
     * and a file that finds none left is refused, named, without being expanded (12 files of 10 s each loaded for
     * 6 minutes).
     */
    @Test
    void thePacksDslrFilesShareOneCpuBudget() throws Exception {
        DSLTokenizedMappingFile f = new DSLTokenizedMappingFile();
        assertThat(f.parseAndLoad(new StringReader(DSL))).as("%s", f.getErrors()).isTrue();
        PackContext.CpuBudget budget = new PackContext.CpuBudget(Duration.ofSeconds(10));
        PackContext ctx = new PackContext("p", "p", java.util.Map.of(), java.util.Map.of("v.dsl", f.getMapping()), budget);
        String dslr = "package p;\n\nrule \"r\"\nwhen\n    a variable is moved to the heap\nthen\n    report \"m\"\nend\n";
        Translation one = new DslrFrontend().translate(new SourceFile("a/rule.dslr", dslr), ctx);
        assertThat(one.problems()).isEmpty();
        assertThat(budget.left()).isLessThan(Duration.ofSeconds(10)).isPositive();
        budget.spend(budget.left().toNanos());
        Translation two = new DslrFrontend().translate(new SourceFile("b/rule.dslr", dslr), ctx);
        assertThat(two.problems()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo("b/rule.dslr");
            assertThat(d.message()).isEqualTo("not expanded: the DSLR files of this run's packs took all of the 10 s of"
                    + " CPU time their expansion may take together before this one");
        });
    }
}
