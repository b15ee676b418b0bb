package dev.perfwarden.engine.kie.origin;

/** A shared position component, as the proposed {@code Origin} (docs/design/origin.md). */
public record Pos(String symbol, String file, int line, int col) {
}
