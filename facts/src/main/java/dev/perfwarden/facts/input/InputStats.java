package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.Unparsed;

import java.util.List;

/**
 * What one input gave: its kind, how many records it had, how many of them became no fact (with
 * kept samples), the error that stopped it, if any, and a note (why a file met while walking a
 * directory was skipped, or that an input was empty). Reported as {@code inputs[]} in JSON.
 */
public record InputStats(String path, String kind, long records, long unparsed, List<Unparsed> unparsedSamples,
                         String error, String note) {
    /** The kind of a file met while walking a directory that was not read; {@link #note()} says why. */
    public static final String SKIPPED = "skipped";
    /** The kind of an input with no content (or only white space): valid, 0 records. */
    public static final String EMPTY = "empty";

    public InputStats {
        unparsedSamples = List.copyOf(unparsedSamples);
    }

    public InputStats(String path, String kind, long records, long unparsed, List<Unparsed> unparsedSamples,
                      String error) {
        this(path, kind, records, unparsed, unparsedSamples, error, null);
    }

    /** A file met while walking a directory and not read, with the reason. */
    public static InputStats skipped(String path, String reason) {
        return new InputStats(path, SKIPPED, 0, 0, List.of(), null, reason);
    }

    /** An input that could not be read at all. */
    public static InputStats failed(String path, String kind, String error) {
        return new InputStats(path, kind, 0, 0, List.of(), error, null);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean skipped() {
        return SKIPPED.equals(kind);
    }
}
