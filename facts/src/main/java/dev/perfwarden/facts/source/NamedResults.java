package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Fact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link NamedResult}s of a run: for every compiler fact ({@link Attributable}, from {@code -m} text or
 * {@code -json}: the escapes among them) at a position in a file of an index, the named results of the declaration
 * holding it (not of a function literal), once per (symbol, name): the escapes of a function carry its symbol, so a
 * rule joins them on it. The sources are already parsed ({@link GoSourceIndex.Func#results()}). (It takes every
 * compiler fact, not only escapes, so that this package needs none of facts.escape's types: facts.escape uses it.)
 */
public final class NamedResults {
    private NamedResults() {
    }

    /** The facts for the compiler facts among {@code facts} (module-relative files, attributed symbols), from {@code indexes}. */
    public static List<NamedResult> of(List<? extends Fact> facts, List<GoSourceIndex> indexes) {
        Set<NamedResult> out = new LinkedHashSet<>();
        for (Fact f : facts) {
            if (!(f instanceof Attributable<?> a) || a.symbol().isEmpty() || a.line() <= 0 || a.evidence() == null
                    || !(a.evidence().input().equals("escape-text") || a.evidence().input().equals("logopt-json"))) {
                continue;
            }
            for (GoSourceIndex idx : indexes) {
                Optional<GoSourceIndex.Func> fn = idx.innermost(a.file(), a.line(), a.col());
                if (fn.isPresent()) {
                    if (!fn.get().literal()) {
                        for (String name : fn.get().results()) {
                            out.add(new NamedResult(a.symbol(), fn.get().file(), fn.get().line(), name));
                        }
                    }
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }
}
