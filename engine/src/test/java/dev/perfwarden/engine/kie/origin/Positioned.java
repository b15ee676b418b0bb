package dev.perfwarden.engine.kie.origin;

/** As {@code Located}: the position accessors a fact type declares, abstract. */
public interface Positioned {
    String file();

    int line();
}
