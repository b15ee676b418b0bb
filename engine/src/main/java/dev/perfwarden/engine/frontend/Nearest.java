package dev.perfwarden.engine.frontend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean": the known names or sentences nearest to what an author wrote. The one edit-distance
 * helper of perfwarden: YAML policy keys and fields, DSL sentences, restricted-mode field and method
 * typos all use it. Distance is optimal string alignment (insertions, deletions, substitutions and
 * adjacent swaps cost 1), case ignored.
 */
public final class Nearest {
    private Nearest() {
    }

    /** Up to {@code max} of {@code known} nearest to {@code got}, nearest first (ties by name). */
    public static List<String> to(String got, Collection<String> known, int max) {
        String g = got.toLowerCase(Locale.ROOT);
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(known));
        sorted.sort(Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT)))
                .thenComparing(k -> k));
        return List.copyOf(sorted.subList(0, Math.min(max, sorted.size())));
    }

    /** The one name close enough to be a typo of {@code got} (at most a third of its letters differ), or null. */
    public static String typo(String got, Collection<String> known) {
        return typo(got, known, Integer.MAX_VALUE);
    }

    /**
     * The one name close enough to be a typo of {@code got}: at most a third of its letters (at least 1) and at
     * most {@code cap} edits differ, case ignored; null when there is none or it is {@code got} itself.
     */
    public static String typo(String got, Collection<String> known, int cap) {
        List<String> best = to(got, known, 1);
        if (best.isEmpty() || best.get(0).equals(got)) {
            return null;
        }
        int d = distance(got.toLowerCase(Locale.ROOT), best.get(0).toLowerCase(Locale.ROOT));
        return d <= Math.min(cap, Math.max(1, got.length() / 3)) ? best.get(0) : null;
    }

    /** {@code " (did you mean 'x'?)"} for {@link #typo(String, Collection, int)}, else "". */
    public static String didYouMean(String got, Collection<String> known, int cap) {
        String t = typo(got, known, cap);
        return t == null ? "" : " (did you mean '" + t + "'?)";
    }

    /**
     * The one message for a literal outside a field's closed vocabulary, in a YAML policy as in a DRL or DSL rule:
     * {@code 'x' is not a value of W (did you mean 'y'?); known values: a, b, ...} with the known values nearest
     * first (the condition would silently never match, or always: the front-ends refuse it).
     */
    public static String notAValue(String got, String where, Collection<String> known) {
        return "'" + got + "' is not a value of " + where + didYouMean(got, known, 2) + "; known values, closest first: "
                + String.join(", ", to(got, known, known.size()));
    }

    /** Optimal string alignment distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
