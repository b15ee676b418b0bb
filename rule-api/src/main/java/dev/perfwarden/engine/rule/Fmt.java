package dev.perfwarden.engine.rule;

import java.util.Locale;

/**
 * Number formats for finding messages, the same in every rule and every locale. Allowed in restricted mode:
 * pure functions of their arguments.
 */
public final class Fmt {
    private Fmt() {
    }

    /** A share (0.123) as a percentage with one decimal: {@code "12.3 %"}. */
    public static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** As {@link #pct(double)}, for a number bound in a pattern (a {@code Param} value, an accumulate result). */
    public static String pct(Number share) {
        return pct(share.doubleValue());
    }
}
