package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON {@code cost.benchmark} on the real modules of {@link RealModuleTest} (testdata/modules): a finding weighed on
 * its instructions names the benchmark where they weigh most; go-perf's {@code hot.benchmark.share} is off, so the
 * severity stays what the suite's share says.
 */
class BenchmarkCostRealModuleTest {

    private static JsonNode only(String module, String key) {
        List<JsonNode> fs = RealModuleTest.Report.of(Cli.root().resolve("testdata/modules").resolve(module)).findings()
                .stream().filter(f -> RealModuleTest.key(f).equals(key)).toList();
        assertThat(fs).as(key).hasSize(1);
        return fs.get(0);
    }

    /**
     * bitset's (*BitSet).Set (3 over the inlining budget): its 8 entry and exit instructions hold 16 of 13340 timed
     * samples (0.12 %), 15 of them BenchmarkLemireCreate's, whose timed samples are 465 ({@code go tool pprof
     * -sample_index=samples -peek='BenchmarkLemireCreate$' cpu.pprof}: cum 465, before the untimed setup is left out;
     * LemireCreate has none).
     */
    @Test
    void bitsetsSetNamesTheBenchmarkItWeighsMostIn() {
        JsonNode f = only("bitset", "inline-budget bitset.go:206");
        assertThat(f.get("severity").asText()).isEqualTo("note");
        JsonNode b = f.at("/cost/benchmark");
        assertThat(b.get("name").asText()).isEqualTo("BenchmarkLemireCreate");
        assertThat(b.get("samples").asLong()).isEqualTo(465);
        assertThat(b.get("siteSamples").asLong()).isEqualTo(15);
        assertThat(b.get("share").asDouble()).isEqualTo(15 / 465.0);
        assertThat(f.at("/evidence/1/text").asText())
                .endsWith("; in one benchmark at most, BenchmarkLemireCreate: 15 of its 465 samples (3.2 %)");
    }
}
