package dev.perfwarden.facts.k6;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric of a k6 end-of-test summary ({@code k6 run --summary-export FILE} or the data given to
 * {@code handleSummary}): {@code name} ({@code http_req_duration}), {@code selector} the tag
 * filter of a sub-metric as k6 prints it between braces ({@code route:/orders},
 * {@code scenario:orders}; empty for the whole metric), {@code type} trend/counter/rate/gauge,
 * {@code contains} time/data/default (trends of time are in milliseconds), {@code values} the
 * summary statistics ({@code avg, min, med, max, p(90), p(95), p(99), count, rate, value, passes,
 * fails}), {@code thresholds} each threshold expression and whether it passed.
 */
public record K6Metric(String input, String name, String selector, String type, String contains,
                       Map<String, Double> values, Map<String, Boolean> thresholds, InputPos at) implements Fact {
    public K6Metric {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        thresholds = java.util.Collections.unmodifiableMap(new TreeMap<>(thresholds));
    }

    /** The value of statistic {@code stat} ({@code p(95)}, {@code med}, ...), NaN when absent. */
    public double value(String stat) {
        Double v = values.get(stat);
        return v == null ? Double.NaN : v;
    }

    public Evidence evidence() {
        StringBuilder sb = new StringBuilder(name);
        if (!selector.isEmpty()) {
            sb.append('{').append(selector).append('}');
        }
        sb.append(':');
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.4g", v)));
        return Evidence.of(InputKind.K6_SUMMARY, sb.toString(), at);
    }
}
