package dev.perfwarden.contracts.bench;

import java.util.Arrays;

/**
 * A sample's median and the distribution-free confidence interval of the median from order
 * statistics, as benchstat reports it ({@code ± x%}): the number of sample values below the
 * population median is binomial(n, ½); starting at its mode, the most probable neighbouring counts
 * are added (left first on ties) until the interval holds {@code confidence}. With too few values the
 * interval is unbounded (±∞), as benchstat's "need >= 6 samples for confidence interval at level 0.95".
 * Above 30 values the normal approximation with continuity correction is used.
 */
public record MedianCI(double median, double lo, double hi, double confidence) {
    static final int APPROX_THRESHOLD = 30;

    public static MedianCI of(double[] values, double confidence) {
        double[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        int l;
        int r;
        double accum;
        if (n <= APPROX_THRESHOLD) {
            int mode = (int) Math.ceil((n + 1) * 0.5) - 1;
            accum = pmf(n, mode);
            l = mode;
            r = mode + 1;
            double lp = pmf(n, l - 1);
            double rp = pmf(n, r);
            while (accum < confidence && (lp > 0 || rp > 0)) {
                if (lp >= rp) {
                    accum += lp;
                    l--;
                    lp = pmf(n, l - 1);
                } else {
                    accum += rp;
                    r++;
                    rp = pmf(n, r);
                }
            }
        } else {
            double mu = n * 0.5;
            double sd = Math.sqrt(n * 0.25);
            double l1 = mu + sd * inverseNormal((1 - confidence) / 2);
            double r1 = 2 * mu - l1;
            l = (int) Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
            r = (int) Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
            accum = MannWhitney.normalCdf((r - 0.5 - mu) / sd) - MannWhitney.normalCdf((l - 0.5 - mu) / sd);
        }
        double lo = l < 1 ? Double.NEGATIVE_INFINITY : x[l - 1];
        double hi = r - 1 >= n ? Double.POSITIVE_INFINITY : x[r - 1];
        return new MedianCI(median, lo, hi, accum);
    }

    /** benchstat's {@code ± x%}: the larger relative distance of a bound from the median; "∞" when unbounded. */
    public String pctRange() {
        if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
            return "∞";
        }
        if (Math.signum(median) != Math.signum(lo) || Math.signum(median) != Math.signum(hi)) {
            return "?";
        }
        if (median == 0) {
            return "0%";
        }
        return fixed(100 * Math.max(hi / median - 1, 1 - lo / median), 0) + "%";
    }

    /**
     * {@code v} with {@code decimals} digits as Go's {@code %.Nf} prints it: the exact binary value
     * rounded half to even ({@code String.format} rounds a decimal form half up: 36.5 gives 37, Go 36).
     */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        String t = new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return v < 0 && !t.startsWith("-") ? "-" + t : t; // Go keeps the sign of a negative value rounded to zero
    }

    static double pmf(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c * Math.pow(0.5, n);
    }

    /** Inverse standard normal CDF by bisection on {@link MannWhitney#normalCdf} (only used above 30 values). */
    static double inverseNormal(double p) {
        double a = -40;
        double b = 40;
        for (int i = 0; i < 200; i++) {
            double m = (a + b) / 2;
            if (MannWhitney.normalCdf(m) < p) {
                a = m;
            } else {
                b = m;
            }
        }
        return (a + b) / 2;
    }
}
