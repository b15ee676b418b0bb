package dev.perfwarden.facts.prom;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;

import java.util.Map;
import java.util.TreeMap;

/**
 * One sample line of a Prometheus text exposition ({@code name{label="v",…} value [timestamp]}).
 * {@code family} and {@code type} come from the {@code # TYPE} line of the metric family the sample
 * belongs to ({@code x_bucket}, {@code x_sum}, {@code x_count} belong to histogram {@code x});
 * {@code type} is {@code untyped} without one. {@code timeMs} is the sample's own timestamp, else
 * the scrape's time ({@code # scraped-at:} comment), else -1.
 */
public record PromSample(String input, String name, Map<String, String> labels, double value, String family,
                         String type, long timeMs, String text, InputPos at) implements Fact {
    public PromSample {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public Evidence evidence() {
        return Evidence.of(InputKind.PROM_TEXT, text, at);
    }

    /** The series identity without {@code le}/{@code quantile}: name and the other labels. */
    public String seriesKey() {
        return name + labels;
    }
}
