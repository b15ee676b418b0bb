package dev.perfwarden.facts.input;

import dev.perfwarden.facts.profile.LineCost;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * github.com/golang/snappy@v1.0.0 builds every benchmark's input in helpers that take the benchmark's
 * {@code *testing.B} and call {@code b.ResetTimer()} themselves (benchDecode, benchEncode; benchFile and benchWords
 * read a file and call one of them): with the sources known, that setup is left out of the heap profile's facts.
 * Capture: facts/src/test/resources/pprof/snappyhelpers (regen.sh, Go 1.26.8). Ground truth: pprof-list.txt,
 * {@code go tool pprof -list}'s bytes per line; the setup lines are read off snappy_test.go by hand.
 */
class HelperSetupTest {
    static final Path DIR = InputReaderRobustnessTest.root().resolve("facts/src/test/resources/pprof/snappyhelpers");
    static final Path CAPTURE = DIR.resolve("go1.26.8");
    private static final Pattern ROUTINE = Pattern.compile("^ROUTINE =+ \\S+\\.(\\w+) in .*");
    private static final Pattern LINE = Pattern.compile("^ +(?:\\.|(\\d+)B) +(\\d+)B +(\\d+):.*");

    /** pprof-list.txt: {@code Total} → bytes; {@code FUNC:LINE cum} and {@code FUNC:LINE flat} → bytes. */
    static Map<String, Long> truth() throws IOException {
        Map<String, Long> out = new HashMap<>();
        String fn = "";
        for (String line : Files.readAllLines(CAPTURE.resolve("pprof-list.txt"))) {
            Matcher r = ROUTINE.matcher(line);
            Matcher l = LINE.matcher(line);
            if (line.startsWith("Total: ")) {
                out.put("Total", Long.parseLong(line.substring(7, line.length() - 1)));
            } else if (r.matches()) {
                fn = r.group(1);
            } else if (l.matches()) {
                out.put(fn + ":" + l.group(3) + " flat", l.group(1) == null ? 0 : Long.parseLong(l.group(1)));
                out.put(fn + ":" + l.group(3) + " cum", Long.parseLong(l.group(2)));
            }
        }
        return out;
    }

    static long cum(Map<String, Long> t, String... lines) {
        long sum = 0;
        for (String l : lines) {
            sum += t.get(l + " cum");
        }
        return sum;
    }

    static InputReader.Result read(boolean sources) throws IOException {
        return new InputReader().read(List.of(CAPTURE.resolve("mem.pprof").toString()),
                sources ? List.of(DIR.resolve("src")) : List.of(), new ByteArrayInputStream(new byte[0]));
    }

    static long encode24(InputReader.Result r) {
        return r.facts().stream().filter(f -> f instanceof LineCost l && l.sampleType().equals("alloc_space")
                && l.file().endsWith("/encode.go") && l.line() == 24).mapToLong(f -> ((LineCost) f).flat()).sum();
    }

    @Test
    void theHelpersSetupIsLeftOutAsPprofsLinesAddUp() throws Exception {
        Map<String, Long> t = truth();
        long all = t.get("Total");
        long benchFile = cum(t, "benchFile:1370", "benchFile:1374");
        long benchEncode = cum(t, "benchEncode:1232");
        long benchDecode = cum(t, "benchDecode:1220");
        long untimed = benchFile + benchEncode + benchDecode + cum(t, "benchWords:1270",
                "BenchmarkRandomEncode:1292", "BenchmarkRandomEncode:1293", "BenchmarkExtendMatch:1413");
        InputReader.Result without = read(false);
        InputReader.Result with = read(true);
        assertThat(UntimedSamplesTest.summary(without, "alloc_space").total()).isEqualTo(all);
        assertThat(UntimedSamplesTest.summary(with, "alloc_space").total()).isEqualTo(all - untimed);
        assertThat(with.inputs()).filteredOn(in -> in.kind().equals("pprof")).singleElement()
                .satisfies(in -> assertThat(in.note()).matches("\\d+ samples .*").endsWith(" samples ("
                        + UntimedSamplesTest.pct(untimed, all) + " of alloc_space) of benchmark setup left out:"
                        + " benchFile before benchDecode(b) resets the timer at snappy_test.go:1379 ("
                        + UntimedSamplesTest.pct(benchFile, all) + "), benchEncode before b.ResetTimer at"
                        + " snappy_test.go:1233 (" + UntimedSamplesTest.pct(benchEncode, all) + "), benchDecode"
                        + " before b.ResetTimer at snappy_test.go:1223 (" + UntimedSamplesTest.pct(benchDecode, all)
                        + ") and 3 more"));
    }

    /** Encode's buffer (encode.go:24, 20.9 % of the bytes) is all benchDecode's {@code Encode(nil, src)} setup. */
    @Test
    void encodesBufferWasAllSetup() throws Exception {
        Map<String, Long> t = truth();
        assertThat(t.get("Encode:24 flat")).isEqualTo(t.get("benchDecode:1220 cum")).isPositive();
        assertThat(encode24(read(false))).isEqualTo(t.get("Encode:24 flat"));
        assertThat(encode24(read(true))).isZero();
    }
}
