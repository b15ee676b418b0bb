package dev.perfwarden.engine.testfacts;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

/** Test fact: a call to {@code callee} costing {@code nanos} per op. */
public record SlowCall(String symbol, String file, int line, int col, String callee, long nanos, Evidence evidence)
        implements Located {
}
