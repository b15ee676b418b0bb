package dev.perfwarden.facts.core;

/**
 * Marker for every value the parsers hand to the rule engine. Facts are immutable; the engine
 * inserts any {@code Fact} it is given without knowing its type, so a new fact class needs no
 * engine change.
 */
public interface Fact {
}
