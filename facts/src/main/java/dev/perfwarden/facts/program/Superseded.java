package dev.perfwarden.facts.program;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.inline.InlineFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiler fact that another input states as well, and better: a {@code -json} record whose {@code -m}
 * text twin (same kind, subject or reason class, file, line and column) is also a fact. The text is the
 * preferred one (it is what the user ran and reads, and its evidence line quotes the compiler). A -json
 * {@code leak} record's twin is a {@code leaking param} line (any of the three forms) of the same parameter. A rule
 * that reports one finding per site writes {@code not Superseded(fact == $e)} instead of searching for the
 * twin itself. Computed once per rule session, before the rules run, in one pass over the facts.
 *
 * <p>A text twin supersedes a {@code -json} record only when it carries as much: the {@code -m=2}
 * explanation ({@code flow}) when the record has one (plain {@code -m} text has none), and a counted
 * result ({@code !duplicate}) when the record is one.
 *
 * @param fact the {@code -json} {@link EscapeFact} or {@link InlineFact} that rules skip
 * @param by   its {@code -m} text twin, the fact rules report instead
 */
@FactDoc(name = "superseded", inputs = {"escape-text", "logopt-json"},
        value = "A `-json` escape or inlining record whose `-m` text twin is a fact too (same kind, subject or reason"
                + " class, file, line and column; a `-json` `leak` record's twin is the `leaking param` line of the"
                + " same parameter), counted only when the text carries as much: the `-m=2` explanation when the"
                + " record has one, a counted result when the record is one. A rule that reports one finding per"
                + " site skips the record: `not Superseded(fact == $e)`; in the DSL `unless the compiler printed the"
                + " same escape as text` / `… the same decision as text`.")
public record Superseded(@FieldDoc("the `-json` `EscapeFact` or `InlineFact` that rules skip") Fact fact,
                         @FieldDoc("its `-m` text twin, the fact rules report instead") Fact by) implements Fact {
    public Superseded {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(by, "by");
    }

    static final String TEXT = "escape-text";
    static final String JSON = "logopt-json";

    /** The superseded facts among {@code facts}, in their order. */
    public static List<Superseded> of(Iterable<?> facts) {
        Map<List<Object>, List<Fact>> text = new HashMap<>();
        for (Object o : facts) {
            List<Object> k = key(o, TEXT);
            if (k != null) {
                text.computeIfAbsent(k, x -> new ArrayList<>(1)).add((Fact) o);
            }
        }
        List<Superseded> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (Object o : facts) {
            Fact by = twin(o, text);
            if (by != null) {
                out.add(new Superseded((Fact) o, by));
            }
        }
        return out;
    }

    /** The text twin of a -json fact that carries as much, or null; a -json leak's twin is a leaking param line. */
    private static Fact twin(Object json, Map<List<Object>, List<Fact>> text) {
        List<Object> k = key(json, JSON);
        if (k == null) {
            return null;
        }
        List<List<Object>> keys = new ArrayList<>(4);
        keys.add(k);
        if (json instanceof EscapeFact e && e.kind().equals(EscapeFact.KIND_LEAK)) {
            for (String kind : LEAKING_PARAM_KINDS) {
                List<Object> alt = new ArrayList<>(k);
                alt.set(1, kind);
                keys.add(alt);
            }
        }
        for (List<Object> key : keys) {
            for (Fact t : text.getOrDefault(key, List.of())) {
                if (carriesAsMuch(t, json)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static final List<String> LEAKING_PARAM_KINDS = List.of(EscapeFact.KIND_LEAKING_PARAM,
            EscapeFact.KIND_LEAKING_PARAM_CONTENT, EscapeFact.KIND_LEAKING_PARAM_TO_RESULT);

    /** The twin key of a fact read from {@code input}; null for any other fact. */
    private static List<Object> key(Object o, String input) {
        if (o instanceof EscapeFact e && e.evidence().input().equals(input)) {
            return List.of(EscapeFact.class, e.kind(), e.subject(), e.file(), e.line(), e.col());
        }
        if (o instanceof InlineFact i && i.evidence().input().equals(input)) {
            return List.of(InlineFact.class, i.kind(), i.reasonKind(), i.file(), i.line(), i.col());
        }
        return null;
    }

    private static boolean carriesAsMuch(Fact text, Object json) {
        if (text instanceof EscapeFact t && json instanceof EscapeFact j) {
            return (j.duplicate() || !t.duplicate()) && (j.flow().isEmpty() || !t.flow().isEmpty());
        }
        return true;
    }
}
