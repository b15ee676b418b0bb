package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The CLI side of input robustness: empty captures, special files, atomic --out, finite parameters. */
class InputsCliTest {
    static final Path ROOT = Cli.root();
    static final Path M2 = ROOT.resolve("rules/packs/go-perf/leaking-param/captures/go1.26.8/m2.txt");

    @TempDir
    Path tmp;

    @Test
    void anEmptyCheckBceCaptureIsExitZeroWithANote() throws Exception {
        Path bce = Files.writeString(tmp.resolve("bce.txt"), "");
        Cli.Run r = Cli.run("analyze", bce.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode in = new ObjectMapper().readTree(r.out()).path("inputs").get(0);
        assertThat(in.path("kind").asText()).isEqualTo("empty");
        assertThat(in.path("records").asLong()).isZero();
        assertThat(in.path("note").asText()).isEqualTo("empty input");
        Cli.Run text = Cli.run("analyze", bce.toString());
        assertThat(text.out()).contains("input notes:\n  " + bce + ": empty input\n")
                .contains(bce + " (empty): 0 records, 0 unparsed (see input notes)");
    }

    @Test
    void skippedFilesOfADirectoryAreListedInTheTextReport() throws Exception {
        Files.copy(M2, tmp.resolve("m2.txt"));
        Files.writeString(tmp.resolve("NOTES"), "what we ran\n");
        Cli.Run r = Cli.run("analyze", tmp.toString(), "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(tmp.resolve("NOTES") + " (skipped): not read: not a known capture format");
    }

    @Test
    void outIsReplacedAtomically() throws Exception {
        Path out = Files.writeString(tmp.resolve("report.json"), "old report");
        Object inodeBefore = Files.getAttribute(out, "unix:ino");
        Cli.Run r = Cli.run("analyze", M2.toString(), "--format", "json", "--fail-on", "none", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile()).path("tool").path("name").asText()).isEqualTo("perfwarden");
        // a new file renamed over the old one (truncating in place would keep the inode)
        assertThat(Files.getAttribute(out, "unix:ino")).isNotEqualTo(inodeBefore);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }

    @Test
    void aFifoAsOutOrInputIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Cli.Run out = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run("analyze", M2.toString(), "--out", fifo.toString()));
        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.err()).isEqualTo("perfwarden: --out " + fifo + ": a FIFO (named pipe), not a regular file: refused"
                + System.lineSeparator());
        Cli.Run in = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("analyze", fifo.toString()));
        assertThat(in.exit()).isEqualTo(2);
        assertThat(in.err()).contains(fifo + ": a FIFO (named pipe), not a regular file: refused");
    }

    @Test
    void nonFiniteParametersAreRefused() {
        for (String v : new String[] {"NaN", "Infinity", "-Infinity"}) {
            Cli.Run r = Cli.run("analyze", M2.toString(), "--param", "go-perf:hot.function.cumShare=" + v);
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("go-perf:hot.function.cumShare").contains("not a finite number: " + v);
        }
    }

    @Test
    void hotReadsTheLegacyTextHeapProfileAsPprofDoes() throws Exception {
        Path dir = ROOT.resolve("testdata/captured/legacy-heap/go1.26.8");
        Cli.Run r = Cli.run("hot", dir.resolve("compile-mem.out").toString(), "--sample-index", "alloc_space",
                "--top", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        java.util.List<String> want = Files.readAllLines(dir.resolve("top-compile-alloc_space.txt"));
        // the sample type and the top rows (shares and names; the unit follows the rows shown) are
        // go tool pprof's with the binary
        assertThat(r.out()).contains(want.get(1));
        java.util.function.Function<String, String> shares = l -> {
            String[] f = l.strip().split(" +");
            return f[1] + " " + f[2] + " " + f[4] + " " + f[5];
        };
        java.util.List<String> got = r.out().lines().dropWhile(l -> !l.strip().startsWith("flat")).skip(1)
                .map(shares).toList();
        assertThat(got).containsExactly(shares.apply(want.get(4)), shares.apply(want.get(5)), shares.apply(want.get(6)));
    }

    @Test
    void hotRefusesAFifo() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("hot", fifo.toString()));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a FIFO (named pipe), not a regular file: refused");
    }
}
