package dev.perfwarden.engine.testfacts;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

/** Test fact: a value of {@code width} bytes boxed into an interface. */
public record Boxed(String symbol, String file, int line, int col, int width, Evidence evidence) implements Located {
}
