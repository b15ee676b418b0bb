package dev.perfwarden.facts.bench;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputPos;

/**
 * The end line of one package's test binary: {@code ok  pkg 2.339s} (status {@code ok}),
 * {@code FAIL pkg 0.2s} or {@code FAIL pkg [build failed]} ({@code FAIL}, with {@code detail}),
 * {@code ?   pkg [no test files]} ({@code none}). {@code seconds} is -1 when not printed.
 */
public record BenchPackage(String pkg, String status, double seconds, String detail, InputPos at) implements Fact {
}
