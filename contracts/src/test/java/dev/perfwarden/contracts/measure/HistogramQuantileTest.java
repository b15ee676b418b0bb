package dev.perfwarden.contracts.measure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** histogram_quantile's interpolation, by hand: the cases promql/quantile.go distinguishes. */
class HistogramQuantileTest {
    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void interpolatesInsideTheBucket() {
        // 100 observations: 50 ≤ 0.1, 90 ≤ 0.5, 100 ≤ 1
        Map<Double, Double> b = Map.of(0.1, 50.0, 0.5, 90.0, 1.0, 100.0, INF, 100.0);
        assertThat(HistogramQuantile.of(0.5, b)).isCloseTo(0.1, within(1e-12));
        assertThat(HistogramQuantile.of(0.7, b)).isCloseTo(0.1 + 0.4 * (20.0 / 40), within(1e-12));
        assertThat(HistogramQuantile.of(0.25, b)).isCloseTo(0.05, within(1e-12)); // first bucket starts at 0
        assertThat(HistogramQuantile.of(0.95, b)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void rankInTheInfBucketGivesTheLargestFiniteBound() {
        assertThat(HistogramQuantile.of(0.99, Map.of(0.1, 50.0, 1.0, 90.0, INF, 100.0))).isEqualTo(1.0);
    }

    @Test
    void noInfBucketOrNoObservationsIsNaN() {
        assertThat(HistogramQuantile.of(0.5, Map.of(0.1, 5.0, 1.0, 9.0))).isNaN();
        assertThat(HistogramQuantile.of(0.5, Map.of(0.1, 0.0, INF, 0.0))).isNaN();
    }

    @Test
    void nonMonotonicCountsAreRepaired() {
        assertThat(HistogramQuantile.of(0.5, Map.of(0.1, 10.0, 0.2, 8.0, INF, 20.0)))
                .isEqualTo(HistogramQuantile.of(0.5, Map.of(0.1, 10.0, 0.2, 10.0, INF, 20.0)));
    }
}
