package dev.perfwarden.contracts.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two-sided Mann-Whitney U test as benchstat runs it (golang.org/x/perf/benchmath's
 * {@code AssumeNothing.Compare} over go-moremath's {@code MannWhitneyUTest}): the exact null
 * distribution of U for up to 50 values per sample without ties, or 25 with ties (the distribution
 * then depends on the tie structure), the normal approximation with tie and continuity correction
 * above that. Samples that are all one value have no test: {@link Result#allEqual()}, p = 1.
 */
public final class MannWhitney {
    static final int EXACT_LIMIT = 50;
    static final int TIES_EXACT_LIMIT = 25;

    private MannWhitney() {
    }

    /** {@code u} is U of the first sample; {@code p} the two-sided p-value. */
    public record Result(int n1, int n2, double u, double p, boolean allEqual) {
    }

    public static Result test(double[] x1, double[] x2) {
        int n1 = x1.length;
        int n2 = x2.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("a sample is empty");
        }
        int n = n1 + n2;
        double[] v = new double[n];
        boolean[] first = new boolean[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(a < n1 ? x1[a] : x2[a - n1], b < n1 ? x1[b] : x2[b - n1]));
        for (int i = 0; i < n; i++) {
            v[i] = idx[i] < n1 ? x1[idx[i]] : x2[idx[i] - n1];
            first[i] = idx[i] < n1;
        }
        double r1 = 0;
        List<Integer> ties = new ArrayList<>();
        boolean hasTies = false;
        for (int i = 0; i < n; ) {
            int start = i;
            int inFirst = 0;
            while (i < n && v[i] == v[start]) {
                if (first[i]) {
                    inFirst++;
                }
                i++;
            }
            r1 += (start + 1 + i) / 2.0 * inFirst; // mid-rank of positions start+1 .. i
            ties.add(i - start);
            hasTies |= i - start > 1;
        }
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double small = Math.min(u1, u2);
        if ((!hasTies && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) || (hasTies && n1 <= TIES_EXACT_LIMIT && n2 <= TIES_EXACT_LIMIT)) {
            if (ties.size() == 1) {
                return new Result(n1, n2, u1, 1, true);
            }
            double p = u1 == u2 ? 1 : 2 * exactCdf(n1, n2, ties, small);
            return new Result(n1, n2, u1, Math.min(1, p), false);
        }
        double t = 0;
        for (int k : ties) {
            t += (double) k * k * k - k;
        }
        double mu = (double) n1 * n2 / 2;
        double sigma = Math.sqrt((double) n1 * n2 * ((n + 1) - t / ((double) n * (n - 1))) / 12);
        if (sigma == 0) {
            return new Result(n1, n2, u1, 1, true);
        }
        double numer = u1 - mu;
        numer -= Math.signum(numer) * 0.5;
        double z = numer / sigma;
        double p = 2 * Math.min(normalCdf(z), 1 - normalCdf(z));
        return new Result(n1, n2, u1, p, false);
    }

    /**
     * P(U ≤ u) under the null hypothesis for samples of n1 and n2 values whose pooled order has tie
     * groups of the given sizes: every choice of n1 of the n positions is equally likely; a tie
     * group contributes its mid-rank per chosen member. Counted by dynamic programming over the
     * groups on twice the rank sum (mid-ranks are halves).
     */
    static double exactCdf(int n1, int n2, List<Integer> ties, double u) {
        int n = n1 + n2;
        int maxS = n * (n + 1); // twice the largest rank sum
        double[][] ways = new double[n1 + 1][maxS + 1];
        ways[0][0] = 1;
        int pos = 0;
        for (int t : ties) {
            int twiceMid = 2 * pos + t + 1;
            double[][] next = new double[n1 + 1][maxS + 1];
            for (int k = 0; k <= n1; k++) {
                for (int s = 0; s <= maxS; s++) {
                    if (ways[k][s] == 0) {
                        continue;
                    }
                    double c = 1;
                    for (int j = 0; j <= t && k + j <= n1; j++) {
                        if (j > 0) {
                            c = c * (t - j + 1) / j;
                        }
                        int s2 = s + j * twiceMid;
                        if (s2 <= maxS) {
                            next[k + j][s2] += ways[k][s] * c;
                        }
                    }
                }
            }
            ways = next;
            pos += t;
        }
        double total = 0;
        double below = 0;
        double limit = 2 * (u + n1 * (n1 + 1) / 2.0) + 1e-9;
        for (int s = 0; s <= maxS; s++) {
            total += ways[n1][s];
            if (s <= limit) {
                below += ways[n1][s];
            }
        }
        return below / total;
    }

    /** The smallest two-sided p-value samples of these sizes can reach (no ties): 2 / C(n1+n2, n1). */
    public static double minP(int n1, int n2) {
        double c = 1;
        for (int i = 1; i <= Math.min(n1, n2); i++) {
            c = c * (n1 + n2 - Math.min(n1, n2) + i) / i;
        }
        return Math.min(1, 2 / c);
    }

    /** Standard normal CDF, from erfc (W. J. Cody's rational approximations via Numerical Recipes' erfc, |ε| < 1.2e-7). */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
