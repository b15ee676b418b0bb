package dev.perfwarden.engine.lint;

import dev.perfwarden.engine.restrict.Trust;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.lint.PackLinter.Issue;
import dev.perfwarden.engine.lint.PackLinter.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code perfwarden rules lint}: load, compile, fixtures; every issue as file:line. */
class PackLinterTest {
    @TempDir
    Path tmp;

    static final String PACK = "id: team\nversion: 0.1.0\nperfwarden: \">=0.1.0 <1.0.0\"\n";
    static final String RULE = String.join("\n",
            "rules:",
            "  - id: heap-local",
            "    severity: warning",
            "    scope: function",
            "    summary: A local variable is moved to the heap",
            "    inputs: [escape-text]",
            "    match:",
            "      - fact: escape",
            "        as: site",
            "        where: {kind: moved-to-heap, duplicate: false}",
            "    message: \"{{site.subject}} is moved to the heap\"",
            "");
    static final String MAIN = String.join("\n",
            "package main",
            "",
            "var sink *int",
            "",
            "func keep() {",
            "\tx := 1 // want \"heap-local\"",
            "\tsink = &x",
            "}",
            "",
            "func local() int {",
            "\ty := 2 // ok \"heap-local\"",
            "\treturn y",
            "}",
            "");

    private Path cleanPack() throws Exception {
        Path p = tmp.resolve("team");
        TestPacks.write(p.resolve("pack.yaml"), PACK);
        TestPacks.write(p.resolve("heap-local/rule.rules.yaml"), RULE);
        TestPacks.write(p.resolve("heap-local/doc.md"), "# heap-local\n\nA local that moves to the heap costs an allocation per call.\n");
        TestPacks.write(p.resolve("heap-local/fixture/go.mod"), "module example.com/fixture/heap-local\n\ngo 1.22\n");
        TestPacks.write(p.resolve("heap-local/fixture/main.go"), MAIN);
        Files.createDirectories(p.resolve("heap-local/captures/go1.26.8"));
        return p;
    }

    @Test
    void aCompletePackIsClean() throws Exception {
        PackLinter.Report r = PackLinter.lint(cleanPack(), getClass().getClassLoader(), Trust.FULL);
        assertThat(r.issues()).isEmpty();
        assertThat(r.pack().label()).isEqualTo("team@0.1.0");
    }

    @Test
    void aRuleThatDoesNotLoadIsAnErrorAtItsLine() throws Exception {
        Path p = cleanPack();
        TestPacks.write(p.resolve("heap-local/rule.rules.yaml"), RULE.replace("kind: moved-to-heap", "knid: moved-to-heap"));
        PackLinter.Report r = PackLinter.lint(p, getClass().getClassLoader(), Trust.FULL);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.issues().get(0).format()).startsWith(p + "/heap-local/rule.rules.yaml:10:")
                .contains(": error: escape has no field 'knid' (did you mean 'kind'?); its fields: kind (text)");
    }

    @Test
    void fixturesAreChecked() throws Exception {
        Path p = cleanPack();
        TestPacks.write(p.resolve("heap-local/fixture/main.go"), MAIN
                .replace("// want \"heap-local\"", "// want \"heap-locals\"")
                .replace("// ok \"heap-local\"", ""));
        Files.delete(p.resolve("heap-local/fixture/go.mod"));
        Files.delete(p.resolve("heap-local/captures/go1.26.8"));
        TestPacks.write(p.resolve("heap-local/doc.md"), "# heap-local\n");
        PackLinter.Report r = PackLinter.lint(p, getClass().getClassLoader(), Trust.FULL);
        assertThat(r.issues()).extracting(Issue::format).containsExactly(
                p + "/heap-local/captures/: warning: no captures/go<version>/ folder, so perfwarden test cannot run"
                        + " heap-local; make one with: perfwarden test --regen " + p,
                p + "/heap-local/doc.md:1: warning: the doc has no paragraph of prose (headings, code and tables only);"
                        + " its first paragraph becomes the rule's description in SARIF",
                p + "/heap-local/fixture/: error: the fixture has no // want \"heap-local\": mark each line the rule"
                        + " must find",
                p + "/heap-local/fixture/: warning: the fixture has no // ok \"heap-local\": add a near miss the rule"
                        + " must not find",
                p + "/heap-local/fixture/go.mod: warning: the fixture has no go.mod, so perfwarden test --regen"
                        + " cannot build it (module example.com/fixture/heap-local, go 1.22)",
                p + "/heap-local/fixture/main.go:6: error: // want names rule \"heap-locals\", which no loaded pack"
                        + " defines (rules: heap-local)");
        assertThat(r.errors()).isEqualTo(2);
    }

    @Test
    void missingFixtureAndMalformedAnnotation() throws Exception {
        Path p = cleanPack();
        TestPacks.write(p.resolve("heap-local/fixture/main.go"), MAIN.replace("// want \"heap-local\"", "// want heap-local"));
        assertThat(PackLinter.lint(p, getClass().getClassLoader(), Trust.FULL).issues()).extracting(Issue::format).containsExactly(
                p + "/heap-local/fixture/main.go:6: error: '// want' names no rule id (expected // want \"rule-id\")");
        deleteTree(p.resolve("heap-local/fixture"));
        PackLinter.Report r = PackLinter.lint(p, getClass().getClassLoader(), Trust.FULL);
        assertThat(r.issues()).extracting(Issue::level, Issue::format).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.ERROR, p + "/heap-local/fixture/: error: rule heap-local has"
                        + " no fixture: add heap-local/fixture/ with a Go program that has // want \"heap-local\" on each"
                        + " line the rule must find and // ok \"heap-local\" on near misses"));
    }

    @Test
    void compileErrorsAreReportedAtTheRuleSourceLine() throws Exception {
        Path p = TestPacks.copy(tmp);
        Path f = p.resolve("boxed-value/rule.drl");
        TestPacks.write(f, TestPacks.read(f).replace("$b : Boxed(width >= $min)", "$b : Boxed(widht >= $min)"));
        PackLinter.Report r = PackLinter.lint(p, getClass().getClassLoader(), Trust.FULL);
        assertThat(r.issues()).filteredOn(i -> i.level() == Level.ERROR).extracting(Issue::format)
                .anySatisfy(s -> assertThat(s).startsWith(p + "/boxed-value/rule.drl:10: error: ").contains("widht"));
    }

    private static void deleteTree(Path d) throws java.io.IOException {
        try (var walk = Files.walk(d)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
