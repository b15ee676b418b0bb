package dev.perfwarden.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code perfwarden scan --bench --keep} on examples/orders with the real toolchain: one progress line per step on
 * standard error (a CI log is no terminal and still gets them), the report alone on standard output, and the kept
 * test binaries usable by {@code hot --disasm --binary} with the profile of the same number. Skipped without go.
 */
class ScanCommandTest {
    @BeforeAll
    static void needsGo() throws Exception {
        boolean go;
        try {
            go = new ProcessBuilder("go", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            go = false;
        }
        assumeTrue(go, "go is not on the PATH");
    }

    /** Without --keep the captures go to a temporary folder that is gone afterwards, after a failed build too. */
    @Test
    void withoutKeepTheTemporaryFoldersAreGone(@TempDir Path tmp) throws Exception {
        Path mod = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(mod.resolve("go.mod"), "module example.com/m\n\ngo 1.22\n");
        Files.writeString(mod.resolve("m.go"), "package m\n\nfunc F(n int) []int { return make([]int, n) }\n");
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        String was = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", temp.toString());
        try {
            Cli.Run ok = Cli.run("scan", mod.toString());
            assertThat(ok.exit()).as(ok.err()).isIn(0, 1);
            // the report names the inputs it read, in a capture folder below java.io.tmpdir
            assertThat(ok.out()).containsPattern(java.util.regex.Pattern.quote(temp.resolve("perfwarden-capture").toString())
                    + "\\d+/m2\\.txt \\(escape-text\\)");
            assertThat(leftIn(temp)).isEmpty();

            Files.writeString(mod.resolve("m.go"), "package m\n\nfunc F( {\n");
            Cli.Run failed = Cli.run("scan", mod.toString());
            assertThat(failed.exit()).isNotIn(0, 1);
            assertThat(failed.err()).contains("'go build ./...' failed in ");
            assertThat(leftIn(temp)).isEmpty();
        } finally {
            System.setProperty("java.io.tmpdir", was);
        }
    }

    private static List<String> leftIn(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("perfwarden-")).toList();
        }
    }

    private static String goVersion() throws Exception {
        Process p = new ProcessBuilder("go", "env", "GOVERSION").start();
        String v = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return v;
    }

    @Test
    void progressOnStderrReportOnStdoutBinariesKept(@TempDir Path tmp) throws Exception {
        Path keep = tmp.resolve("keep");
        Cli.Run r = Cli.run("scan", Cli.root().resolve("examples/orders").toString(), "--bench", ".",
                "--benchtime", "200ms", "--keep", keep.toString());
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        List<String> err = r.err().lines().toList();
        String go = goVersion();
        // the two test binaries' builds print the compiler output of both packages: no go build
        assertThat(err).noneMatch(l -> l.contains("go build"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s go test -c example\\.com/orders \\(1/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s go test -c example\\.com/orders/internal/pricing \\(2/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s go tool objdump bin1\\.test \\(1/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s benchmarks with a CPU profile: example\\.com/orders \\(1/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s benchmarks with a heap profile \\(-test.benchtime=100ms\\): "
                        + "example\\.com/orders/internal/pricing \\(2/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s captured"))
                .anyMatch(l -> l.equals("perfwarden: captures kept in " + keep + " (" + go + "), with the binaries "
                        + "they were made from: bin1.test bin2.test"));
        assertThat(r.out()).doesNotContain("perfwarden: ").contains("gate: ");
        // the binaries are what the captures were made from, no input the report did not read
        assertThat(r.out()).contains(keep.resolve("objdump-2.txt") + " (objdump)").doesNotContain("bin1.test", "bin2.test");
        for (String f : List.of("bin1.test", "bin2.test", "objdump-1.txt", "objdump-2.txt", "cpu-1.pprof", "cpu-2.pprof")) {
            assertThat(keep.resolve(f)).as(f).isRegularFile();
        }
        Cli.Run hot = Cli.run("hot", keep.resolve("cpu-2.pprof").toString(), "--disasm", "pricing",
                "--binary", keep.resolve("bin2.test").toString());
        assertThat(hot.exit()).as(hot.err()).isZero();
        assertThat(hot.err()).isEmpty(); // the build IDs agree
        assertThat(hot.out()).contains("ROUTINE ======================== example.com/orders/internal/pricing.");
    }
}
