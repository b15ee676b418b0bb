package dev.perfwarden.engine.testfacts;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

/** Test fact: a leaking parameter. */
public record Leak(String symbol, String file, int line, int col, String param, Evidence evidence) implements Located {
}
