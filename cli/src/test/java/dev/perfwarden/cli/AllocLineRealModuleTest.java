package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alloc-heavy-line and leaking-param on the real modules of {@link RealModuleTest} (testdata/modules): the lines
 * that allocate most of the bytes are named whatever the allocator's CPU share, but only large objects are a
 * warning; a leaking parameter is not weighed by its function's bytes.
 */
class AllocLineRealModuleTest {

    private static List<JsonNode> findings(String module) {
        return RealModuleTest.Report.of(Cli.root().resolve("testdata/modules").resolve(module)).findings();
    }

    private static JsonNode only(String module, String key) {
        List<JsonNode> fs = findings(module).stream().filter(f -> RealModuleTest.key(f).equals(key)).toList();
        assertThat(fs).as(key).hasSize(1);
        return fs.get(0);
    }

    /**
     * murmur3's New32WithSeed allocates 99.4 % of the bytes as 80-byte digests (the constructor's result) while the
     * allocator holds 1.5 % of the CPU samples: small objects cost what the CPU profile measures, a note.
     */
    @Test
    void aLineOfManySmallAllocationsIsANoteThatSaysWhy() {
        JsonNode f = only("murmur3", "alloc-heavy-line murmur32.go:33");
        assertThat(f.get("severity").asText()).isEqualTo("note");
        assertThat(f.get("message").asText())
                .startsWith("this line allocates 99.4 % of all the bytes in the heap profile (340 MB of 342 MB).")
                .contains("The allocations are small (about 80 B each)")
                .contains("(the allocator holds 1.5 % of the CPU samples, the GC 1.1 %)")
                .contains("runtime.newobject/makeslice in its machine code")
                .contains("new(digest32) escapes to heap");
        assertThat(f.get("cost").get("allocShare").asDouble()).isGreaterThan(0.99);
        assertThat(f.get("cost").get("cpuShare").isNull()).as("weighed by bytes only").isTrue();
    }

    /** bitset's extendSet grows its words 2x (make([]uint64, nsize, 2 * nsize)): large, but a growth step with room. */
    @Test
    void aMakeWithHeadroomIsAGrowthStepAndANote() {
        JsonNode f = only("bitset", "alloc-heavy-line bitset.go:185");
        assertThat(f.get("severity").asText()).isEqualTo("note");
        assertThat(f.get("message").asText())
                // of the timed bytes (the benchmarks' untimed setup is left out since session 12); BenchmarkLemireCreate
                // grows a 100M-bit set 21 times per op, 144 ops in the 2s capture
                .contains("45.5 % of all the bytes")
                .contains("about 2.2 MB here")
                .contains("The make has an explicit capacity beyond its length (make([]uint64, nsize, 2 * nsize) escapes to heap)");
    }

    /**
     * A leaking parameter costs its callers' escapes: it is weighed by what its own line allocates, not by its
     * function's bytes (lz4's (*Reader).read was weighed 31.1 % by an unrelated append in its body).
     */
    @Test
    void aLeakingParamIsWeighedByItsOwnLineNotItsFunction() {
        for (String module : List.of("murmur3", "bitset", "chi", "fastjson")) {
            List<JsonNode> leaks = findings(module).stream()
                    .filter(f -> f.get("rule").asText().equals("leaking-param")).toList();
            assertThat(leaks).as(module).allSatisfy(f -> {
                assertThat(f.get("cost").get("basis").asText()).isEqualTo("line");
                assertThat(f.get("cost").get("cpuShare").isNull()).isTrue();
            });
        }
        assertThat(findings("murmur3")).filteredOn(f -> f.get("rule").asText().equals("leaking-param")).isNotEmpty();
    }
}
