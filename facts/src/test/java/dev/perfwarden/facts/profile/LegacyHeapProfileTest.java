package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.input.InputHead;
import dev.perfwarden.facts.input.Parsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The legacy text heap profile (debug=1, the compiler's -memprofile) gives the table
 * {@code go tool pprof -top -nodefraction=0 BINARY FILE} prints, row for row, except the rows of
 * runtime-internal stacks the text does not name (pprof names them from the binary).
 */
class LegacyHeapProfileTest {
    static final Path DIR = Repo.resolve("testdata/captured/legacy-heap/go1.26.8");
    static final Pattern UNNAMED = Pattern.compile("0x[0-9a-f]+");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"heap-debug1.txt,heap", "allocs-debug1.txt,allocs", "compile-mem.out,compile"})
    void sameTableAsPprofTop(String file, String prefix) throws Exception {
        ProfileData data = new ProfileReader().read(DIR.resolve(file));
        for (String index : List.of("inuse_space", "alloc_space", "alloc_objects", "inuse_objects")) {
            List<String> want = Files.readAllLines(DIR.resolve("pprof-top-" + prefix + "-" + index + ".txt"));
            List<String> got = HotTable.of(data, index, false, 0, 0).toText().lines().toList();
            assertThat(got.get(0)).isEqualTo(want.get(1)); // Type:
            assertThat(got.get(1)).as(file + " " + index).isEqualTo(want.get(2)); // Showing nodes accounting for X, of TOTAL
            List<String> wantRows = rows(want);
            List<String> gotRows = rows(got);
            assertThat(gotRows).as(file + " " + index).isEqualTo(wantRows);
        }
    }

    /**
     * The rows without the sum% column (it depends on the order of rows of equal value), minus the
     * runtime's own frames (stacks made only of runtime frames have no '#' lines to name them by).
     */
    private static List<String> rows(List<String> table) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : table) {
            if (l.strip().startsWith("flat")) {
                in = true;
                continue;
            }
            if (!in) {
                continue;
            }
            String[] f = l.strip().split(" +", 6);
            String name = f[5];
            boolean runtimeOnly = name.startsWith("runtime.") && !name.equals("runtime.goexit")
                    && !name.equals("runtime.main") || name.startsWith("internal/runtime/");
            if (runtimeOnly || UNNAMED.matcher(name).matches()) {
                continue;
            }
            out.add(f[0] + " " + f[1] + " " + f[3] + " " + f[4] + " " + name);
        }
        out.sort(null);
        return out;
    }

    @Test
    void sniffedByContentAndReadThroughTheParserRegistry() throws IOException {
        byte[] head = Files.readAllBytes(DIR.resolve("compile-mem.out"));
        InputHead h = new InputHead("mem.out", false, java.util.Arrays.copyOf(head, Math.min(head.length, InputHead.SIZE)));
        assertThat(Parsers.sniff(h)).map(p -> p.kind().id()).contains("pprof");
    }

    @Test
    void malformedSamplesNameTheLine() throws IOException {
        Path f = tmp.resolve("bad.txt");
        Files.writeString(f, "heap profile: 1: 10 [1: 10] @ heap/1024\n1: 10 [1: 10] @ 0x1 0x2\n0: 5 [0: 0] @ 0x3\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new ProfileReader().read(f)).isInstanceOf(ParseException.class)
                .hasMessageContaining("bad.txt:3").hasMessageContaining("inuse count is 0 but inuse bytes is 5");
        Files.writeString(f, "heap profile: 1: 10 [1: 10] @ heap/1024\nnot a sample\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new ProfileReader().read(f)).isInstanceOf(ParseException.class)
                .hasMessageContaining("bad.txt:2").hasMessageContaining("not a heap profile sample");
    }
}
