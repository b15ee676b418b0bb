package dev.perfwarden.engine.frontend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the known names or sentences nearest to what an author wrote (edit distance, case ignored). */
public final class Nearest {
    private Nearest() {
    }

    /** Up to {@code max} of {@code known} nearest to {@code got}, nearest first (ties by name). */
    public static List<String> to(String got, Collection<String> known, int max) {
        String g = got.toLowerCase(Locale.ROOT);
        List<String> sorted = new ArrayList<>(known);
        sorted.sort(Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT)))
                .thenComparing(k -> k));
        return List.copyOf(sorted.subList(0, Math.min(max, sorted.size())));
    }

    /** The one name close enough to be a typo of {@code got} (at most a third of its letters differ), or null. */
    public static String typo(String got, Collection<String> known) {
        List<String> best = to(got, known, 1);
        if (best.isEmpty()) {
            return null;
        }
        int d = distance(got.toLowerCase(Locale.ROOT), best.get(0).toLowerCase(Locale.ROOT));
        return d > 0 && d <= Math.max(1, got.length() / 3) ? best.get(0) : null;
    }

    /** Levenshtein distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
