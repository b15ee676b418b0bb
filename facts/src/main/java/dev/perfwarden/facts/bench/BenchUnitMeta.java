package dev.perfwarden.facts.bench;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputPos;

/** A benchfmt unit metadata pair, from a line such as {@code Unit ns/op assume=exact}. */
public record BenchUnitMeta(String unit, String key, String value, InputPos at) implements Fact {
}
