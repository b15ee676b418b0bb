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

    @Test
    void progressOnStderrReportOnStdoutBinariesKept(@TempDir Path tmp) throws Exception {
        Path keep = tmp.resolve("keep");
        Cli.Run r = Cli.run("scan", Cli.root().resolve("examples/orders").toString(), "--bench", ".",
                "--benchtime", "200ms", "--keep", keep.toString());
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        List<String> err = r.err().lines().toList();
        // the two test binaries' builds print the compiler output of both packages: no go build
        assertThat(err).noneMatch(l -> l.contains("go build"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s go test -c example\\.com/orders \\(1/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s go test -c example\\.com/orders/internal/pricing \\(2/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s go tool objdump bin1\\.test \\(1/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s benchmarks with a CPU profile: example\\.com/orders \\(1/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s benchmarks with a heap profile: example\\.com/orders/internal/pricing \\(2/2\\)"))
                .anyMatch(l -> l.matches("perfwarden: \\d+s captured"));
        assertThat(r.out()).doesNotContain("perfwarden: ").contains("gate: ");
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
