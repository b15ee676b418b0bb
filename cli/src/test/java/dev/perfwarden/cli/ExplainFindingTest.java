package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code explain --finding}: a finding of real captures with the compiler's -m=2 text of its line next to the
 * -m=3/-m=4 IR (the fixtures' Go 1.26.8 captures).
 */
class ExplainFindingTest {
    static final Path PACK = Cli.root().resolve("rules/packs/go-perf");

    static String cap(String rule, String file) {
        return PACK.resolve(rule).resolve("captures/go1.26.8").resolve(file).toString();
    }

    @Test
    void anInterfaceCallFindingShowsItsEscapeTextAndTheCallInTheIr() {
        Cli.Run r = Cli.run("explain", "--finding", "main.go:42", cap("interface-call-arg-escape", "m2.txt"),
                cap("interface-call-arg-escape", "m4.txt"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("main.go:42:23: note [interface-call-arg-escape] parameter p leaks to the heap")
                .contains("m2.txt:81  ./main.go:42:23: leaking param: p")
                .contains("[escape-analysis in main.sum]")
                .contains(".   .   CALLINTER STRUCT-struct { io.n int; io.err error } tc(1) # main.go:43:9");
        // the -m=2 text comes before the IR
        assertThat(r.out().indexOf("leaking param: p")).isLessThan(r.out().indexOf("CALLINTER"));
    }

    @Test
    void aCallInlinedElsewhereShowsWhereItLandedAndAConversionItsIr() {
        Cli.Run r = Cli.run("explain", "--finding", "main.go:17", cap("interface-call-arg-escape", "m2.txt"),
                cap("interface-call-arg-escape", "m3.txt"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("[after-inlining in main.main, inlined at main.go:74:16]")
                .contains("CALLINTER STRUCT-struct { io.n int; io.err error } tc(1) # main.go:74:16 main.go:18:8");
        Cli.Run c = Cli.run("explain", "--finding", "main.go:15", cap("interface-escape", "m2.txt"),
                cap("interface-escape", "m4.txt"));
        assertThat(c.out()).contains("warning [interface-escape]").containsOnlyOnce("./main.go:15:11: n * 1000 escapes to heap")
                .contains(".   .   .   CONVIFACE Implicit any tc(1) # main.go:15:11");
    }

    @Test
    void byFingerprintAndWithoutIr() throws Exception {
        Cli.Run all = Cli.run("analyze", cap("interface-call-arg-escape", "m2.txt"), cap("interface-call-arg-escape", "m4.txt"),
                "--all", "--include-external", "--format", "json");
        String fp = null;
        for (var f : new com.fasterxml.jackson.databind.ObjectMapper().readTree(all.out()).path("findings")) {
            if (f.path("rule").asText().equals("interface-call-arg-escape")) {
                fp = f.path("fingerprint").asText().substring(0, 12);
            }
        }
        assertThat(fp).isNotNull();
        Cli.Run r = Cli.run("explain", "--finding", fp, cap("interface-call-arg-escape", "m2.txt"),
                cap("interface-call-arg-escape", "m4.txt"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("fingerprint " + fp).contains("CALLINTER");
        Cli.Run noIr = Cli.run("explain", "--finding", "main.go:15", cap("interface-escape", "m2.txt"));
        assertThat(noIr.out()).contains("(no -m=3/-m=4 IR of this line among the inputs");
    }

    @Test
    void aSelectorThatFindsNothingIsAUsageError() {
        Cli.Run r = Cli.run("explain", "--finding", "main.go:1", cap("interface-escape", "m2.txt"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--finding main.go:1: no finding there among the");
        assertThat(Cli.run("explain", "interface-escape", "extra").err()).contains("explain takes one RULE");
    }
}
