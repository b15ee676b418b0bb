package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classes of attack on restricted mode, one test per class, each with its variants: names that Drools rewrites
 * before it compiles (so the checked tree is not the compiled one), static methods called through a value,
 * and facts a pack could forge. The probes that found them are packs under {@code malicious/}
 * ({@link MaliciousPacksTest}); these are the rest of each class.
 */
class DroolsRewritesTest {
    @TempDir
    Path tmp;

    /** A pack with one rule ({@code when}/{@code then}), a library file and a declaration; its problems. */
    private List<Problem> check(String declare, String lib, String when, String then) throws Exception {
        Path pack = tmp.resolve("p" + System.nanoTime());
        Files.createDirectories(pack.resolve("r"));
        Files.writeString(pack.resolve("pack.yaml"), "id: p\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(pack.resolve("r/doc.md"), "A rule.\n");
        if (!lib.isEmpty()) {
            Files.createDirectories(pack.resolve("lib"));
            Files.writeString(pack.resolve("lib/util.drl"), """
                    package perfwarden.packs.p;

                    import dev.perfwarden.engine.rule.Param;

                    %s
                    """.formatted(lib));
        }
        Files.writeString(pack.resolve("r/rule.drl"), """
                package perfwarden.packs.p;

                import java.util.List;
                import java.util.ArrayList;
                import java.util.Locale;
                import dev.perfwarden.engine.rule.Hit;
                import dev.perfwarden.engine.rule.Hits;
                import dev.perfwarden.engine.rule.Param;
                import dev.perfwarden.facts.escape.EscapeFact;
                import dev.perfwarden.facts.profile.ProfileSummary;
                import dev.perfwarden.facts.profile.LineCost;
                import dev.perfwarden.facts.program.ProgramSummary;

                declare Carrier
                    %s
                end

                rule "r" @severity(warning) @summary("a rule")
                when
                    %s
                then
                    %s
                end
                """.formatted(declare.isEmpty() ? "n : int" : declare, when, then));
        return RestrictedMode.check(PackLoader.load(pack), DroolsRewritesTest.class.getClassLoader());
    }

    private static void refusedAt(List<Problem> problems, String file, int line, String message) {
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file() + ":" + p.line()).isEqualTo(file + ":" + line);
            assertThat(p.message()).contains(message).contains("restricted mode");
        });
    }

    /**
     * Every name that Drools turns into a call on {@code drools} (KnowledgeHelperFixer's macros and the Java
     * block parser's modify/update/delete blocks in the classic build; Consequence's implicit and
     * knowledge-helper methods in the executable model, which the pack cache compiles user packs to) is
     * refused as a library function's name, and its call in a consequence is refused too.
     */
    static Stream<String> rewrittenNames() {
        return DroolsNames.REWRITTEN_CALLS.stream().sorted();
    }

    @ParameterizedTest(name = "library function {0}")
    @MethodSource("rewrittenNames")
    void aRewrittenNameIsNoLibraryFunction(String name) throws Exception {
        List<Problem> problems = check("", "function void " + name + "(Param p) {\n}", "$p : Param()",
                name + "($p);");
        refusedAt(problems, "lib/util.drl", 5, "function name '" + name + "' is not allowed: Drools rewrites a call "
                + name + "(...)");
        refusedAt(problems, "r/rule.drl", 22, "is not allowed");
    }

    /** ... and as a method called on a value, where the executable model re-scopes it to the knowledge helper. */
    @ParameterizedTest(name = "member {0}")
    @MethodSource("rewrittenNames")
    void aRewrittenNameIsNoMember(String name) throws Exception {
        List<Problem> problems = check("", "", "$e : EscapeFact()", "Object o = Hits.matched(drools)." + name + "();");
        refusedAt(problems, "r/rule.drl", 22, "'." + name + "' is not allowed: Drools rewrites");
    }

    /** A declared field whose accessor would be one of those names (getKieRuntime, getRule, ...). */
    @ParameterizedTest(name = "field {0}")
    @CsvSource({"kieRuntime", "rule", "match", "tuple", "workingMemory", "knowledgeRuntime", "integer", "long",
            "boolean"})
    void aFieldWhoseAccessorIsRewrittenOrBannedIsRefused(String field) throws Exception {
        String type = field.equals("rule") ? "String" : "int";
        List<Problem> problems = check(field + " : " + type, "", "$e : EscapeFact()", "Hits.matched(drools);");
        refusedAt(problems, "r/rule.drl", 15, "field '" + field + "' of 'declare Carrier' is not allowed");
    }

    /** The interface points Drools rewrites ({@code entryPoints[..]}, {@code channels[..]}, {@code exitPoints[..]}). */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            entryPoints : EscapeFact()                   | Object o = entryPoints["DEFAULT"];                          | 20 | 'entryPoints' is not allowed as a name
            channels : EscapeFact()                      | Object o = channels["x"];                                   | 20 | 'channels' is not allowed as a name
            exitPoints : ProgramSummary()                | Object o = exitPoints["x"];                                 | 20 | 'exitPoints' is not allowed as a name
            $e : EscapeFact(entryPoints : line > 0)      | Hits.matched(drools);                                       | 20 | 'entryPoints' is not allowed as a name
            kcontext : EscapeFact()                      | Hits.matched(drools);                                       | 20 | 'kcontext' is not allowed as a name
            $e : EscapeFact()                            | Object entryPoints = $e; Object o = entryPoints["x"];       | 22 | 'entryPoints' is not allowed as a name
            $e : EscapeFact()                            | for (Object channels : new ArrayList<Object>()) { }          | 22 | 'channels' is not allowed as a name
            $e : EscapeFact()                            | if ($e instanceof EscapeFact exitPoints) { }               | 22 | 'exitPoints' is not allowed as a name
            $e : EscapeFact()                            | Object o = $e.entryPoints;                                  | 22 | '.entryPoints' is not allowed
            """)
    void interfacePointNamesAreRefused(String when, String then, int line, String message) throws Exception {
        refusedAt(check("", "", when, then), "r/rule.drl", line, message);
    }

    /**
     * A static method called through a value is the static method: the checker cannot know the value's type, so
     * a call on a value is refused when its name and number of arguments fit a static method of a type a value
     * can have; the banned System-property readers are refused whatever the receiver.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            String s = "".format("%200000000s", "x");                     | '.format(...)' with 2 arguments is not allowed on a value
            String s = "".join(",", new ArrayList<String>());             | '.join(...)' with 2 arguments is not allowed on a value
            Integer z = 0; Object o = z.valueOf("1");                    | '.valueOf(...)' with 1 argument is not allowed on a value
            Long z = 0L; Object o = z.getLong("perfwarden.secret");      | '.getLong' is not allowed: Integer.getInteger, Long.getLong and Boolean.getBoolean
            Boolean z = true; Object o = z.getBoolean("x");             | '.getBoolean' is not allowed
            Integer z = 0; Object o = z.getInteger("x", 1);              | '.getInteger' is not allowed
            Locale l = Locale.ROOT; l.setDefault(Locale.US);            | '.setDefault(...)' with 1 argument is not allowed on a value
            Integer z = 0; String s = z.toString(5);                     | '.toString(...)' with 1 argument is not allowed on a value
            Object o = $e.of("k", "s");                                  | '.of(...)' with 2 arguments is not allowed on a value
            Object o = Integer.getInteger("x");                          | 'Integer.getInteger' is not allowed
            """)
    void staticMethodsThroughAValueAreRefused(String then, String message) throws Exception {
        refusedAt(check("integer : int\n    long : int\n    boolean : int", "", "$e : EscapeFact()", then),
                "r/rule.drl", 24, message);
    }

    /** Instance calls that share a name with a static method of another arity stay allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Integer z = 0; String s = z.toString() + $e.subject().length() + z.hashCode() + z.compareTo(1);
            String s = $e.evidence().get(0).at().format();
            Double d = 1.0; boolean b = d.intValue() > 0 && Double.isNaN(d);
            """)
    void instanceCallsOfOtherAritiesStayAllowed(String then) throws Exception {
        assertThat(check("", "", "$e : EscapeFact()", then + " Hits.matched(drools);")).isEmpty();
    }

    /**
     * What a restricted pack may create and insert is an allow-list: {@code new} of its declared types, the
     * java.util collections and value records (not facts); {@code insert} of Hits and its declared types only,
     * each known from the tree (a {@code new}, a {@code Hits} call, a local or cast of that type).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            insert(new ProfileSummary("f", "cpu", "ns", 1L, 1L, 1L, 0.0, 0.0, 0.0, 0.0));  | 'new ProfileSummary' is not allowed: ProfileSummary is a fact
            insert(new LineCost("a.go", 1, "cpu", "ns", 1L, 1.0, 1L, 1.0, 1L, 1.0, 1));    | 'new LineCost' is not allowed: LineCost is a fact
            insert($e.withAttribution("x", "y"));                                          | a restricted pack may insert only Hits and the types it declares
            insert($e);                                                                    | a restricted pack may insert only Hits and the types it declares
            Object o = new Carrier(1); insert(o);                                          | a restricted pack may insert only Hits and the types it declares
            var h = $e; insert(h);                                                         | a restricted pack may insert only Hits and the types it declares
            insertLogical($e.withAttribution("x", "y"));                                   | a restricted pack may insert only Hits and the types it declares
            insert(Hits.hit(drools, $e, "x", $e), true);                                   | insert takes one argument
            """)
    void forgedFactsAreRefused(String then, String message) throws Exception {
        refusedAt(check("", "", "$e : EscapeFact()", then), "r/rule.drl", 22, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            insert(Hits.hit(drools, $e, "x", $e));
            insert(Hits.hit(drools, $e, "x", $e).withSeverity(dev.perfwarden.engine.model.Severity.NOTE));
            Hit h = Hits.hit(drools, $e, "x", $e); insert(h);
            insert(new Carrier(1)); Carrier c = new Carrier(2); insert(c); insertLogical((Carrier) c);
            Object o = new Carrier(1); insert((Carrier) o);
            Hit h = Hits.hit(drools, $e, "x", $e); insert($e.line() > 1 ? h : h.notRaised());
            """)
    void ownHitsAndDeclaredTypesMayBeInserted(String then) throws Exception {
        assertThat(check("", "", "$e : EscapeFact()", then)).isEmpty();
    }

    /**
     * Members are decided by the receiver's type where the tree tells it (attack report item 2): the accessor of a
     * declared field applies to values of the declared types only, not to an Integer (a declared field {@code integer}
     * made {@code zero.getInteger(..)} — the static Integer.getInteger — allowed), to an Object, or to a value whose
     * type the tree does not tell; a static method reached through a value of a known type is named by that type.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Integer z = 0; int k = z.getN();                            | '.getN' is the accessor of a declared field, and this value is of type Integer
            Object o = new Carrier(1); int k = o.getN();                | '.getN' is the accessor of a declared field, and this value is of type Object
            int k = "x".getN();                                         | this value is of type String, not of a type the pack declares
            int k = $e.evidence().getN();                               | this value is of type Evidence, not of a type the pack declares
            int k = $e.flow().get(0).getN();                            | this value is of type Object, not of a type the pack declares
            int k = $s.getN();                                          | the type of the value before it cannot be told from the rule
            dev.perfwarden.engine.model.Severity v = dev.perfwarden.engine.model.Severity.NOTE; Object o = v.byId("x"); | it is the static method Severity.byId
            """)
    void membersAreDecidedByTheReceiversType(String then, String message) throws Exception {
        refusedAt(check("", "", "$e : EscapeFact($s : subject)", then), "r/rule.drl", 22, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Carrier c = new Carrier(1); int k = c.getN(); c.setN(k + 1);
            Object o = new Carrier(1); int k = ((Carrier) o).getN();
            int k = new Carrier(1).getN();
            """)
    void declaredAccessorsApplyToDeclaredTypes(String then) throws Exception {
        assertThat(check("", "", "$e : EscapeFact()", then + " Hits.matched(drools);")).isEmpty();
        assertThat(check("", "function int count(Carrier c) {\n    return c.getN();\n}", "$c : Carrier()",
                "int k = $c.getN() + count($c); $c.setN(k); insert($c); Hits.matched(drools);")).isEmpty();
    }

    /**
     * The {@code modify} path (attack report item 3), in both builds: a {@code modify($x) { ... }} block is MVEL-style
     * syntax that is not Java and is refused whatever it modifies (an escape, a parameter, the pack's own type);
     * {@code modify(..)} and {@code update(..)} as calls are refused. What stays allowed is a setter on a value of a
     * declared type (the pack's own facts, see declaredAccessorsApplyToDeclaredTypes): no fact-model or reporting-API
     * type has setters. (Probed by hand as well: such a pack compiles classically and to the executable model.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            modify($c) { setN(1) }                   | Drools' modify { } blocks and MVEL syntax are not allowed
            modify($c) { setN(1); }                  | Drools' modify { } blocks and MVEL syntax are not allowed
            modify($e) { setLine(1) };               | Drools' modify { } blocks and MVEL syntax are not allowed
            modify ($c) { n = 2 };                   | Drools' modify { } blocks and MVEL syntax are not allowed
            modify($c);                              | calling 'modify(...)' is not allowed: a restricted pack may not change or remove facts
            $c.setN(1); update($c);                  | calling 'update(...)' is not allowed: a restricted pack may not change or remove facts
            """)
    void modifyIsRefused(String then, String message) throws Exception {
        assertThat(check("", "", "$c : Carrier()\n    $e : EscapeFact()", then)).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("r/rule.drl");
            assertThat(p.line()).isBetween(22, 23);
            assertThat(p.message()).contains(message).contains("restricted mode");
        });
    }
}
