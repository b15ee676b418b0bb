package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;

import java.util.List;

/**
 * A measured value a contract limit can bound, derived from the parsers' facts (k6 trends,
 * Prometheus scrapes, gctrace, benchmarks) in the canonical units of {@link ContractLimit}:
 * {@code kind}/{@code metric}/{@code selector} as there; {@code name} the source metric
 * ({@code http_req_duration}, {@code orders_http_request_duration_seconds}, {@code gctrace},
 * {@code BenchmarkParse}); {@code byDefault}: measured by the default sources of its kind;
 * {@code evidence} the input lines it was computed from (file:line).
 */
public record Measurement(String kind, String metric, String selector, double value, String unit, String name,
                          boolean byDefault, String input, List<Evidence> evidence) implements Fact {
    public Measurement {
        evidence = List.copyOf(evidence);
    }
}
