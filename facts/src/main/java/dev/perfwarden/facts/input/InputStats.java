package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.Unparsed;

import java.util.List;

/**
 * What one input gave: its kind, how many records it had, how many of them became no fact (with
 * kept samples), and the error that stopped it, if any. Reported as {@code inputs[]} in JSON.
 */
public record InputStats(String path, String kind, long records, long unparsed, List<Unparsed> unparsedSamples,
                         String error) {
    public InputStats {
        unparsedSamples = List.copyOf(unparsedSamples);
    }

    public boolean failed() {
        return error != null;
    }
}
