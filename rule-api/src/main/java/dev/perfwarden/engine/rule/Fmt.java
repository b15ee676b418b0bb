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

    /**
     * A measured value with six significant digits and no trailing zeros: {@code 182929}, {@code 2234}, {@code 32},
     * {@code 0.5}, {@code 1.74299e+06} (not {@code 32.0000} nor {@code 1.829e+05}).
     */
    public static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
