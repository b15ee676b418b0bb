package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.model.RuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A literal outside a field's closed vocabulary (a misspelt fact kind) refuses the pack, at the author's line. */
class VocabularyCheckTest {
    private static final String ESCAPE_KINDS = "moved-to-heap, does-not-escape, escapes, calls-param, leak, mutates-param,"
            + " leaking-param, unsafe-uintptr, escaping-uintptr, leaking-param-content, leaking-param-to-result,"
            + " does-not-escape-mutate-call";

    @TempDir
    Path tmp;

    /** The test pack with leak-note/rule.drl's condition replaced by {@code when} (imports: EscapeFact, InlineFact). */
    private Path packWhen(String when) {
        Path p = TestPacks.copy(tmp);
        TestPacks.write(p.resolve("leak-note/rule.drl"), """
                package perfwarden.packs.testpack;

                import dev.perfwarden.engine.rule.Hits;
                import dev.perfwarden.facts.escape.EscapeFact;
                import dev.perfwarden.facts.inline.*;

                rule "leak-note" @severity(note) @scope(none) @summary("A parameter leaks")
                when
                """ + when + """

                then
                    insert(Hits.hit(drools, $l, "leaking param", $l.evidence()));
                end
                """);
        return p;
    }

    private static Problem onlyProblem(PackException e) {
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void misspeltKindIsRefusedWithFileLineColumnAndKnownValuesClosestFirst() {
        Path p = packWhen("    $l : EscapeFact(kind == \"moved-to-hep\")");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.file()).isEqualTo("leak-note/rule.drl");
            assertThat(pr.line()).isEqualTo(9);
            assertThat(pr.column()).isEqualTo(29);
            assertThat(pr.message()).isEqualTo("'moved-to-hep' is not a value of EscapeFact.kind (did you mean"
                    + " 'moved-to-heap'?); known values, closest first: " + ESCAPE_KINDS);
            assertThat(e.getMessage()).contains(p + "/leak-note/rule.drl:9:29: error: 'moved-to-hep'");
        });
    }

    @Test
    void everyValueOfInAndNotInListsIsChecked() {
        // the text block's lines start at column 1 (its closing quotes end the last line)
        Path p = packWhen("""
                    $l : EscapeFact(kind in ("leak", "leaking-parm"))
                    InlineFact(kind not in ("can-inline",
                                            "cant-inline"), this.kind != 'big-function')
                    InlineFact("cannot-inline" == kind)""");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            assertThat(e.problems()).extracting(pr -> pr.line() + ":" + pr.column() + " " + pr.message()
                            .substring(0, pr.message().indexOf(" (did")))
                    .containsExactly("9:34 'leaking-parm' is not a value of EscapeFact.kind",
                            "11:25 'cant-inline' is not a value of InlineFact.kind");
            assertThat(e.problems().get(1).message()).endsWith("closest first: can-inline, cannot-inline,"
                    + " skip-inline, cannot-inline-call, big-function, inlined-call");
        });
    }

    @Test
    void knownValuesLoad() throws Exception {
        Path p = packWhen("""
                    $l : EscapeFact(kind == "moved-to-heap" || kind in ("leak", "leaking-param"))
                    InlineFact(kind != "can-inline", reasonKind == "too-expensive" || reasonKind == null)""");
        Pack pack = PackLoader.load(p);
        assertThat(pack.rules()).extracting(RuleInfo::id).contains("leak-note");
    }

    @Test
    void aUnicodeEscapeInTheLiteralIsReadAsJavaReadsIt() throws Exception {
        // "leaking\u002Dparam" is "leaking-param" to Java and Drools
        Path p = packWhen("    $l : EscapeFact(kind == \"leaking\\u002Dparam\", this.kind != \"leak\")");
        assertThat(PackLoader.load(p).rules()).extracting(RuleInfo::id).contains("leak-note");
    }

    @Test
    void aFieldWrittenWithThisIsNamedAsRulesNameIt() {
        Path bad = packWhen("    $l : EscapeFact(this.kind == \"lek\")");
        assertThatThrownBy(() -> PackLoader.load(bad)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(onlyProblem(e).message()).as("the field as rules name it, without this.")
                        .startsWith("'lek' is not a value of EscapeFact.kind ("));
    }

    @Test
    void aConstraintTooDeepForTheExpressionParserIsRefusedNotAnInternalError() throws Exception {
        // the file's parse (on a large stack) fits; the check's second parse of the constraint, on a
        // small stack, runs out: before, the StackOverflowError escaped the load (exit 70, "internal error")
        String drl = "package p;\nimport dev.perfwarden.facts.escape.EscapeFact;\nrule \"r\"\nwhen\n    EscapeFact("
                + "(".repeat(300) + "kind == \"leak\"" + ")".repeat(300) + ")\nthen\nend\n";
        java.util.concurrent.atomic.AtomicReference<DrlInspector.Result> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread big = new Thread(null, () -> result.set(DrlInspector.inspect(drl)), "large-stack", 256L << 20);
        big.start();
        big.join();
        DrlInspector.Result parsed = result.get();
        assertThat(parsed.errors()).as("the file's parse, on a 256 MiB stack").isEmpty();
        PackReading warm = new PackReading(new PackFiles("test", "p", new java.util.TreeMap<>()));
        VocabularyCheck.check(warm, "r/rule.drl", LineMap.identity(), DrlInspector.inspect("package p;\n").descr());
        PackReading r = new PackReading(new PackFiles("test", "p", new java.util.TreeMap<>()));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(null, () -> VocabularyCheck.check(r, "r/rule.drl", LineMap.identity(), parsed.descr()),
                "small-stack", 96 * 1024);
        t.setUncaughtExceptionHandler((th, e) -> thrown.set(e));
        t.start();
        t.join();
        assertThat(thrown.get()).as("what escaped the check").isNull();
        assertThat(r.failure().problems()).singleElement().satisfies(pr -> {
            assertThat(pr.line()).isEqualTo(5);
            assertThat(pr.message()).isEqualTo(DrlInspector.TOO_DEEP);
        });
    }

    @Test
    void aLiteralWrappedCastJoinedOrComparedWithEqualsIsCheckedToo() {
        Path p = packWhen("""
                    $l : EscapeFact(kind == ("lek"), kind != (String) "mutates-parm", kind == "leak" + "ing")
                    EscapeFact(kind.equals("escapez"), "calls-parm".equals(this.kind), kind == "moved".toString())""");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(e.problems()).extracting(pr -> pr.line() + ":" + pr.column() + " " + pr.message()
                                .replaceAll(" \\(did you mean .*|; known values.*", ""))
                        .containsExactly("9:25 'lek' is not a value of EscapeFact.kind",
                                "9:42 'mutates-parm' is not a value of EscapeFact.kind",
                                "9:75 'leaking' is not a value of EscapeFact.kind",
                                "10:24 'escapez' is not a value of EscapeFact.kind",
                                "10:36 'calls-parm' is not a value of EscapeFact.kind",
                                "10:76 'moved' is not a value of EscapeFact.kind"));
    }

    @Test
    void wrappedKnownValuesLoad() throws Exception {
        Path p = packWhen("""
                    $l : EscapeFact(kind == ("leak"), kind != (String) "mutates-param", kind == "leaking" + "-param")
                    EscapeFact(kind.equals("escapes"), "calls-param".equals(this.kind), kind.equals(kind))""");
        assertThat(PackLoader.load(p).rules()).extracting(RuleInfo::id).contains("leak-note");
    }

    @Test
    void fieldsWithoutAClosedVocabularyAcceptAnything() throws Exception {
        // subject and pkg are free text; kind compared with a variable or a constant is not a literal
        Path p = packWhen("""
                    $l : EscapeFact(subject == "anything at all", pkg != "x", $k : kind)
                    EscapeFact(kind == $k, kind != EscapeFact.KIND_LEAK, kind matches "mov.*")""");
        assertThat(PackLoader.load(p).rules()).extracting(RuleInfo::id).contains("leak-note");
    }

    @Test
    void libraryQueriesAreCheckedWithTheLiteralOnEitherSide() {
        Path p = TestPacks.copy(tmp);
        TestPacks.write(p.resolve("lib/escapes.drl"), """
                package perfwarden.packs.testpack;

                import dev.perfwarden.facts.escape.EscapeFact;

                query leaks()
                    EscapeFact("lek" == kind)
                end
                """);
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.file()).isEqualTo("lib/escapes.drl");
            assertThat(pr.line() + ":" + pr.column()).isEqualTo("6:16");
            assertThat(pr.message()).startsWith("'lek' is not a value of EscapeFact.kind")
                    .contains("closest first: leak, ");
        });
    }

    @Test
    void dslrSentenceProblemPointsAtTheAuthorsLine() {
        Path p = TestPacks.copy(tmp);
        Path dsl = p.resolve("testpack.dsl");
        TestPacks.write(dsl, TestPacks.read(dsl) + "[when]there is an escape=EscapeFact()\n"
                + "[when]- of kind {k}=kind == \"{k}\"\n");
        Path f = p.resolve("slow-call/rule.dslr");
        String text = TestPacks.read(f)
                .replace("import dev.perfwarden.engine.testfacts.SlowCall;",
                        "import dev.perfwarden.engine.testfacts.SlowCall;\nimport dev.perfwarden.facts.escape.EscapeFact;")
                .replace("    - costing more than 100 ns\n",
                        "    - costing more than 100 ns\n    there is an escape\n    - of kind leaking-params\n");
        TestPacks.write(f, text);
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = onlyProblem(e);
            assertThat(pr.file()).isEqualTo("slow-call/rule.dslr");
            assertThat(pr.line()).isEqualTo(14);
            assertThat(pr.column()).isEqualTo(5);
            assertThat(pr.message()).startsWith("'leaking-params' is not a value of EscapeFact.kind")
                    .endsWith("closest first: leaking-param, calls-param, leaking-param-content, "
                            + "mutates-param, leaking-param-to-result, leak, escapes, escaping-uintptr, "
                            + "does-not-escape, moved-to-heap, unsafe-uintptr, does-not-escape-mutate-call");
        });
    }
}
