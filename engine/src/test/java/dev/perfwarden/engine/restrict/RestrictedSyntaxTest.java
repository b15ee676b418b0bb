package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The syntax-tree allow-list, one construct per case: what a restricted rule may write (no problem) and
 * what it may not (the problem names line and what is refused). Each case is one rule whose condition and
 * consequence are given; the pack is loaded and checked, never compiled.
 */
class RestrictedSyntaxTest {
    @TempDir
    Path tmp;

    List<Problem> check(String when, String then) throws Exception {
        Path pack = tmp.resolve("p");
        Files.createDirectories(pack.resolve("r"));
        Files.writeString(pack.resolve("pack.yaml"), "id: p\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(pack.resolve("r/doc.md"), "A rule.\n");
        Files.writeString(pack.resolve("r/rule.drl"), """
                package perfwarden.packs.p;

                import java.util.List;
                import java.util.ArrayList;
                import dev.perfwarden.engine.rule.Fmt;
                import dev.perfwarden.engine.rule.Hit;
                import dev.perfwarden.engine.rule.Hits;
                import dev.perfwarden.engine.model.Severity;
                import dev.perfwarden.engine.rule.Param;
                import dev.perfwarden.engine.rule.Regex;
                import dev.perfwarden.engine.model.Scope;
                import dev.perfwarden.facts.escape.EscapeFact;

                rule "r" @severity(warning) @summary("a rule")
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then));
        Pack p = PackLoader.load(pack);
        return RestrictedMode.check(p, RestrictedSyntaxTest.class.getClassLoader());
    }

    @ParameterizedTest(name = "allowed: {0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            $e : EscapeFact(kind == EscapeFact.KIND_MOVED_TO_HEAP, !duplicate, line > 3 && < 90)  | insert(Hits.hit(drools, $e, "m", $e));
            $e : EscapeFact(kind in ("escapes", "moved-to-heap"), subject not in ("x"))          | insert(Hits.hit(drools, $e, "m", $e));
            $e : EscapeFact(Regex.matches(subject, "[a-z]+"), $s : subject, symbol != "")          | insert(Hits.hit(drools, Scope.FUNCTION, $e, $s + " moves", $e));
            $e : EscapeFact(flow.size() >= 1, $f : flow)                                          | for (Object o : $f) { for (Object q : $f) { if (o != q) { insert(Hits.hit(drools, $e, "x", $e)); } } }
            $e : EscapeFact() and not EscapeFact(this != $e, subject == $e.subject)                | List<String> l = new ArrayList<>(); l.add($e.subject()); insert(Hits.hit(drools, $e, String.join(",", l), $e));
            $e : EscapeFact(); Param(pack == "p", name == "n", $n : number)                       | String s = String.format("%5.2f %s", $n, $e.subject()); insert(Hits.hit(drools, $e, s, $e));
            $e : EscapeFact(subject str[startsWith] "x")                                          | int n = $e.line(); n++; switch (n) { case 1: break; default: insert(Hits.hit(drools, $e, "x", $e)); }
            $e : EscapeFact()                                                                     | Hits.matched(drools);
            $e : EscapeFact(); Param(pack == "p", name == "n", $n : number)                       | Hit h = Hits.hit(drools, $e, "x " + Fmt.pct($n), Hits.matched(drools)); if ($n > 1) { h = h.withSeverity(Severity.NOTE); } insert(h);
            """)
    void allowed(String when, String then) throws Exception {
        assertThat(check(when, then)).isEmpty();
    }

    @ParameterizedTest(name = "refused: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $e : EscapeFact(subject matches "a.*")                     | insert(Hits.hit(drools, $e, "x", $e));          | 16 | the 'matches' operator is not allowed
            $e : EscapeFact(subject soundslike "a")                    | insert(Hits.hit(drools, $e, "x", $e));          | 16 | operator 'soundslike' is not allowed
            $e : EscapeFact(subject.matches("a.*"))                    | insert(Hits.hit(drools, $e, "x", $e));          | 16 | '.matches' is not allowed
            $e : EscapeFact()                                          | retract($e);                                    | 18 | calling 'retract(...)' is not allowed: a restricted pack may not change or remove facts
            $e : EscapeFact()                                          | update($e);                                     | 18 | calling 'update(...)' is not allowed
            $p : Param(); not EscapeFact(delete : subject == "x")      | delete($p);                                     | 18 | calling 'delete(...)' is not allowed
            $e : EscapeFact()                                          | Object o = drools.<Object>getKieRuntime();      | 18 | explicit type arguments
            $e : EscapeFact()                                          | Object o = ((Object) drools).toString();        | 18 | 'drools.toString' is not allowed
            $e : EscapeFact()                                          | while (true) { }                                | 18 | 'while' loops are not allowed
            $e : EscapeFact()                                          | String s = String.format("%99999s", "x");        | 18 | String.format width or precision 99999
            $e : EscapeFact()                                          | String f = "%s"; String s = String.format(f, 1); | 18 | String.format needs a string literal
            $e : EscapeFact()                                          | Runnable r = () -> {};                          | 18 | type 'Runnable' is not allowed
            $e : EscapeFact()                                          | try { insert($e); } catch (Exception x) { }     | 18 | 'Try' statements are not allowed
            $e : EscapeFact()                                          | int[] a = new int[1000000000];                  | 18 | 'ArrayCreation' expressions are not allowed
            $e : EscapeFact()                                          | $e = null;                                      | 18 | ''
            EscapeFact() from java.util.List.of(1)                     | Hits.matched(drools);                           | 16 | 'from java.util.List.of(1)' is not allowed
            $e : EscapeFact($c : this.getClass())                      | Hits.matched(drools);                           | 16 | '.getClass' is not allowed
            $e : EscapeFact()                                          | insert(new Hit("other", "perfwarden.packs.go_perf", Severity.ERROR, null, null, "", "", 1, 1, "forged", List.of())); | 18 | 'new Hit' is not allowed
            $e : EscapeFact()                                          | Object o = Hits.matched(drools).get(0).getClass(); | 18 | '.getClass' is not allowed
            $e : EscapeFact()                                          | Hits.matched(drools).clear();                    | 18 | '.clear' is not allowed
            $e : EscapeFact()                                          | String s = Fmt.class.getName();                  | 18 | '.class' is not allowed
            $e : EscapeFact()                                          | Object f = new Fmt();                           | 18 | 'new Fmt' is not allowed
            """)
    void refused(String when, String then, int line, String message) throws Exception {
        List<Problem> problems = check(when, then);
        if (message.isEmpty()) {
            assertThat(problems).as("assigning a bound variable is harmless (a local of the consequence)").isEmpty();
            return;
        }
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(message).contains("(restricted mode, rule \"r\"; only a pack run with"
                    + " --trust=full may do this)");
        });
    }

    /** A misspelt field or accessor is a mistake to fix, not a policy refusal: no pointer to --trust=full. */
    @ParameterizedTest(name = "typo: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $e : EscapeFact(subjcet == "x")        | insert(Hits.hit(drools, $e, "x", $e));      | 16 | unknown field 'subjcet' of EscapeFact (did you mean 'subject'?)
            $e : EscapeFact(zzzzqq == "x")         | insert(Hits.hit(drools, $e, "x", $e));      | 16 | unknown field 'zzzzqq' of EscapeFact; its fields: 
            $e : EscapeFact()                      | insert(Hits.hit(drools, $e, $e.subjcet(), $e)); | 18 | unknown accessor '.subjcet' (did you mean '.subject'?)
            """)
    void typosAreMistakesNotRefusals(String when, String then, int line, String message) throws Exception {
        List<Problem> problems = check(when, then);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).startsWith(message).doesNotContain("restricted mode").doesNotContain("--trust");
        });
    }
}
