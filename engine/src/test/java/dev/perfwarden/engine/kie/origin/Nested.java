package dev.perfwarden.engine.kie.origin;

/** A fact whose position is one {@link Pos} component, with delegate accessors kept on the record. */
public record Nested(String variable, Pos origin) {
    public String file() {
        return origin.file();
    }

    public int line() {
        return origin.line();
    }
}
