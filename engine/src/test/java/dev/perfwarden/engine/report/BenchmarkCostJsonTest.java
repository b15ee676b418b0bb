package dev.perfwarden.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfwarden.engine.model.BenchmarkShare;
import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON {@code cost.benchmark} (docs/output.md, Cost: "By benchmark"). */
class BenchmarkCostJsonTest {
    @Test
    void theCostNamesItsBenchmarkOnlyWhenKnown() {
        Cost c = new Cost(0.0012, null, Scope.INSTRUCTION, "self", List.of(),
                new BenchmarkShare("BenchmarkLemireCreate", 15 / 465.0, 465, 15));
        JsonNode o = JsonReporter.cost(c);
        assertThat(o.at("/benchmark/name").asText()).isEqualTo("BenchmarkLemireCreate");
        assertThat(o.at("/benchmark/share").asDouble()).isEqualTo(15 / 465.0);
        assertThat(o.at("/benchmark/samples").asLong()).isEqualTo(465);
        assertThat(o.at("/benchmark/siteSamples").asLong()).isEqualTo(15);
        assertThat(o.get("benchmark").size()).isEqualTo(4);
        assertThat(JsonReporter.cost(new Cost(0.0012, null, Scope.INSTRUCTION, "self")).has("benchmark")).isFalse();
    }
}
