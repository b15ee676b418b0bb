package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;

import java.io.IOException;

/**
 * One parser per input format. Implementations are stateless and thread-safe; all per-input state
 * lives in the {@link ParseContext}. Register new parsers in {@link Parsers}.
 */
public interface InputParser {
    InputKind kind();

    /**
     * Whether this parser reads the input, judged by its content (the head bytes), not only by its
     * name. Must be cheap and must not throw.
     */
    boolean sniff(InputHead head);

    /**
     * Whether an input that {@link #sniff} refused is nevertheless meant to be this format, judged
     * by its name or shape (a {@code .pprof} file, a {@code .json} file of a {@code -json} tree): a
     * damaged capture. Such an input found while walking a directory is parsed by this parser so
     * that its error is reported, instead of being skipped. Must be cheap and must not throw.
     */
    default boolean claims(InputHead head) {
        return false;
    }

    /**
     * Streams the input into {@code ctx}: every line or record becomes a fact
     * ({@link ParseContext#emit}) or is counted as unparsed with its reason
     * ({@link ParseContext#unparsed}). Throws {@link ParseException} only when the input as a whole
     * cannot be trusted (e.g. truncated JSON, binary junk); the caller reports it with file and line
     * and goes on with the other inputs.
     */
    void parse(InputSource source, ParseContext ctx) throws IOException, ParseException;
}
