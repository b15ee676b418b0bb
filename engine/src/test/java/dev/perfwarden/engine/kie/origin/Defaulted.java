package dev.perfwarden.engine.kie.origin;

/** A fact whose position is one {@link Pos} component and whose accessors are {@link FromPos}'s default methods. */
public record Defaulted(String variable, Pos origin) implements FromPos {
}
