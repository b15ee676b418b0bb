package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.escape.EscapeFact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link NamedResult}s of a run: for every heap escape ({@link EscapeFact#allocates()}) with a flow at a
 * position in a file of an index whose flow ends a step at a plain name, the named results of the declaration holding it (not of a function literal),
 * once per (symbol, name). The sources are already parsed ({@link GoSourceIndex.Func#results()}).
 */
public final class NamedResults {
    private NamedResults() {
    }

    /** The facts for the escapes among {@code facts} (module-relative files, attributed symbols), from {@code indexes}. */
    public static List<NamedResult> of(List<? extends Fact> facts, List<GoSourceIndex> indexes) {
        Set<NamedResult> out = new LinkedHashSet<>();
        for (Fact f : facts) {
            if (!(f instanceof EscapeFact e) || !e.allocates() || !endsAtName(e) || e.symbol().isEmpty()
                    || e.line() <= 0) {
                continue;
            }
            for (GoSourceIndex idx : indexes) {
                Optional<GoSourceIndex.Func> fn = idx.innermost(e.file(), e.line(), e.col());
                if (fn.isPresent()) {
                    if (!fn.get().literal()) {
                        for (String name : fn.get().results()) {
                            out.add(new NamedResult(e.symbol(), fn.get().file(), fn.get().line(), name));
                        }
                    }
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Whether a step of the escape's flow ends at a plain name (not {@code {heap}}, {@code ~r0}, {@code {storage for x}}). */
    private static boolean endsAtName(EscapeFact e) {
        for (var st : e.flow()) {
            String d = st.dst();
            if (!d.isEmpty() && Character.isJavaIdentifierStart(d.charAt(0))) {
                return true;
            }
        }
        return false;
    }
}
