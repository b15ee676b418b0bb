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
     * alloc-heavy-line weighs a line by LineCost, which stays merged over the heap profiles: its message says so and
     * names each CPU profile's allocator share (10.6 % of cpu-1, 7.3 % of cpu-2) instead of the last one's. With
     * profile.malloc.share at 50 % neither CPU profile reaches malloc-hot, so alloc-heavy-line speaks for list.go:92:
     * 130.4 MB of mem-1 + 63.3 MB of mem-2 after setup, of 139.2 + 92.8 MB.
     */
    @Test
    void allocHeavyLineSaysItsShareIsOfTheHeapProfilesSummed() throws Exception {
        Path d = Cli.root().resolve("testdata/modules/lru");
        List<String> args = new java.util.ArrayList<>(List.of("analyze"));
        args.addAll(RealModuleTest.captures(d, List.of("m2.txt", "json", "objdump.txt", "cpu.pprof", "mem.pprof")));
        args.addAll(List.of("--source", d.resolve("src").toString(), "--format", "json", "--fail-on", "none",
                "--no-config", "--all", "--param", "profile.malloc.share=0.5"));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> msgs = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("findings").forEach(f -> {
            if (RealModuleTest.key(f).equals("alloc-heavy-line internal/list.go:92")) {
                msgs.add(f.get("message").asText());
            }
        });
        assertThat(msgs).singleElement().satisfies(m -> assertThat(m)
                .startsWith("this line allocates 83.5 % of all the bytes in the 2 heap profiles summed (mem-1.pprof,"
                        + " mem-2.pprof) (194 MB of 232 MB).")
                .contains("(the allocator holds 10.6 % of cpu-1.pprof's CPU samples, the GC 2.2 %; the allocator holds"
                        + " 7.3 % of cpu-2.pprof's CPU samples, the GC 3.7 %)"));
    }
}
