package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;

import java.util.Objects;

/**
 * A named result of a function declaration ({@code func (iter *Iterator) ReadString() (ret string)}), read from the Go
 * sources for the functions the compiler's facts ({@code -m} text, {@code -json}) are in ({@link NamedResults}): -m=2
 * ends the flow of a value assigned to a named result and returned by a bare {@code return} at the result's name with
 * an {@code (assign)} note, as it ends a flow at a local variable declared outside the allocating loop or moved to the
 * heap; only the declaration tells the two apart. {@code symbol} is the compiler facts' own symbol (the same site key),
 * so a rule joins on {@code EscapeFact.symbol()}. Function literals' results are not read.
 *
 * <p>In DRL: {@code NamedResult(symbol == $e.symbol(), name == "ret")}.
 */
@FactDoc(name = "named-result", inputs = {"escape-text", "logopt-json"},
        value = "A named result of a function declaration (`(ret string)`), read from the Go sources for the functions"
                + " the compiler's facts are in: -m=2 ends the flow of a value returned through it by a bare `return` at its"
                + " name with an `(assign)` note, as it does for a plain local variable; the declaration tells them apart.")
public record NamedResult(@FieldDoc("the function's symbol, as its EscapeFacts carry it") String symbol,
                          @FieldDoc("the declaration's file, relative to the module root") String file,
                          @FieldDoc("the line of the declaration's `func` keyword") int line,
                          @FieldDoc("the result's name as declared (`ret`, `_`)") String name) implements Fact {
    public NamedResult {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
    }
}
