package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.pack.Frontends;
import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.RuleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each front-end's errors name the rule source file and line the author wrote, never a position in
 * generated DRL: at load time (translation, DRL parse) and at compile time (Drools' KieBuilder messages,
 * mapped back through the source map). Also: a fourth language plugs in through ServiceLoader.
 */
class FrontendErrorsTest {
    @TempDir
    Path tmp;

    private static Problem problemAt(PackException e, String file, int line) {
        return e.problems().stream().filter(p -> p.file().equals(file) && p.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + file + ":" + line + " in:\n" + e.getMessage()));
    }

    @Test
    void yamlUnknownFieldNamesTheYamlLineAndTheValidFields() {
        Path p = PolicyPacks.yamlRule(tmp, "r", String.join("\n",
                "rules:",
                "  - id: r",
                "    severity: note",
                "    summary: x",
                "    match:",
                "      - fact: runtime-call",
                "        where:",
                "          calee: runtime.growslice",
                "    message: m",
                ""));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = problemAt(e, "r/rule.rules.yaml", 8);
            assertThat(pr.column()).isEqualTo(11);
            assertThat(pr.format()).isEqualTo(p + "/r/rule.rules.yaml:8:11: error: runtime-call has no field 'calee'"
                    + " (did you mean 'callee'?); its fields: symbol (text), file (text), line (integer), col (integer),"
                    + " callee (text), category (text), inLoop (boolean), address (integer), evidence.input (text),"
                    + " evidence.text (text), evidence.at.input (text), evidence.at.line (integer),"
                    + " evidence.at.byteOffset (boolean) (pack policies)");
        });
    }

    @Test
    void dslrSentenceThatDoesNotExpandNamesTheDslrLine() {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        TestPacks.write(f, TestPacks.read(f).replace("    there is a slow call\n", "    there is a slow cal\n"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = problemAt(e, "slow-call/rule.dslr", 10);
            assertThat(pr.message()).isEqualTo("no DSL [when] entry matches this sentence: \"there is a slow cal\";"
                    + " closest known sentences: \"there is a slow call\" | \"there is a slow call to {callee}\" |"
                    + " \"- costing more than {n} ns\" (prefix DRL with '>' to pass it through)");
            assertThat(pr.format()).startsWith(p + "/slow-call/rule.dslr:10:5: error: no DSL [when] entry");
        });
    }

    @Test
    void drlSyntaxErrorInAConstraintSentenceNamesThatSentencesLineAndColumn() {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("slow-call/rule.dslr");
        // expands to "nanos > 100 200", spliced into the pattern on line 10: the error is the sentence's, on line 11
        TestPacks.write(f, TestPacks.read(f).replace("- costing more than 100 ns", "- costing more than 100 200 ns"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = problemAt(e, "slow-call/rule.dslr", 11);
            assertThat(pr.column()).isEqualTo(5);
            assertThat(pr.message()).startsWith("expected ',' between constraints, before '200' in rule \"slow-call\"");
            assertThat(e.problems()).noneMatch(x -> x.line() == 10);
        });
    }

    @Test
    void drlSyntaxErrorNamesTheDrlLine() {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("boxed-value/rule.drl");
        TestPacks.write(f, TestPacks.read(f).replace("$b : Boxed(width >= $min)", "$b : Boxed(width >= $min"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            assertThat(e.problems()).isNotEmpty().allSatisfy(pr -> assertThat(pr.file()).isEqualTo("boxed-value/rule.drl"));
            assertThat(e.problems().get(0).line()).isBetween(10, 11);
            assertThat(e.getMessage()).contains(p + "/boxed-value/rule.drl:1");
        });
    }

    @Test
    void drlCompileErrorFromKieBuilderNamesTheDrlLine() throws Exception {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("boxed-value/rule.drl");
        TestPacks.write(f, TestPacks.read(f).replace("$b : Boxed(width >= $min)", "$b : Boxed(widht >= $min)"));
        Pack pack = PackLoader.load(p);
        assertThatThrownBy(() -> RuleSet.build(List.of(pack), getClass().getClassLoader()))
                .isInstanceOfSatisfying(PackException.class, e -> {
                    Problem pr = problemAt(e, "boxed-value/rule.drl", 10);
                    assertThat(pr.message()).contains("widht");
                });
    }

    @Test
    void yamlCompileErrorsWouldBeMappedThroughTheSourceMap() throws Exception {
        // YAML policies are checked before Drools sees them, so Drools should never fail on them; still, the
        // source map is what RuleSet uses: a Drools error on a generated line lands on the YAML line
        // (Drools reports a bad constraint at its pattern's first line: the "- fact:" item).
        Pack pack = PackLoader.load(PolicyPacks.yamlRule(tmp, "r", String.join("\n",
                "rules:",
                "  - id: r",
                "    severity: note",
                "    summary: x",
                "    match:",
                "      - fact: runtime-call",
                "        as: call",
                "        where:",
                "          callee: runtime.growslice",
                "    message: m",
                "")));
        RuleSource src = pack.sources().get(0);
        String[] drl = src.drl().split("\n");
        int constraint = java.util.Arrays.asList(drl).indexOf("        callee == \"runtime.growslice\"") + 1;
        assertThat(src.lineMap().sourceLine(constraint)).isEqualTo(9);
        Pack broken = new Pack(pack.id(), pack.version(), pack.engineRange(), pack.requires(), pack.description(),
                pack.origin(), pack.sha256() + "x", pack.parameters(), pack.rules(),
                List.of(new RuleSource(src.ruleId(), src.file(), src.language(), src.text(),
                        src.drl().replace("callee == \"runtime.growslice\"", "calee == \"runtime.growslice\""),
                        src.lineMap())), pack.dsl());
        assertThatThrownBy(() -> RuleSet.build(List.of(broken), getClass().getClassLoader()))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(problemAt(e, "r/rule.rules.yaml", 6)
                        .message()).contains("calee"));
    }

    @Test
    void aPluginFrontendIsFoundAndItsErrorsNameItsLines() throws Exception {
        assertThat(Frontends.defaults().all()).extracting(PolicyFrontend::id).containsExactly("drl", "dslr", "yaml", "toy");
        Path p = PolicyPacks.pack(tmp, "buf-escapes/rule.toy", String.join("\n",
                "# a rule in the toy language",
                "rule = buf-escapes",
                "severity = warning",
                "summary = A buffer is moved to the heap",
                "variable = buf",
                ""), "buf-escapes/doc.md", "Buffers should stay on the stack.\n");
        Pack pack = PackLoader.load(p);
        assertThat(pack.sources().get(0).language()).isEqualTo(RuleSource.Language.OTHER);
        List<Finding> found = RuleSet.build(List.of(pack), getClass().getClassLoader()).run(List.of(
                PolicyPacks.escape("moved-to-heap", "buf", "m.f", "a.go", 4, 2),
                PolicyPacks.escape("moved-to-heap", "other", "m.f", "a.go", 5, 2)), Map.of());
        assertThat(found).extracting(f -> f.rule() + " " + f.line() + " " + f.message())
                .containsExactly("buf-escapes 4 buf is moved to the heap");

        TestPacks.write(p.resolve("buf-escapes/rule.toy"), "rule = buf-escapes\nseverity = severe\nsummary = x\n"
                + "varaible = buf\n");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(problemAt(e, "buf-escapes/rule.toy", 4).message()).startsWith("expected one of"));
        TestPacks.write(p.resolve("buf-escapes/rule.toy"), "rule = buf-escapes\nseverity = severe\nsummary = x\n"
                + "variable = buf\n");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(problemAt(e, "buf-escapes/rule.toy", 1).message())
                        .isEqualTo("@severity(severe) must be error, warning or note"));
    }

    @Test
    void twoRuleSourcesInOneFolderAreRefused() {
        Path p = PolicyPacks.pack(tmp, "r/rule.drl", "package perfwarden.packs.policies;\n",
                "r/rule.rules.yaml", "rules: []\n", "r/doc.md", "x\n");
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(e.problems()).extracting(Problem::message)
                        .containsExactly("rule folder holds rule.drl and rule.rules.yaml; keep one"));
    }

    @Test
    void scopeMustFitTheReportedFact() {
        Path p = PolicyPacks.yamlRule(tmp, "r", String.join("\n",
                "rules:",
                "  - id: r",
                "    severity: note",
                "    summary: x",
                "    match:",
                "      - fact: hot-function",
                "    message: m",
                ""));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(problemAt(e, "r/rule.rules.yaml", 2).message()).isEqualTo("scope line weighs the finding"
                        + " by its source line, but the reported fact 'hotFunction' (hot-function) has no file and"
                        + " line; use scope: function or none"));
    }
}
