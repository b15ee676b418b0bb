package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.program.Superseded;

import java.util.ArrayList;
import java.util.List;

/**
 * Facts the engine derives from a rule session's input facts once, before the rules run, so that rules
 * read them instead of computing them in every rule (and in a join per pair of facts):
 * {@link Superseded} (a {@code -json} record whose {@code -m} text twin is a fact too).
 */
final class DerivedFacts {
    private DerivedFacts() {
    }

    static List<Object> of(List<Object> shared, List<Object> own) {
        List<Object> all = new ArrayList<>(shared.size() + own.size());
        all.addAll(shared);
        all.addAll(own);
        return new ArrayList<>(Superseded.of(all));
    }
}
