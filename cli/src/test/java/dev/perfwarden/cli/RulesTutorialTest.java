package dev.perfwarden.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tutorial of {@code docs/rules.md}, done as a reader does it: every file it shows ({@code `mypack/...`:}
 * followed by a code block) is written from the document itself, the pack is tested and run at the default
 * trust (restricted mode) in its YAML, DSL and DRL forms, and each prints the finding the document shows.
 * The captures are the fixture's, made with the document's "capture by hand" commands (Go 1.26.8).
 */
class RulesTutorialTest {
    static final Pattern FILE_BLOCK = Pattern.compile("`(mypack/[^`]+)`:\n\n```[a-z]*\n(.*?)```\n", Pattern.DOTALL);

    @TempDir
    Path tmp;

    final Path root = Cli.root();
    Map<String, String> files;
    Path pack;
    Path rule;
    Path captures;

    @BeforeEach
    void readTheTutorial() throws IOException {
        String doc = Files.readString(root.resolve("docs/rules.md"));
        files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(doc);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        assertThat(files).containsKeys("mypack/pack.yaml", "mypack/heap-alloc-in-loop/fixture/main.go",
                "mypack/heap-alloc-in-loop/rule.rules.yaml", "mypack/heap-alloc-in-loop/doc.md", "mypack/mypack.dsl",
                "mypack/heap-alloc-in-loop/rule.dslr", "mypack/heap-alloc-in-loop/rule.drl");
        pack = tmp.resolve("mypack");
        rule = pack.resolve("heap-alloc-in-loop");
        for (String f : files.keySet()) {
            if (!f.endsWith(".dsl") && !f.endsWith(".dslr") && !f.endsWith(".drl")) {
                write(f); // steps 1 to 3: the pack, the fixture, the YAML rule and its doc page
            }
        }
        captures = rule.resolve("captures/go1.26.8");
        PinnedPacksCliTest.copyTree(root.resolve("cli/src/test/resources/tutorial/go1.26.8"), captures, Map.of());
    }

    @Test
    void theTutorialPackPassesItsTestsAndReportsTheSameFindingInAllThreeLanguages() throws IOException {
        String doc = Files.readString(root.resolve("docs/rules.md"));
        Matcher shown = Pattern.compile("```\n(main\\.go:15:3: warning: [^\n]+)\n").matcher(doc);
        assertThat(shown.find()).as("the finding shown in step 5").isTrue();

        String yaml = testAndAnalyze("YAML");
        assertThat(yaml.lines().findFirst()).contains(shown.group(1));

        // step 6: copy the built-in vocabulary, add mypack.dsl, the .dslr replaces the YAML rule
        Files.copy(root.resolve("rules/packs/go-perf/go-perf.dsl"), pack.resolve("go-perf.dsl"));
        write("mypack/mypack.dsl");
        Files.delete(rule.resolve("rule.rules.yaml"));
        write("mypack/heap-alloc-in-loop/rule.dslr");
        assertThat(testAndAnalyze("DSL")).as("\"analyze prints the same finding, byte for byte\"").isEqualTo(yaml);

        // step 7: the .drl replaces the .dslr
        Files.delete(rule.resolve("rule.dslr"));
        write("mypack/heap-alloc-in-loop/rule.drl");
        assertThat(testAndAnalyze("DRL")).isEqualTo(yaml);

        // step 8: the DRL syntax error the document shows (a missing comma), as it shows it
        Matcher shownError = Pattern.compile("  mypack/(heap-alloc-in-loop/rule\\.drl:14:53: error: expected[^\n]+?) \\(pack mypack\\)\n")
                .matcher(doc);
        assertThat(shownError.find()).isTrue();
        String drl = Files.readString(rule.resolve("rule.drl"));
        assertThat(drl).contains("inLoop, symbol");
        Files.writeString(rule.resolve("rule.drl"), drl.replace("inLoop, symbol", "inLoop symbol"));
        Cli.Run broken = Cli.run("rules", "lint", pack.toString());
        assertThat(broken.out()).contains(shownError.group(1));
        Files.writeString(rule.resolve("rule.drl"), drl);

        // step 9
        Cli.Run lint = Cli.run("rules", "lint", pack.toString());
        assertThat(lint.out()).as(lint.err()).isEqualTo("mypack@0.1.0 (1 rules): 0 errors, 0 warnings\n");
        assertThat(lint.exit()).isZero();
    }

    /** A {@code want} may also name the message text and the severity; a finding that differs fails the test. */
    @Test
    void wantAnnotationsMayAssertTheMessageAndTheSeverity() throws IOException {
        Path main = rule.resolve("fixture/main.go");
        String fixture = Files.readString(main);
        String want = "// want \"heap-alloc-in-loop\"\n";
        assertThat(fixture).contains(want);
        Files.writeString(main, fixture.replace(want,
                "// want \"heap-alloc-in-loop\" \"runtime.newobject runs on every iteration\" [warning]\n"));
        Cli.Run ok = Cli.run("test", pack.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();

        Files.writeString(main, fixture.replace(want, "// want \"heap-alloc-in-loop\" \"runs once\" [error]\n"));
        Cli.Run bad = Cli.run("test", pack.toString());
        assertThat(bad.exit()).as(bad.out() + bad.err()).isEqualTo(1);
        assertThat(bad.out()).contains(main.getParent().resolve("main.go") + ":15: no finding whose message contains"
                + " \"runs once\" of severity error; found: [warning \"p is moved to the heap inside a loop: ");
    }

    /** {@code ./perfwarden test mypack/}, then step 5's {@code analyze -v}; returns what analyze printed. */
    private String testAndAnalyze(String language) {
        Cli.Run test = Cli.run("test", pack.toString());
        assertThat(test.exit()).as(language + ": perfwarden test\n" + test.out() + test.err()).isZero();
        assertThat(test.out()).containsPattern("heap-alloc-in-loop +go1\\.26\\.8 +1 +1 +0 +0 +ok")
                .contains("1 passed, 0 failed");
        Cli.Run run = Cli.run("analyze", "-v", captures.toString(), "--source", rule.resolve("fixture").toString(),
                "--rules", pack.toString());
        assertThat(run.exit()).as(language + ": perfwarden analyze\n" + run.err()).isZero();
        assertThat(run.err()).as(language).doesNotContain("restricted mode");
        return run.out();
    }

    private void write(String file) throws IOException {
        Path p = tmp.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, files.get(file));
    }
}
