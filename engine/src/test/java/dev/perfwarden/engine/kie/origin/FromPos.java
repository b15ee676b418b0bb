package dev.perfwarden.engine.kie.origin;

/**
 * As {@code Attributable} with default accessors: {@link Positioned}'s accessors implemented once, here, as
 * default methods reading the record's {@link Pos} component, instead of delegates written on each record.
 */
public interface FromPos extends Positioned {
    Pos origin();

    @Override
    default String file() {
        return origin().file();
    }

    @Override
    default int line() {
        return origin().line();
    }
}
