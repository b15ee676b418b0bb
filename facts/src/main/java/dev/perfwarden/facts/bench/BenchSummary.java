package dev.perfwarden.facts.bench;

import dev.perfwarden.facts.core.Fact;

import java.util.Map;

/**
 * How one benchmark input was read: lines per class ({@link BenchParser.LineClass} ids: result,
 * config, bench-header, log, …; {@code unparsed} for lines of no class), results emitted, and
 * whether it was {@code go test -json} output.
 */
public record BenchSummary(String input, Map<String, Long> lines, int results, boolean json) implements Fact {
    public BenchSummary {
        // sorted, so that toString (fact dumps, ParseDigest) is the same in every JVM: Map.copyOf iterates in a
        // per-JVM order
        lines = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(lines));
    }

    public long lines(BenchParser.LineClass c) {
        return lines.getOrDefault(c.id(), 0L);
    }
}
