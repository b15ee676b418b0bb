package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aTextBlockAndAnInstanceofPatternAreAllowed() throws Exception {
        assertThat(check("$e : EscapeFact()", "String s = \"\"\"\n        hi\n        \"\"\";"
                + " if ($e instanceof EscapeFact f) { s = s + f.subject(); } insert(Hits.hit(drools, $e, s, $e));"))
                .isEmpty();
    }

    /** What Drools' own DRL parser refuses never reaches the allow-list: the load names file, line and column. */
    @ParameterizedTest(name = "parser: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            $e : EscapeFact(); $n : Number() from accumulate( EscapeFact( $l : line ), count( (Runnable) () -> System.exit(1) ) ) | 16:99 | no viable alternative at input ')'
            $e : EscapeFact(); $n : Number() from accumulate( EscapeFact( $l : line ), sum( ((java.util.function.IntSupplier) System::nanoTime).getAsInt() ) ) | 16:119 | expected ',' between constraints, before 'System'
            $e : EscapeFact( java.util.List.<String>of() != null )    | 16:36 | unexpected '.'
            $e : EscapeFact( ((Runnable) () -> System.exit(1)) != null ) | 16:35 | no viable alternative at input ')'
            $e : EscapeFact( switch (1) { default -> 1; } > 0 )       | 16:33 | unexpected '{'
            $e : EscapeFact(); $x : Object() from $e.<Object>toString() | 16:45 | unexpected '.'
            """)
    void refusedByDroolsParser(String when, String where, String message) {
        assertThatThrownBy(() -> check(when, "Hits.matched(drools);")).isInstanceOf(PackException.class)
                .hasMessageContaining("r/rule.drl:" + where + ": error: ").hasMessageContaining(message);
    }

    /** A library function (lib/*.drl) is checked as a consequence is; its problems name the library file. */
    @ParameterizedTest(name = "library: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            List<String> l = java.util.List.<String>of();            | explicit type arguments ('.[String]of') are not allowed
            insert(subject);                                          | calling 'insert(...)' is not allowed
            Runnable r = () -> System.exit(1);                        | type 'Runnable' is not allowed
            int x = switch (subject.length()) { case 1 -> 2; default -> 3; }; | 'Switch' expressions are not allowed
            int n = 0;                                                | ''
            """)
    void libraryFunctions(String body, String message) throws Exception {
        Path pack = tmp.resolve("lib-pack");
        Files.createDirectories(pack.resolve("r"));
        Files.createDirectories(pack.resolve("lib"));
        Files.writeString(pack.resolve("pack.yaml"), "id: p\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(pack.resolve("r/doc.md"), "A rule.\n");
        Files.writeString(pack.resolve("lib/util.drl"), """
                package perfwarden.packs.p;

                import java.util.List;

                function String label(String subject) {
                    %s
                    return subject;
                }
                """.formatted(body));
        Files.writeString(pack.resolve("r/rule.drl"), """
                package perfwarden.packs.p;

                import dev.perfwarden.engine.rule.Hits;
                import dev.perfwarden.facts.escape.EscapeFact;

                rule "r" @severity(warning) @summary("a rule")
                when
                    $e : EscapeFact()
                then
                    insert(Hits.hit(drools, $e, label($e.subject()), $e));
                end
                """);
        List<Problem> problems = RestrictedMode.check(PackLoader.load(pack), RestrictedSyntaxTest.class.getClassLoader());
        if (message.isEmpty()) {
            assertThat(problems).isEmpty();
            return;
        }
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file() + ":" + p.line()).endsWith("lib/util.drl:6");
            assertThat(p.message()).contains(message).contains("(restricted mode, function \"label\"");
        });
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
            $e : EscapeFact()                                          | int[] a = {1, 2};                               | 18 | 'ArrayInitializer' expressions are not allowed
            $e : EscapeFact()                                          | Object[] a = new Object[]{ $e };                | 18 | 'ArrayCreation' expressions are not allowed
            $e : EscapeFact()                                          | $e.file = null;                                 | 18 | only local variables may be assigned, not '$e.file'
            $e : EscapeFact()                                          | $e.line++;                                      | 18 | only local variables may be assigned, not '$e.line'
            $e : EscapeFact()                                          | Object o = String.class;                        | 18 | '.class' is not allowed
            $e : EscapeFact()                                          | String n = "java.lang." + "System"; Object o = Class.forName(n); | 18 | 'Class' is not allowed here
            $e : EscapeFact( (line = 3) > 0 )                          | Hits.matched(drools);                           | 16 | assignments are not allowed in a condition
            $e : EscapeFact( class != null )                           | Hits.matched(drools);                           | 16 | 'class' is not a Java expression that can be checked
            $e : EscapeFact( EscapeFact.this != null )                 | Hits.matched(drools);                           | 16 | 'this' is not allowed here
            $e : EscapeFact()                                          | Object o = EscapeFact.this;                     | 18 | 'this' is not allowed here
            $e : EscapeFact()                                          | Object o = drools;                              | 18 | 'drools' may only be passed to Hits.hit, Hits.at or Hits.matched
            $e : EscapeFact()                                          | insert(drools);                                 | 18 | 'drools' may only be passed to Hits.hit, Hits.at or Hits.matched
            $e : EscapeFact()                                          | Object o = kcontext.getKieRuntime();            | 18 | 'drools.getKieRuntime' is not allowed
            $e : EscapeFact()                                          | java.lang.System.exit(1);                       | 18 | fully qualified name 'java.lang.System.exit' is not allowed
            $e : EscapeFact(); $x : Object() from $e.getClass().getClassLoader() | Hits.matched(drools);                 | 16 | 'from $e.getClass().getClassLoader()' is not allowed
            $e : EscapeFact()                                          | insert(Hits.<Object>hit(drools, $e, "x", $e));  | 18 | explicit type arguments ('.[Object]hit') are not allowed
            $e : EscapeFact()                                          | Object o = $e.<Object>toString();               | 18 | explicit type arguments ('.[Object]toString') are not allowed
            $e : EscapeFact()                                          | List<String> l = java.util.List.<String>of();   | 18 | explicit type arguments ('.[String]of') are not allowed
            $e : EscapeFact()                                          | Object o = $e.getClass();                       | 18 | '.getClass' is not allowed
            $e : EscapeFact()                                          | if ($e instanceof EscapeFact(var a, var b)) { } | 18 | this consequence is not Java that can be checked
            $e : EscapeFact()                                          | l: for (Object o : new ArrayList<Object>()) { break l; } | 18 | 'Labeled' statements are not allowed
            $e : EscapeFact()                                          | List<String> l = new ArrayList<>(); l.forEach(x -> System.exit(1)); | 18 | '.forEach' is not allowed
            $e : EscapeFact()                                          | List<String> l = new ArrayList<>(); l.forEach(System.out::println); | 18 | '.forEach' is not allowed
            $e : EscapeFact()                                          | Object o = true ? (Runnable) () -> System.exit(1) : null; | 18 | type 'Runnable' is not allowed
            $e : EscapeFact()                                          | class X { }                                     | 18 | 'LocalClassDeclaration' statements are not allowed
            $e : EscapeFact()                                          | Object o = new ArrayList<Object>() { };         | 18 | 'new ArrayList' is not allowed: anonymous classes are code the check cannot bound
            $e : EscapeFact()                                          | Object o = $e.new Object();                     | 18 | qualified 'new' is not allowed
            $e : EscapeFact()                                          | String re = "a"; boolean b = Regex.matches("a", re); | 18 | Regex.matches with a pattern that is not a string literal is not allowed
            $e : EscapeFact()                                          | return 1;                                       | 18 | 'return' with a value is not allowed
            $e : EscapeFact()                                          | String[] s = "a".split("a");                    | 18 | '.split' is not allowed
            $e : EscapeFact()                                          | Object o = super.toString();                    | 18 | 'Super' expressions are not allowed
            $e : EscapeFact()                                          | switch (1) { case 1 -> System.exit(1); default -> {} } | 18 | only classic 'case X:' switch entries are allowed
            $e : EscapeFact()                                          | int x = switch (1) { case 1 -> 2; default -> 3; }; | 18 | 'Switch' expressions are not allowed
            $e : EscapeFact()                                          | synchronized ($e) { }                           | 18 | 'Synchronized' statements are not allowed
            $e : EscapeFact()                                          | List<Object> l = new ArrayList<>(); for (Object a : l) { for (Object b : l) { for (Object c : l) { } } } | 18 | more than 2 nested 'for' loops are not allowed
            $e : EscapeFact()                                          | throw new RuntimeException();                   | 18 | 'Throw' statements are not allowed
            $e : EscapeFact()                                          | java.util.Map<String, java.io.File> m = null;   | 18 | type 'java.io.File' is not allowed
            $e : EscapeFact()                                          | List<? extends java.io.File> m = null;          | 18 | type 'java.io.File' is not allowed
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
