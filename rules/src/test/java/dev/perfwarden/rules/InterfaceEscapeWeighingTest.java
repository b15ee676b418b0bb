package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * interface-escape with profiles rises above note only on what the boxing itself measurably costs (issue 9, session
 * 15): go-humanize v1.1.0 (testdata/modules/humanize, Go 1.26.8, its CPU and heap profiles) boxes a float64 and a
 * string for {@code fmt.Sprintf(f, val, suffix)} at bigbytes.go:124 and bytes.go:105. {@code go tool pprof -lines -peek
 * 'runtime.convT'} charges 3 and 2 of the 466 CPU samples (0.6 %, 0.4 %) to convT64/convTstring called from them, and
 * the lines allocate 2.7 % and 3.8 % of the bytes themselves; both stay notes, with those figures in the message. The
 * same lines with the bars lowered below their measures (boxing.line.share and hot.minSamples, or hot.alloc.share) are
 * errors: the bar, not the line, decides. (A fresh scan had made bigbytes.go:124 an error on its line's 5 samples,
 * 0.8 %, and bytes.go:105 a note on 4.)
 */
class InterfaceEscapeWeighingTest {
    static final Path CAP = GoPerfPack.root().resolve("testdata/modules/humanize");
    static RuleSet rules;
    static List<?> facts;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())),
                InterfaceEscapeWeighingTest.class.getClassLoader());
        InputReader.Result read = new InputReader().read(List.of("m2.txt", "objdump.txt", "cpu.pprof", "mem.pprof")
                .stream().map(f -> CAP.resolve(f).toString()).toList(), List.of(CAP.resolve("src")),
                InputStream.nullInputStream());
        facts = read.facts();
    }

    static Finding at(String file, int line, Map<String, Object> params) {
        return at(facts, file, line, params);
    }

    static Finding at(List<?> facts, String file, int line, Map<String, Object> params) {
        return rules.run(facts, params).stream()
                .filter(f -> f.rule().equals("interface-escape") && f.file().equals(file) && f.line() == line)
                .findFirst().orElseThrow(() -> new AssertionError("no interface-escape finding at " + file + ":" + line));
    }

    @Test
    void aSprintfLineWhoseBoxingCostsLittleIsANoteThatSaysWhatWasMeasured() {
        Finding big = at("bigbytes.go", 124, Map.of());
        assertThat(big.severity()).isEqualTo(Severity.NOTE);
        assertThat(big.message()).contains("Measured: the boxing calls from this line (runtime.convT*) hold 3 CPU samples"
                + " (0.6 %) and the line allocates 2.7 % of the heap profile's bytes itself, under boxing.line.share"
                + " (2.0 %, and 5 samples) and hot.alloc.share (5.0 %)");
        Finding small = at("bytes.go", 105, Map.of());
        assertThat(small.severity()).isEqualTo(Severity.NOTE);
        assertThat(small.message()).contains("hold 2 CPU samples (0.4 %) and the line allocates 3.8 %");
    }

    @Test
    void theSameLineIsAnErrorWhenItsBoxingReachesTheCpuBar() {
        Finding f = at("bigbytes.go", 124, Map.of("boxing.line.share", 0.005, "hot.minSamples", 3.0));
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("hold 3 CPU samples (0.6 %)").contains("at least boxing.line.share (0.5 %)");
        // 2 samples: under hot.minSamples (3), whatever its share
        assertThat(at("bytes.go", 105, Map.of("boxing.line.share", 0.001, "hot.minSamples", 3.0)).severity())
                .isEqualTo(Severity.NOTE);
    }

    @Test
    void theSameLineIsAnErrorWhenItsOwnBytesReachHotAllocShare() {
        Finding f = at("bytes.go", 105, Map.of("hot.alloc.share", 0.03));
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("allocates 3.8 % of the heap profile's bytes itself, at least hot.alloc.share (3.0 %)");
        assertThat(at("bigbytes.go", 124, Map.of("hot.alloc.share", 0.03)).severity()).isEqualTo(Severity.NOTE);
    }

    /**
     * The line's own bytes count by the CPU they cost (hot.alloc.cpuShare, as the engine weighs every rule's bytes):
     * bytes.go:105's 3.8 % where the allocator and the collector hold 27.9 % of the CPU samples cost 1.1 %, over
     * go-perf's 0.5 % (the error above) and under a bar of 2 %: a note that says so.
     */
    @Test
    void itsOwnBytesCountByTheCpuTheyCost() {
        Finding f = at("bytes.go", 105, Map.of("hot.alloc.share", 0.03, "hot.alloc.cpuShare", 0.02));
        assertThat(f.severity()).isEqualTo(Severity.NOTE);
        assertThat(f.message()).contains("the line allocates 3.8 % of the heap profile's bytes itself, under"
                + " boxing.line.share (2.0 %, and 5 samples) and hot.alloc.share (3.0 %) of bytes that cost CPU (these cost"
                + " 1.1 % of the CPU samples, their share of the allocator's and the collector's 27.9 %, under"
                + " hot.alloc.cpuShare (2.0 %)): the boxing is a small part");
    }

    /**
     * google/uuid v1.6.0's {@code invalidLengthError{len(s)}} (uuid.go:96, BenchmarkParseBadLength): 15 CPU samples
     * (3.1 %) in the convT64 calls from the line, over boxing.line.share, but the heap profile sees no byte there: a
     * length below 256 is boxed from the runtime's static table. A note that says so.
     */
    @Test
    void boxingCallsThatAllocateNothingKeepTheFindingANote() throws Exception {
        Path uuid = GoPerfPack.root().resolve("testdata/modules/uuid");
        List<?> read = new InputReader().read(List.of("m2.txt", "objdump.txt", "cpu.pprof", "mem.pprof").stream()
                .map(f -> uuid.resolve(f).toString()).toList(), List.of(uuid.resolve("src")),
                InputStream.nullInputStream()).facts();
        Finding f = at(read, "uuid.go", 96, Map.of());
        assertThat(f.severity()).isEqualTo(Severity.NOTE);
        assertThat(f.message()).contains("hold 15 CPU samples (3.1 %) and the line allocates 0.0 % of the heap profile's"
                + " bytes itself: the calls reach boxing.line.share (2.0 %) but allocate under hot.alloc.minShare (0.5 %)");
    }
}
