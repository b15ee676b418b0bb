package dev.perfwarden.cli;

import dev.perfwarden.facts.input.ParserFailure;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit code 70 for internal failures (never 1, the gate's code), one line on stderr, traces only with --debug. */
class ExitCodeTest {
    static final Path ROOT = Cli.root();

    @Test
    void outOfMemoryIsExitSeventyWithOneLine() throws Exception {
        // a real OutOfMemoryError: the JVM gets too small a heap for the rule pack and the inputs
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "analyze", ROOT.resolve("examples/captured/orders").toString(), "--fail-on", "note"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(70);
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("perfwarden: internal error: out of memory").contains("PERFWARDEN_JAVA_OPTS");
    }

    @Test
    void aBugIsOneLineWithoutDebugAndATraceWithIt() {
        RuntimeException bug = new ParserFailure("cpu.pprof", "pprof", new IllegalStateException("boom"));
        StringWriter plain = new StringWriter();
        assertThat(Failures.report(bug, new PrintWriter(plain), false)).isEqualTo(70);
        assertThat(plain.toString().lines().toList())
                .containsExactly("perfwarden: internal error: the pprof parser failed on cpu.pprof: "
                        + "IllegalStateException (boom) (a bug; run with --debug for the stack trace)");
        StringWriter debug = new StringWriter();
        assertThat(Failures.report(bug, new PrintWriter(debug), true)).isEqualTo(70);
        assertThat(debug.toString()).contains("at dev.perfwarden.cli.ExitCodeTest");
    }

    @Test
    void stackOverflowAndUserErrorsAreNamed() {
        StringWriter w = new StringWriter();
        assertThat(Failures.report(new StackOverflowError(), new PrintWriter(w), false)).isEqualTo(70);
        assertThat(w.toString()).startsWith("perfwarden: internal error: stack overflow");
        StringWriter u = new StringWriter();
        assertThat(Failures.report(new UserException("x.txt: bad"), new PrintWriter(u), true)).isEqualTo(2);
        assertThat(u.toString()).isEqualTo("perfwarden: x.txt: bad" + System.lineSeparator());
        // a refusal lists its problems one per line: kept, their controls escaped
        StringWriter refusal = new StringWriter();
        Failures.report(new UserException("rule pack refused:\n  p/r.drl:3: error: bad \u001b[2J"), new PrintWriter(refusal), false);
        assertThat(refusal.toString().lines().toList())
                .containsExactly("perfwarden: rule pack refused:", "  p/r.drl:3: error: bad \\x1b[2J");
    }

    @Test
    void debugIsAcceptedByEveryCommandAndErrorsEscapingPicocliAreSeventy() {
        Cli.Run r = Cli.run("analyze", "--debug", ROOT.resolve("does-not-exist").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("Unknown option");
        // an Error thrown by a command is caught outside picocli and mapped to 70
        picocli.CommandLine cl = new picocli.CommandLine(new Thrower());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(PerfwardenCommand.execute(cl)).isEqualTo(70);
        assertThat(err.toString()).startsWith("perfwarden: internal error: out of memory");
    }

    /**
     * Attack probe 09: a pack's consequence throws, its exception's message carrying ESC, BEL and line breaks. The
     * pack's fault: exit 2 (not 70, "a bug"), one line on stderr naming pack, rule and file:line, every control
     * escaped.
     */
    @Test
    void aConsequenceThatThrowsIsExitTwoWithOneEscapedLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("m2.txt");
        java.nio.file.Files.writeString(capture, "# example.com/m\n./main.go:1:6: moved to heap: x1\n");
        Path pack = ROOT.resolve("engine/src/test/resources/faults/thrower");
        Cli.Run r = Cli.run("analyze", "--no-config", "--rules", pack.toString(), capture.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err().chars().filter(c -> c < 0x20 && c != '\n')).as("raw controls on stderr").isEmpty();
        assertThat(r.err()).startsWith("perfwarden: rule payload of pack thrower (payload/rule.drl:5) failed:").contains("its consequence threw java.lang.NumberFormatException")
                .contains("\\x1b]0;pwned\\x07\\nperfwarden: 0 findings; gate: pass\\n").doesNotContain("internal error");
    }

    @picocli.CommandLine.Command(name = "thrower")
    static final class Thrower implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

}
