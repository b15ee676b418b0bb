package dev.perfwarden.facts.core;

/** A line or record a parser could not turn into a fact, with the reason. Never dropped silently. */
public record Unparsed(InputPos at, String reason, String text) {
    public String format() {
        return at.format() + ": " + reason + ": \"" + Texts.clip(text, 80) + "\"";
    }
}
