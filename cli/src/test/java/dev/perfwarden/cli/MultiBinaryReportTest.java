package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hashicorp/golang-lru v2.0.7 (testdata/modules/lru), captured as {@code scan --bench} captures a module with three
 * test binaries: malloc-hot judges each binary's CPU profile on its own and shows the lines of that binary's heap
 * profile with their share of it. Ground truth ({@code go tool pprof -sample_index=alloc_space -top -lines
 * binN.test mem-N.pprof}, review3): mem-1 (root package) holds internal/list.go:92 at 32.51 % + 5.05 % in two generic
 * instances, setup included; 93.7 % of its bytes after setup (130.4 of 139.2 MB). cpu-2 (expirable) spends about 7 %
 * in the allocator (mallocgc cum 0.15 s of 2.2 s after setup), under profile.malloc.share, so expirable_lru.go:329
 * (24.68 MB of mem-2) is no finding; before, cpu-1's 10.6 % opened every heap profile's lines, and list.go:92 read
 * "83.5 % of the bytes in the heap profile (7.6 % in the standard-library code it calls)": both heap profiles
 * summed, and its second instance called standard-library bytes.
 */
class MultiBinaryReportTest {
    @Test
    void mallocHotShowsTheLinesOfTheBinaryWhoseCpuProfileMetTheThreshold() {
        RealModuleTest.Report r = RealModuleTest.Report.of(Cli.root().resolve("testdata/modules/lru"));
        List<JsonNode> malloc = r.findings().stream().filter(f -> f.get("rule").asText().equals("malloc-hot")).toList();
        assertThat(malloc).noneMatch(f -> f.get("file").asText().startsWith("expirable/"));
        JsonNode list92 = malloc.stream().filter(f -> RealModuleTest.key(f).equals("malloc-hot internal/list.go:92"))
                .findFirst().orElseThrow();
        String m = list92.get("message").asText();
        assertThat(m).startsWith("this line allocates 93.7 % of the bytes in mem-1.pprof after benchmark setup"
                + " (of all its bytes, setup included, the total go tool pprof shows: 32.5 % in internal.(*LruList[go.shape.int64,go.shape.int64])"
                + ".insertValue + 5.1 % in internal.(*LruList[go.shape.int64,go.shape.struct {}]).insertValue)");
        assertThat(m).doesNotContain("standard-library code it calls");
        assertThat(m).contains("(heap allocations here: &internal.Entry[go.shape.int64,go.shape.int64]{...})");
        assertThat(m).contains("The allocator takes 10.6 % of cpu-1.pprof's CPU samples (threshold 10.0 %)");
    }

    /**
     * malloc-hot's cost is the line's share of the heap profile its message states (mem-1: 93.7 %, ranked by it), not
     * of both heap profiles summed (83.5 %: 130.4 + 63.3 MB of 139.2 + 92.8 MB), and names that profile.
     */
    @Test
    void mallocHotsCostIsItsShareOfTheHeapProfileItStates() {
        RealModuleTest.Report r = RealModuleTest.Report.of(Cli.root().resolve("testdata/modules/lru"));
        JsonNode list92 = r.findings().stream()
                .filter(f -> RealModuleTest.key(f).equals("malloc-hot internal/list.go:92")).findFirst().orElseThrow();
        assertThat(list92.get("cost").get("allocShare").asDouble()).isCloseTo(0.937, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(list92.get("cost").get("profiles").toString()).isEqualTo("[\"mem-1.pprof\"]");
        assertThat(list92.get("message").asText()).startsWith("this line allocates 93.7 % of the bytes in mem-1.pprof");
    }

    /**
     * alloc-heavy-line judges a line by one test binary's heap profile, gated by that binary's CPU profile (as malloc-hot
     * and gc-pressure judge): with the defaults cpu-1 (10.6 % in the allocator) leaves mem-1's lines to malloc-hot, but
     * cpu-2 (expirable, 7.3 %) leaves mem-2's to this rule, where list.go:92 holds 68.2 % of the timed bytes (63.3 of
     * 92.8 MB; before, one CPU profile over the threshold silenced every binary's lines). Small objects (80 B): a note,
     * folded under malloc-hot's warning on the same line, and costed by mem-2.
     */
    @Test
    void allocHeavyLineJudgesALineByItsOwnBinarysHeapProfile() throws Exception {
        List<JsonNode> fs = all(List.of());
        JsonNode list92 = fs.stream().filter(f -> RealModuleTest.key(f).equals("malloc-hot internal/list.go:92"))
                .findFirst().orElseThrow();
        JsonNode heavy = null;
        for (JsonNode x : list92.get("related")) {
            heavy = x.get("rule").asText().equals("alloc-heavy-line") ? x : heavy;
        }
        assertThat(heavy).isNotNull();
        assertThat(heavy.get("severity").asText()).isEqualTo("note");
        assertThat(heavy.get("message").asText()).startsWith("this line allocates 68.2 % of all the bytes in the heap"
                + " profile mem-2.pprof (of its test binary; one of 2) (63.3 MB of 92.8 MB).")
                .contains("(the allocator holds 7.3 % of cpu-2.pprof's CPU samples, the GC 3.7 %)")
                .doesNotContain("cpu-1.pprof");
        assertThat(heavy.get("cost").get("profiles").toString()).isEqualTo("[\"mem-2.pprof\"]");
        assertThat(heavy.get("cost").get("allocShare").asDouble()).isCloseTo(0.682, org.assertj.core.data.Offset.offset(0.0005));
    }

    /**
     * With profile.malloc.share at 50 % neither CPU profile reaches malloc-hot, so alloc-heavy-line speaks for
     * list.go:92 by the heap profile where it holds most: 93.7 % of mem-1 (130 of 139 MB), naming cpu-1's allocator
     * share only (before: 83.5 % of both heap profiles summed, and both CPU profiles' shares).
     */
    @Test
    void allocHeavyLineSpeaksForALineByTheHeapProfileWhereItHoldsMost() throws Exception {
        List<String> msgs = new java.util.ArrayList<>();
        for (JsonNode f : all(List.of("--param", "profile.malloc.share=0.5"))) {
            if (RealModuleTest.key(f).equals("alloc-heavy-line internal/list.go:92")) {
                msgs.add(f.get("message").asText());
            }
        }
        assertThat(msgs).singleElement().satisfies(m -> assertThat(m)
                .startsWith("this line allocates 93.7 % of all the bytes in the heap profile mem-1.pprof (of its test"
                        + " binary; one of 2) (130 MB of 139 MB).")
                .contains("(the allocator holds 10.6 % of cpu-1.pprof's CPU samples, the GC 2.2 %)")
                .doesNotContain("cpu-2.pprof"));
    }

    /** lru's findings, notes included, with {@code extra} options. */
    private static List<JsonNode> all(List<String> extra) throws Exception {
        Path d = Cli.root().resolve("testdata/modules/lru");
        List<String> args = new java.util.ArrayList<>(List.of("analyze"));
        args.addAll(RealModuleTest.captures(d, List.of("m2.txt", "json", "objdump.txt", "cpu.pprof", "mem.pprof")));
        args.addAll(List.of("--source", d.resolve("src").toString(), "--format", "json", "--fail-on", "none",
                "--no-config", "--all"));
        args.addAll(extra);
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> out = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("findings").forEach(out::add);
        return out;
    }
}
