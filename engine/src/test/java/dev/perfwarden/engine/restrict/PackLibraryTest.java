package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pack's library ({@code lib/*.drl}): functions and queries shared by its rules, compiled with them, and
 * checked in restricted mode like a consequence. The attacks through lib/ are packs under
 * {@code malicious/lib-*} ({@link MaliciousPacksTest}) and {@code limits/lib-quartic-loops} ({@link SessionLimitsTest}).
 */
class PackLibraryTest {
    @TempDir
    Path tmp;

    private static final String RULE = """
            package perfwarden.packs.team;

            import dev.perfwarden.engine.rule.Hits;
            import dev.perfwarden.facts.escape.EscapeFact;

            rule "heap-local" @severity(warning) @summary("a local moved to the heap")
            when
                $e : EscapeFact(kind == EscapeFact.KIND_MOVED_TO_HEAP, $f : file, $l : line)
                movedHere($f, $l;)
                param("heap.share", $share;)
            then
                insert(Hits.hit(drools, $e, describe($e.subject(), $share), $e));
            end
            """;

    private static final String LIB = """
            package perfwarden.packs.team;

            import dev.perfwarden.engine.rule.Fmt;
            import dev.perfwarden.facts.escape.EscapeFact;

            // shared by the pack's rules
            function String describe(String subject, double share) {
                return quoted(subject) + " moves to the heap (" + Fmt.pct(share) + " of the bytes)";
            }

            function String quoted(String s) {
                return "'" + s + "'";
            }

            query movedHere(String f, int l)
                EscapeFact(kind == EscapeFact.KIND_MOVED_TO_HEAP, file == f, line == l)
            end
            """;

    private Path pack(String rule, Map<String, String> lib) throws Exception {
        Path pack = tmp.resolve("team");
        Files.createDirectories(pack.resolve("heap-local"));
        Files.createDirectories(pack.resolve("lib"));
        Files.writeString(pack.resolve("pack.yaml"), """
                id: team
                version: 0.1.0
                perfwarden: ">=0.1.0"
                parameters:
                  heap.share: {type: number, default: 0.253, description: a share}
                """);
        Files.writeString(pack.resolve("heap-local/doc.md"), "A local moved to the heap.\n");
        Files.writeString(pack.resolve("heap-local/rule.drl"), rule);
        for (Map.Entry<String, String> e : lib.entrySet()) {
            Files.writeString(pack.resolve("lib").resolve(e.getKey()), e.getValue());
        }
        return pack;
    }

    @Test
    void aRuleCallsItsLibrarysFunctionsAndQueriesInRestrictedMode() throws Exception {
        Pack p = PackLoader.load(pack(RULE, Map.of("util.drl", LIB)));
        assertThat(p.sources()).extracting(s -> s.file()).contains("lib/util.drl", "heap-local/rule.drl");
        assertThat(RestrictedMode.check(p, getClass().getClassLoader())).isEmpty();

        RuleSet rules = RuleSet.build(List.of(p), getClass().getClassLoader());
        List<Finding> found = rules.run(List.of(MaliciousPacksTest.escape()), Map.of());
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("heap-local");
            assertThat(f.message()).startsWith("'x' moves to the heap (25.3 % of the bytes)");
        });
    }

    @Test
    void aRuleReadsItsOwnPacksParametersWithoutNamingThePack() throws Exception {
        Pack p = PackLoader.load(pack(RULE, Map.of("util.drl", LIB)));
        RuleSet rules = RuleSet.build(List.of(p), getClass().getClassLoader());
        assertThat(rules.run(List.of(MaliciousPacksTest.escape()), Map.of("team:heap.share", 0.5)))
                .singleElement().satisfies(f -> assertThat(f.message()).startsWith("'x' moves to the heap (50.0 %"));
    }

    @Test
    void theQueriesEveryPackHasAreReservedNames() throws Exception {
        Path dir = pack(RULE, Map.of("util.drl", LIB + "\nquery param(String n)\n    EscapeFact(subject == n)\nend\n"));
        assertThatThrownBy(() -> PackLoader.load(dir)).isInstanceOf(PackException.class)
                .hasMessageContaining("lib/util.drl:19: error: query name 'param' is reserved: every pack has a query"
                        + " param that reads the pack's own parameters (docs/rules.md, Parameters)");
    }

    @Test
    void aFunctionOutsideTheLibraryIsRefusedWithWhereItBelongs() throws Exception {
        String rule = RULE.replace("rule \"heap-local\"", """
                function String local(String s) {
                    return s;
                }

                rule "heap-local\"""");
        Pack p = PackLoader.load(pack(rule, Map.of("util.drl", LIB)));
        assertThat(RestrictedMode.check(p, getClass().getClassLoader())).singleElement().satisfies(pr -> {
            assertThat(pr.file() + ":" + pr.line()).isEqualTo("heap-local/rule.drl:6");
            assertThat(pr.message()).isEqualTo("'function local' is not allowed in a rule file: put it in the pack's"
                    + " library (lib/*.drl), where it is checked like a consequence (restricted mode; only a pack run"
                    + " with --trust=full may do this)");
        });
    }

    @Test
    void aRefusalInTheLibraryNamesTheFunctionAndItsLine() throws Exception {
        String lib = LIB.replace("return \"'\" + s + \"'\";", "return s.getClass().getName();");
        Pack p = PackLoader.load(pack(RULE, Map.of("util.drl", lib)));
        List<Problem> problems = RestrictedMode.check(p, getClass().getClassLoader());
        assertThat(problems).first().satisfies(pr -> {
            assertThat(pr.file() + ":" + pr.line() + ":" + pr.column()).isEqualTo("lib/util.drl:12:12");
            assertThat(pr.message()).isEqualTo("'.getClass' is not allowed: only accessors and constants of the fact"
                    + " model and a few String, collection and number methods may be called (restricted mode,"
                    + " function \"quoted\"; only a pack run with --trust=full may do this)");
        });
    }

    @Test
    void theLibraryHoldsNoRulesAndOnlyDrl() throws Exception {
        String lib = LIB + """

                rule "stray" @severity(note) @summary("s")
                when
                    EscapeFact()
                then
                end
                """;
        Path dir = pack(RULE, Map.of("util.drl", lib, "notes.txt", "x", "README.md", "what lib/ holds"));
        assertThatThrownBy(() -> PackLoader.load(dir)).isInstanceOf(PackException.class)
                .hasMessageContaining("lib/util.drl:19: error: rule \"stray\" in the library: lib/ holds functions,"
                        + " queries and declarations; a rule goes in its own folder (stray/rule.drl)")
                .hasMessageContaining("lib/notes.txt: error: lib/ holds the pack's library as DRL files (lib/NAME.drl:"
                        + " functions, queries, declare); this file is not read")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("README.md"));
    }

    @Test
    void theLibraryDeclaresThePacksPackage() throws Exception {
        Path dir = pack(RULE, Map.of("util.drl", LIB.replace("package perfwarden.packs.team;", "package other;")));
        assertThatThrownBy(() -> PackLoader.load(dir)).isInstanceOf(PackException.class)
                .hasMessageContaining("lib/util.drl:1: error: declares package 'other'; the library of pack team must"
                        + " declare 'package perfwarden.packs.team;'");
    }

    /**
     * A value type declared once in the library ({@code declare}) is inserted by one rule and matched by another,
     * at the default trust: the restricted check reads the declaration on Drools' syntax tree (the attacks are
     * malicious/declare-*).
     */
    @Test
    void aTypeDeclaredInTheLibraryIsSharedByTheRulesInRestrictedMode() throws Exception {
        String lib = LIB + """

                // one heap-allocated local per line, derived once
                declare HeapLocal
                    file : String @key
                    line : int @key
                    subject : String
                end
                """;
        String original = RULE.substring(RULE.indexOf("rule \"heap-local\""));
        String derive = RULE.replace(original, """
                rule "derive-heap-local" @severity(note) @summary("derives HeapLocal")
                when
                    $e : EscapeFact(kind == EscapeFact.KIND_MOVED_TO_HEAP)
                then
                    insert(new HeapLocal($e.file(), $e.line(), $e.subject()));
                end
                """);
        String rule = RULE.replace(original, """
                rule "heap-local" @severity(warning) @summary("a local moved to the heap")
                when
                    $h : HeapLocal($f : file, $l : line)
                    $e : EscapeFact(file == $f, line == $l)
                then
                    insert(Hits.hit(drools, $e, "declared: " + $h.getSubject() + " at line " + $h.getLine(), $e));
                end
                """);
        assertThat(rule).contains("HeapLocal($f");
        assertThat(derive).contains("new HeapLocal(");
        Path dir = pack(rule, Map.of("util.drl", lib));
        Files.createDirectories(dir.resolve("derive-heap-local"));
        Files.writeString(dir.resolve("derive-heap-local/doc.md"), "Derives HeapLocal.\n");
        Files.writeString(dir.resolve("derive-heap-local/rule.drl"), derive);
        Pack p = PackLoader.load(dir);
        assertThat(RestrictedMode.check(p, getClass().getClassLoader())).isEmpty();
        RuleSet rules = RuleSet.build(List.of(p), getClass().getClassLoader());
        assertThat(rules.run(List.of(MaliciousPacksTest.escape()), Map.of())).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("declared: x at line "));
    }

    @Test
    void aDeclarationIsCheckedFieldByField() throws Exception {
        String lib = LIB + """

                declare Bad
                    ok : String
                    list : java.util.List
                    own : EscapeFact
                    n : int = 3
                    handle : java.lang.Thread
                end
                """;
        Pack p = PackLoader.load(pack(RULE, Map.of("util.drl", lib)));
        assertThat(RestrictedMode.check(p, getClass().getClassLoader()))
                .extracting(pr -> pr.file() + ":" + pr.line() + ": " + pr.message().replaceAll(" \\(restricted mode.*", ""))
                .containsExactlyInAnyOrder(
                        "lib/util.drl:23: field 'n' of 'declare Bad' has a default value (3): not allowed, a default is"
                                + " code that runs at every creation; pass the value to the constructor",
                        "lib/util.drl:24: field 'handle' of 'declare Bad' has type 'java.lang.Thread', which is not"
                                + " allowed: a declared type's fields may be primitives, String and the boxed numbers,"
                                + " fact-model types, java.util collections or the pack's declared types");
    }

    /**
     * attack2 probe 09: Drools reads {@code @position}'s value with Integer.valueOf and uses it as a bit index, so
     * {@code @position(x)} and {@code @position(-1)} threw out of the build (an internal error, exit 70).
     */
    @Test
    void fieldAnnotationsTakeOnlyTheValuesDroolsCanUse() throws Exception {
        String lib = LIB + """

                declare Placed
                    a : String @position(0)
                    b : String @position(x)
                    c : String @position(-1)
                    d : String @position(3)
                    e : String @key
                    f : String @key(1)
                end
                """;
        Pack p = PackLoader.load(pack(RULE, Map.of("util.drl", lib)));
        assertThat(RestrictedMode.check(p, getClass().getClassLoader()))
                .extracting(pr -> pr.file() + ":" + pr.line() + ": " + pr.message().replaceAll(" \\(restricted mode.*", ""))
                .containsExactlyInAnyOrder(
                        "lib/util.drl:21: @position on field 'b' of 'declare Placed' must be a field index from 0 to 5,"
                                + " not 'x'",
                        "lib/util.drl:22: @position on field 'c' of 'declare Placed' must be a field index from 0 to 5,"
                                + " not '-1'",
                        "lib/util.drl:25: @key on field 'f' of 'declare Placed' takes no value");
    }
}
