package dev.perfwarden.contracts.measure;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code histogram_quantile(q, …)} as Prometheus computes it over classic cumulative buckets
 * (promql/quantile.go's bucketQuantile): buckets sorted by upper bound, a {@code +Inf} bucket
 * required, counts made monotonic, the rank {@code q × count} located in its bucket and
 * interpolated linearly inside it (the lowest bucket starting at 0 when its bound is positive); a
 * rank in the {@code +Inf} bucket gives the largest finite bound. NaN when there is no +Inf bucket,
 * fewer than two buckets or no observations.
 */
public final class HistogramQuantile {
    private HistogramQuantile() {
    }

    public static double of(double q, Map<Double, Double> cumulativeByUpperBound) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        TreeMap<Double, Double> b = new TreeMap<>(cumulativeByUpperBound);
        if (b.size() < 2 || !b.lastKey().isInfinite()) {
            return Double.NaN;
        }
        double[] ub = new double[b.size()];
        double[] c = new double[b.size()];
        int i = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Double, Double> e : b.entrySet()) {
            ub[i] = e.getKey();
            max = Math.max(max, e.getValue());
            c[i] = max; // monotonic counts, as Prometheus repairs them
            i++;
        }
        double total = c[c.length - 1];
        if (total == 0 || Double.isNaN(total)) {
            return Double.NaN;
        }
        double rank = q * total;
        int k = 0;
        while (k < c.length - 1 && c[k] < rank) {
            k++;
        }
        if (k == c.length - 1) {
            return ub[c.length - 2];
        }
        if (k == 0 && ub[0] <= 0) {
            return ub[0];
        }
        double start = 0;
        double end = ub[k];
        double count = c[k];
        if (k > 0) {
            start = ub[k - 1];
            count -= c[k - 1];
            rank -= c[k - 1];
        }
        return start + (end - start) * (rank / count);
    }
}
