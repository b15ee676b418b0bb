package dev.perfwarden.facts.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.perfwarden.facts.profile.TestProfiles.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotTableTest {
    static final Path CPU = Repo.resolve("testdata/corpus/go1.19/t3/cpu.pprof");
    static final Path MEM = Repo.resolve("testdata/corpus/go1.23/t3/mem.pprof");

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        HotTable t = HotTable.from(CPU, null, false, 3);
        JsonNode j = new ObjectMapper().readTree(t.toJson());
        assertThat(j.get("sampleType").asText()).isEqualTo("cpu");
        assertThat(j.get("unit").asText()).isEqualTo("nanoseconds");
        assertThat(j.get("total").asLong()).isEqualTo(850_000_000L);
        assertThat(j.get("functions")).hasSize(3);
        JsonNode first = j.get("functions").get(0);
        assertThat(first.get("function").asText()).isEqualTo("example.com/t3.Work");
        assertThat(first.get("flat").asLong()).isEqualTo(580_000_000L);
        assertThat(first.get("flatShare").asDouble()).isEqualTo(580.0 / 850);
        assertThat(first.get("cum").asLong()).isEqualTo(620_000_000L);
        assertThat(first.get("cumShare").asDouble()).isEqualTo(620.0 / 850);
        List<String> fields = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("function", "flat", "flatShare", "cum", "cumShare");
    }

    @Test
    void textLooksLikePprofTop() throws Exception {
        String text = HotTable.from(CPU, "cpu", true, 3).toText();
        assertThat(text).isEqualTo("""
                File: t3.test
                Type: cpu
                Time: 2026-11-26 10:14:40 UTC
                Duration: 1.62s, Total samples = 850ms (52.60%)
                Showing nodes accounting for 580ms, 68.24% of 850ms total
                Showing top 3 nodes out of 41
                      flat  flat%   sum%        cum   cum%
                         0     0%     0%      800ms 94.12%  testing.(*B).launch
                         0     0%     0%      800ms 94.12%  testing.(*B).runN
                     580ms 68.24% 68.24%      620ms 72.94%  example.com/t3.Work (inline)
                """);
    }

    /**
     * Three CPU profiles of three test binaries (the ones ProfileMergeTest merges) read together give the real
     * {@code go tool pprof -top [-cum] -nodecount=20 A B C} table (merge/pprof-top*.txt, regen-top.sh), text for text:
     * values summed, shares of the summed total, the first profile's binary, the earliest time, the summed duration
     * (labels aside, see below).
     */
    @Test
    void severalProfilesAreMergedAsPprofMergesThem() throws Exception {
        List<ProfileData> data = new java.util.ArrayList<>();
        for (String p : ProfileMergeTest.PROFILES) {
            data.add(new ProfileReader().read(Repo.resolve(p)));
        }
        for (boolean cum : new boolean[] {false, true}) {
            String want = java.nio.file.Files.readString(Repo.resolve("facts/src/test/resources/pprof/merge/"
                    + (cum ? "pprof-top-cum.txt" : "pprof-top.txt")));
            String got = HotTable.merged(data, ProfileMergeTest.PROFILES, null, cum, 20, HotTable.NODE_FRACTION)
                    .toText();
            // the (inline) labels aside: pprof decides them on the edges left after its trimming, HotTable on all
            // (ProfileData.inlineLabel; encoding/hex.Encode is "(inline)" here, unlabelled in pprof's table)
            assertThat(got.replaceAll(" \\((partial-)?inline\\)\n", "\n")).as(cum ? "-cum" : "flat")
                    .isEqualTo(want.replaceAll(" \\((partial-)?inline\\)\n", "\n"));
        }
    }

    @Test
    void profilesWithoutACommonSampleTypeAreNotMerged() throws Exception {
        List<ProfileData> data = List.of(new ProfileReader().read(CPU), new ProfileReader().read(MEM));
        assertThatThrownBy(() -> HotTable.merged(data, List.of("cpu.pprof", "mem.pprof"), null, false, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mem.pprof has no sample type cpu/nanoseconds to merge with the first profile's (it has "
                        + "alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes)");
    }

    @Test
    void sampleIndexByNameNumberOrDefault() throws Exception {
        assertThat(HotTable.from(MEM, null, false, 1).sampleType().type()).isEqualTo("alloc_space");
        assertThat(HotTable.from(MEM, "inuse_objects", false, 1).sampleType()).isEqualTo(
                new SampleType("inuse_objects", "count"));
        assertThat(HotTable.from(MEM, "0", false, 1).sampleType().type()).isEqualTo("alloc_objects");
        assertThatThrownBy(() -> HotTable.from(MEM, "cpu", false, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample index cpu not valid: the profile has alloc_objects, alloc_space, inuse_objects, "
                        + "inuse_space");
    }

    @Test
    void tiesAreBrokenByNameAndNodeFractionDropsTinyFunctions() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count");
        long b = p.location("main.b", 1);
        long a = p.location("main.a", 2);
        long c = p.location("main.c", 3);
        long tiny = p.location("main.tiny", 4);
        p.sample(v(10), b).sample(v(10), a).sample(v(5), c, a).sample(v(1), tiny);
        ProfileData d = new ProfileReader().read(p.bytes(), "t.pb");
        HotTable flat = HotTable.of(d, null, false, 0, 0);
        assertThat(flat.rows()).extracting(HotTable.Row::symbol).containsExactly("main.a", "main.b", "main.c",
                "main.tiny");
        HotTable cum = HotTable.of(d, null, true, 2, 0);
        assertThat(cum.rows()).extracting(HotTable.Row::symbol).containsExactly("main.a", "main.b");
        assertThat(cum.rows().get(0).cum()).isEqualTo(15);
        HotTable dropped = HotTable.of(d, null, false, 0, 0.1);
        assertThat(dropped.rows()).extracting(HotTable.Row::symbol).containsExactly("main.a", "main.b", "main.c");
        assertThat(dropped.droppedCount()).isEqualTo(1);
        assertThat(dropped.toText()).contains("Dropped 1 nodes (cum <= 2)");
    }

    @Test
    void unitsAndPercentagesFormatLikePprof() {
        assertThat(PprofUnits.label(580_000_000L, "nanoseconds", "ms")).isEqualTo("580ms");
        assertThat(PprofUnits.label(1_200_000_000L, "nanoseconds", "s")).isEqualTo("1.20s");
        assertThat(PprofUnits.label(524_339L, "bytes", "kB")).isEqualTo("512.05kB");
        assertThat(PprofUnits.label(0, "bytes", "kB")).isEqualTo("0");
        assertThat(PprofUnits.label(12345, "count", "count")).isEqualTo("12345");
        assertThat(PprofUnits.outputUnit(10_000_000L, 1_220_000_000L, "nanoseconds")).isEqualTo("s");
        assertThat(PprofUnits.outputUnit(10_000_000L, 850_000_000L, "nanoseconds")).isEqualTo("ms");
        assertThat(PprofUnits.percentage(1, 1)).isEqualTo("  100%");
        assertThat(PprofUnits.percentage(6824, 10000)).isEqualTo("68.24%");
        assertThat(PprofUnits.percentage(0, 10)).isEqualTo("    0%");
        assertThat(PprofUnits.percentage(83, 10_000_000)).isEqualTo("0.00083%");
        assertThat(PprofUnits.percentage(43, 100_000_000)).isEqualTo("4.3e-05%");
        assertThat(PprofUnits.percentage(8, 1000)).isEqualTo("  0.8%");
    }
}
