package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.program.ExternalFile;
import dev.perfwarden.facts.program.Superseded;

import java.util.ArrayList;
import java.util.List;

/**
 * Facts the engine derives from a rule session's input facts once, before the rules run, so that rules
 * read them instead of computing them in every rule (and in a join per pair of facts):
 * {@link Superseded} (a {@code -json} record whose {@code -m} text twin is a fact too) and {@link ExternalFile}
 * (a file that is not the module's own code, judged with the run's {@code SourceRoots} fact when there is one).
 */
final class DerivedFacts {
    private DerivedFacts() {
    }

    static List<Object> of(List<Object> shared, List<Object> own) {
        List<Object> all = new ArrayList<>(shared.size() + own.size());
        all.addAll(shared);
        all.addAll(own);
        List<Object> derived = new ArrayList<>(Superseded.of(all));
        derived.addAll(ExternalFile.of(all));
        return derived;
    }
}
