package dev.perfwarden.facts.bench;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputPos;

import java.util.List;

/**
 * A {@code --- FAIL: BenchmarkX} block: the benchmark failed (or {@code --- SKIP:}: was skipped;
 * {@code status} is {@code FAIL} or {@code SKIP}). {@code log} holds its indented log lines
 * (printed after the header, or before it with {@code -v}), unindented by one level.
 */
@FactDoc(name = "bench-failure", inputs = {"bench"},
        value = "A benchmark that failed or was skipped.")
public record BenchFailure(String pkg, String name, String fullName,
                           @FieldDoc("`FAIL` or `SKIP`") String status, List<String> log, InputPos at)
        implements Fact {
    public BenchFailure {
        log = List.copyOf(log);
    }
}
