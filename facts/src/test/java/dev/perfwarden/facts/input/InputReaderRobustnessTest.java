package dev.perfwarden.facts.input;

import dev.perfwarden.facts.parse.InputHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Bad inputs stop only themselves, loudly: never silently dropped, never blocking, never spooled whole. */
class InputReaderRobustnessTest {
    static final Path ROOT = root();
    static final Path M2 = ROOT.resolve("rules/packs/go-perf/leaking-param/captures/go1.26.8/m2.txt");
    static final Path CPU = ROOT.resolve("examples/captured/orders/cpu.pprof");
    static final Path JSON_DIR = ROOT.resolve("facts/src/test/resources/dev/perfwarden/facts/escape/go1.26.8/t1/json/main");

    @TempDir
    Path tmp;

    static Path root() {
        String p = System.getProperty("perfwarden.root");
        if (p != null && Files.isDirectory(Path.of(p, "facts"))) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata").resolve("corpus"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    static InputReader.Result read(InputStream stdin, String... args) throws IOException {
        return new InputReader(Parsers.all(), 2).read(List.of(args), stdin);
    }

    static InputReader.Result read(String... args) throws IOException {
        return read(new ByteArrayInputStream(new byte[0]), args);
    }

    static Map<String, InputStats> byName(InputReader.Result r) {
        return r.inputs().stream().collect(Collectors.toMap(s -> Path.of(s.path()).getFileName().toString(),
                Function.identity(), (a, b) -> a));
    }

    @Test
    void aCorruptProfileInADirectoryIsAnErrorNotASilentDrop() throws IOException {
        byte[] cpu = Files.readAllBytes(CPU);
        byte[] corrupt = Arrays.copyOf(cpu, cpu.length);
        for (int i = 10; i < corrupt.length; i += 7) {
            corrupt[i] ^= 0x5a; // gzip magic kept, content broken
        }
        Files.write(tmp.resolve("cpu.pprof"), corrupt);
        Files.copy(M2, tmp.resolve("m2.txt"));
        InputStats s = byName(read(tmp.toString())).get("cpu.pprof");
        assertThat(s).isNotNull();
        assertThat(s.kind()).isEqualTo("pprof");
        assertThat(s.error()).startsWith(tmp.resolve("cpu.pprof").toString());
    }

    @Test
    void headerlessAndTruncatedJsonFilesOfATreeAreErrors() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("json/main"));
        List<String> lines = Files.readAllLines(JSON_DIR.resolve("esc.json"));
        Files.write(dir.resolve("headerless.json"), lines.subList(1, lines.size()));
        String first = lines.get(0);
        Files.writeString(dir.resolve("cut.json"), first.substring(0, first.length() / 2));
        Files.copy(JSON_DIR.resolve("esc.json"), dir.resolve("esc.json"));
        Map<String, InputStats> in = byName(read(tmp.resolve("json").toString()));
        assertThat(in.get("esc.json").failed()).isFalse();
        assertThat(in.get("headerless.json").kind()).isEqualTo("logopt-json");
        assertThat(in.get("headerless.json").error()).contains("headerless.json:1").contains("version header");
        assertThat(in.get("cut.json").error()).contains("cut.json");
    }

    @Test
    void filesOfNoKnownFormatInADirectoryAreListedAsSkipped() throws IOException {
        Files.writeString(tmp.resolve("README.md"), "# notes\nnothing to see\n");
        Files.write(tmp.resolve("blob.bin"), new byte[] {0, 1, 2, 3, 0, 0, 9});
        Files.copy(M2, tmp.resolve("m2.txt"));
        Map<String, InputStats> in = byName(read(tmp.toString()));
        assertThat(in.get("README.md").skipped()).isTrue();
        assertThat(in.get("README.md").note()).isEqualTo("not a known capture format");
        assertThat(in.get("blob.bin").note()).isEqualTo("binary file of no known format");
        assertThat(in.get("m2.txt").kind()).isEqualTo("escape-text");
    }

    @Test
    void hiddenFilesInADirectoryAreListedAsSkippedNotReadAsEmptyInputs() throws IOException {
        Files.writeString(tmp.resolve(".done"), "");
        Files.writeString(tmp.resolve(".perfwarden.yaml"), "fail-on: error\n");
        Files.copy(M2, tmp.resolve("m2.txt"));
        Map<String, InputStats> in = byName(read(tmp.toString()));
        assertThat(in.get(".done").skipped()).isTrue();
        assertThat(in.get(".done").note()).isEqualTo("a hidden file: not read");
        assertThat(in.get(".perfwarden.yaml").note()).isEqualTo("a hidden file: not read");
        assertThat(in.get("m2.txt").kind()).isEqualTo("escape-text");
        // named as an argument, a hidden file is read like any other
        assertThat(read(tmp.resolve(".done").toString()).inputs().get(0).kind()).isEqualTo(InputStats.EMPTY);
    }

    @Test
    void fifosAreRefusedByNameAsArgumentsAndListedInsideDirectories() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        InputReader.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(fifo.toString()));
        assertThat(r.inputs()).singleElement().satisfies(s ->
                assertThat(s.error()).isEqualTo(fifo + ": a FIFO (named pipe), not a regular file: refused "
                        + "(it could block or never end; use - to read standard input)"));
        InputReader.Result walked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(tmp.toString()));
        assertThat(byName(walked).get("pipe").note()).isEqualTo("a FIFO (named pipe), not a regular file: not read");
        InputReader.Result dev = read("/dev/zero");
        assertThat(dev.inputs().get(0).error()).contains("/dev/zero: a character device");
    }

    @Test
    void stdinIsSniffedBeforeItIsSpooled() throws IOException {
        long[] served = new long[1];
        long size = 1L << 30;
        InputStream zeros = new InputStream() {
            @Override
            public int read() {
                return served[0] < size ? (int) (0 * served[0]++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, size - served[0]);
                if (n <= 0) {
                    return -1;
                }
                Arrays.fill(b, off, off + n, (byte) 0);
                served[0] += n;
                return n;
            }
        };
        InputReader.Result r = read(zeros, "-");
        assertThat(r.inputs()).singleElement().satisfies(s ->
                assertThat(s.error()).startsWith("<stdin>: unrecognized input format"));
        assertThat(served[0]).isLessThanOrEqualTo(InputHead.SIZE);
    }

    @Test
    void aUtf8ByteOrderMarkIsReadAndUtf16IsRefusedByName() throws IOException {
        byte[] m2 = Files.readAllBytes(M2);
        byte[] bom = new byte[m2.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(m2, 0, bom, 3, m2.length);
        Files.write(tmp.resolve("bom.txt"), bom);
        InputStats plain = read(M2.toString()).inputs().get(0);
        InputStats withBom = read(tmp.resolve("bom.txt").toString()).inputs().get(0);
        assertThat(withBom.failed()).as(String.valueOf(withBom.error())).isFalse();
        assertThat(withBom.kind()).isEqualTo(plain.kind());
        assertThat(withBom.records()).isEqualTo(plain.records());
        assertThat(withBom.unparsed()).isEqualTo(plain.unparsed());

        String text = new String(m2, StandardCharsets.UTF_8);
        Files.write(tmp.resolve("le.txt"), text.getBytes(StandardCharsets.UTF_16LE));
        Files.write(tmp.resolve("be-bom.txt"), text.getBytes(StandardCharsets.UTF_16)); // big-endian with a BOM
        for (String f : List.of("le.txt", "be-bom.txt")) {
            InputStats s = read(tmp.resolve(f).toString()).inputs().get(0);
            assertThat(s.error()).isEqualTo(tmp.resolve(f) + ": UTF-16 input: re-encode as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
        }
    }

    @Test
    void emptyInputsAreValidWithNoRecords() throws IOException {
        Files.writeString(tmp.resolve("bce.txt"), "");
        Files.writeString(tmp.resolve("blank.txt"), "\n  \n");
        for (String f : List.of("bce.txt", "blank.txt")) {
            InputStats s = read(tmp.resolve(f).toString()).inputs().get(0);
            assertThat(s.failed()).isFalse();
            assertThat(s.kind()).isEqualTo(InputStats.EMPTY);
            assertThat(s.records()).isZero();
            assertThat(s.note()).isEqualTo("empty input");
        }
        InputStats stdin = read(new ByteArrayInputStream(new byte[0]), "-").inputs().get(0);
        assertThat(stdin.failed()).isFalse();
        assertThat(stdin.kind()).isEqualTo(InputStats.EMPTY);
    }
}
