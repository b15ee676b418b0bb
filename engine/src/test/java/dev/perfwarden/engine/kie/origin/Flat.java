package dev.perfwarden.engine.kie.origin;

/** A fact with its position components one by one, as the fact records are today. */
public record Flat(String subject, String symbol, String file, int line, int col) {
}
