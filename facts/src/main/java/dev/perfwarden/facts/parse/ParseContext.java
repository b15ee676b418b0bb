package dev.perfwarden.facts.parse;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.Unparsed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Per-input state of one parse: where facts go, how many records were read, which lines could
 * not be classified and why. Not thread-safe: one context per input.
 */
public final class ParseContext {
    /** How many unparsed lines are kept verbatim; the count is always exact. */
    public static final int KEPT_UNPARSED = 200;

    private final String input;
    private final InputKind kind;
    private final Consumer<Fact> sink;
    private long records;
    private long unparsedCount;
    private long repeatedCount;
    private final List<String> notes = new ArrayList<>();
    private final List<Unparsed> unparsed = new ArrayList<>();

    public ParseContext(String input, InputKind kind, Consumer<Fact> sink) {
        this.input = Objects.requireNonNull(input, "input");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public String input() {
        return input;
    }

    public InputKind kind() {
        return kind;
    }

    /** Counts one record (line, JSON record, sample…) of the input; call once per record read. */
    public void record() {
        records++;
    }

    public void emit(Fact fact) {
        sink.accept(Objects.requireNonNull(fact, "fact"));
    }

    /** A record that became no fact. {@code line} is 1-based (or a byte offset for binary inputs). */
    public void unparsed(long line, String reason, String text) {
        unparsedCount++;
        if (unparsed.size() < KEPT_UNPARSED) {
            unparsed.add(new Unparsed(InputPos.line(input, line), reason, text));
        }
    }

    /**
     * A record that became no fact because it repeats one that did (a package's output printed again): nothing is
     * lost, the fact of its first copy stands for it. Counted so that the input's summary can say so.
     */
    public void repeated() {
        repeatedCount++;
    }

    public long repeatedCount() {
        return repeatedCount;
    }

    /** A note on the input for the report (its input notes, JSON {@code inputs[].note}): what the facts leave out. */
    public void note(String text) {
        notes.add(Objects.requireNonNull(text, "text"));
    }

    /** The notes given, in order. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public InputPos at(long line) {
        return InputPos.line(input, line);
    }

    public long records() {
        return records;
    }

    public long unparsedCount() {
        return unparsedCount;
    }

    public List<Unparsed> unparsedSamples() {
        return List.copyOf(unparsed);
    }
}
