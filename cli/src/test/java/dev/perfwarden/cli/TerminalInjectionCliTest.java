package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attack6 #7 (probe 03): {@code bench compare} and {@code hot} printed names from their inputs raw. A benchmark name
 * cleared its row and drew a forged one (a +1021.98 % regression read as -72.66 %), the {@code pkg:} header set the
 * window title, a pprof function name set the title and concealed the rest of the table. Every such string is now
 * escaped as the text report escapes it ({@code \x1b}), and no control byte reaches the terminal.
 */
class TerminalInjectionCliTest {
    static final Path ROOT = Cli.root();
    static final String FORGE = "\u001b[2K\u001b[1GEncode/256-2\u001b[10C3.838e-06\u001b[?7l\u001b[999C\u001b[8m";

    @Test
    void benchCompareEscapesBenchmarkNamesAndThePkgHeader(@TempDir Path dir) throws Exception {
        Path[] files = new Path[2];
        int i = 0;
        for (String n : new String[] {"head", "base"}) { // head as base: a regression
            String t = Files.readString(ROOT.resolve("examples/captured/bench-pairs/hex/" + n + ".txt"))
                    .replace("BenchmarkEncode/256", "Benchmark" + FORGE + "x")
                    .replace("pkg: encoding/hex", "pkg: encoding/\u001b]0;pwned\u0007hex");
            files[i++] = Files.writeString(dir.resolve(n + ".txt"), t);
        }
        Cli.Run r = Cli.run("bench", "compare", files[0].toString(), files[1].toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("pkg: encoding/\\x1b]0;pwned\\x07hex")
                .contains("\\x1b[2K\\x1b[1GEncode/256-2\\x1b[10C3.838e-06\\x1b[?7l\\x1b[999C\\x1b[8mx-2");
        // the forged row's columns stay aligned with the escaped name's width: the real verdict is on the row
        String row = r.out().lines().filter(l -> l.contains("\\x1b[8mx-2")).findFirst().orElseThrow();
        assertThat(row).containsPattern("\\+\\d+\\.\\d+%");
    }

    @Test
    void hotEscapesFunctionNamesOfTheProfile(@TempDir Path dir) throws Exception {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ROOT.resolve("examples/captured/orders/cpu.pprof")))) {
            raw = in.readAllBytes();
        }
        byte[] old = "runtime.asyncPreempt".getBytes(StandardCharsets.US_ASCII);
        byte[] evil = "\u001b]0;t\u0007\u001b[2K\u001b[8mhidexx".getBytes(StandardCharsets.US_ASCII);
        assertThat(evil).hasSameSizeAs(old);
        int at = indexOf(raw, old);
        assertThat(at).isNotNegative();
        System.arraycopy(evil, 0, raw, at, evil.length);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw);
        }
        Path p = Files.write(dir.resolve("evil.pprof"), gz.toByteArray());
        Cli.Run r = Cli.run("hot", p.toString(), "--top", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("\\x1b]0;t\\x07\\x1b[2K\\x1b[8mhidexx");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
