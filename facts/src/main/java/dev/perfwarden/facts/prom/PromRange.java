package dev.perfwarden.facts.prom;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series of a Prometheus HTTP API {@code query_range} answer ({@code resultType: matrix}):
 * its labels ({@code metric}) and points in time order ({@code t} in seconds since the epoch).
 * Values are what the query computed, in Prometheus base units (seconds, bytes) unless the query
 * scaled them. {@code file} is the input's file name (contracts pick series by it).
 */
public record PromRange(String input, String file, Map<String, String> metric, List<Point> points, InputPos at)
        implements Fact {
    public record Point(double t, double value) {
    }

    public PromRange {
        metric = java.util.Collections.unmodifiableMap(new TreeMap<>(metric));
        points = List.copyOf(points);
    }

    public Evidence evidence() {
        return Evidence.of(InputKind.PROM_RANGE, file + " " + metric + ": " + points.size() + " points", at);
    }

    /** The largest value (NaN for none). */
    public double max() {
        return points.stream().mapToDouble(Point::value).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /**
     * The longest stretch, in seconds, of consecutive points whose value is above {@code limit}: from
     * the first point of a run to the point after its last (so one point alone counts one step).
     * The step is the series' most common spacing.
     */
    public double longestRunAbove(double limit) {
        double step = step();
        double best = 0;
        int start = -1;
        for (int i = 0; i <= points.size(); i++) {
            boolean over = i < points.size() && points.get(i).value() > limit;
            boolean gap = i > 0 && i < points.size() && points.get(i).t() - points.get(i - 1).t() > step * 1.5;
            if (start >= 0 && (!over || gap)) {
                best = Math.max(best, points.get(i - 1).t() - points.get(start).t() + step);
                start = -1;
            }
            if (over && start < 0) {
                start = i;
            }
        }
        return best;
    }

    /** The most common spacing of the points in seconds (0 for fewer than two points). */
    public double step() {
        Map<Double, Integer> counts = new TreeMap<>();
        for (int i = 1; i < points.size(); i++) {
            counts.merge(points.get(i).t() - points.get(i - 1).t(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0.0);
    }

    /** {@code route:/orders,code:200}: the labels as a contract selector would name them. */
    public String selector() {
        StringBuilder sb = new StringBuilder();
        metric.forEach((k, v) -> {
            if (!k.equals("__name__")) {
                sb.append(sb.length() == 0 ? "" : ",").append(k).append(':').append(v);
            }
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PromRange[%s %s, %d points]", file, metric, points.size());
    }
}
