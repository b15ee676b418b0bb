package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code perfwarden rules lint}: exit 0 when clean, 2 on errors, problems as file:line. */
class RulesCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PerfwardenCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private Path pack(String where) throws IOException {
        Path p = tmp.resolve("mypack");
        write(p.resolve("pack.yaml"), "id: mypack\nversion: 0.1.0\n");
        write(p.resolve("heap-local/rule.rules.yaml"), String.join("\n",
                "rules:",
                "  - id: heap-local",
                "    severity: warning",
                "    summary: A local variable is moved to the heap",
                "    inputs: [escape-text]",
                "    match:",
                "      - fact: escape",
                "        where: {" + where + "}",
                "    message: \"{{escape.subject}} is moved to the heap\"",
                ""));
        write(p.resolve("heap-local/doc.md"), "Each call allocates the variable.\n");
        write(p.resolve("heap-local/fixture/go.mod"), "module example.com/fixture/heap-local\n\ngo 1.22\n");
        write(p.resolve("heap-local/fixture/main.go"), "package main\n\nvar sink *int\n\nfunc main() {\n"
                + "\tx := 1 // want \"heap-local\"\n\tsink = &x\n\ty := 2 // ok \"heap-local\"\n\tprintln(y)\n}\n");
        Files.createDirectories(p.resolve("heap-local/captures/go1.26.8"));
        return p;
    }

    @Test
    void cleanPackExitsZero() throws Exception {
        Path p = pack("kind: moved-to-heap");
        Run r = run("rules", "lint", p.toString());
        assertThat(r.out()).isEqualTo("mypack@0.1.0 (1 rules): 0 errors, 0 warnings\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aPackRefusedInRestrictedModeIsNamedByItsId() throws Exception {
        Path p = pack("kind: moved-to-heap");
        Files.delete(p.resolve("heap-local/rule.rules.yaml"));
        write(p.resolve("heap-local/rule.drl"), String.join("\n",
                "package perfwarden.packs.mypack;",
                "import dev.perfwarden.engine.rule.Hits;",
                "import dev.perfwarden.facts.escape.EscapeFact;",
                "rule \"heap-local\" @severity(warning) @summary(\"s\") @inputs(\"escape-text\")",
                "when",
                "    $e : EscapeFact(kind == \"moved-to-heap\")",
                "then",
                "    System.exit(3);",
                "    insert(Hits.hit(drools, $e, \"m\", $e));",
                "end", ""));
        Run r = run("rules", "lint", p.toString());
        assertThat(r.out()).contains("heap-local/rule.drl:8:5: error: 'System' is not allowed here")
                .contains("(restricted mode, rule \"heap-local\"; only a pack run with --trust=full may do this)")
                .endsWith("mypack@0.1.0 (1 rules): 1 error, 0 warnings\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void errorsAreListedAsFileLineAndExitTwo() throws Exception {
        Path p = pack("kind: moved-to-heap, width: {\">=\": 8}");
        Run r = run("rules", "lint", p.toString());
        assertThat(r.out()).startsWith(p + "/heap-local/rule.rules.yaml:8:38: error: escape has no field 'width';"
                        + " its fields: kind (text), subject (text)")
                .endsWith("\nmypack: 1 error, 0 warnings\n"); // the folder, as in the docs (not "." for "lint .")
        assertThat(r.exit()).isEqualTo(2);

        Path q = pack("kind: moved-to-heap");
        Files.delete(q.resolve("heap-local/fixture/main.go"));
        r = run("rules", "lint", q.toString());
        assertThat(r.out()).isEqualTo(q + "/heap-local/fixture/: error: the fixture has no // want \"heap-local\":"
                + " mark each line the rule must find\n"
                + q + "/heap-local/fixture/: warning: the fixture has no // ok \"heap-local\": add a near miss the"
                + " rule must not find\n"
                + "mypack@0.1.0 (1 rules): 1 error, 1 warning\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void warningsFailOnlyWithStrict() throws Exception {
        Path p = pack("kind: moved-to-heap");
        Files.delete(p.resolve("heap-local/captures/go1.26.8"));
        assertThat(run("rules", "lint", p.toString()).exit()).isZero();
        assertThat(run("rules", "lint", "--strict", p.toString()).exit()).isEqualTo(2);
        assertThat(run("rules", "lint", tmp.resolve("nope").toString()).exit()).isEqualTo(2);
    }
}
