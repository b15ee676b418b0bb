package dev.perfwarden.engine.model;

import java.util.Locale;
import java.util.Objects;

/**
 * What a finding's site costs in the profiles given: JSON {@code cost}. Shares are of the profile's total
 * (0.124 = 12.4 %); null when no such profile was given (0 means "given, and this site is not in it").
 *
 * @param cpuShare   CPU samples whose stack passes through the site (a line: the line itself, inlined
 *                   frames included; a function: its cumulative share)
 * @param allocShare bytes allocated (heap profile {@code alloc_space}) whose stack passes through the site
 * @param basis      what was measured: {@link Scope#LINE} the finding's own line, {@link Scope#FUNCTION} its
 *                   function, {@link Scope#NONE} nothing (no position, or no profile given)
 */
public record Cost(Double cpuShare, Double allocShare, Scope basis) {
    /** Nothing measured. */
    public static final Cost NONE = new Cost(null, null, Scope.NONE);

    public Cost {
        Objects.requireNonNull(basis, "basis");
        if (basis == Scope.NONE && (cpuShare != null || allocShare != null)) {
            throw new IllegalArgumentException("a cost measured on nothing has no shares");
        }
    }

    /** The larger of the two shares (0 when neither was measured): what findings are ranked by. */
    public double weight() {
        double w = 0;
        if (cpuShare != null) {
            w = Math.max(w, cpuShare);
        }
        if (allocShare != null) {
            w = Math.max(w, allocShare);
        }
        return w;
    }

    /** Whether any profile measured this site. */
    public boolean measured() {
        return basis != Scope.NONE;
    }

    /**
     * How the text report prints it: {@code cpu 12.4 %, alloc 3.0 % (line)}, {@code cpu 0 % (line)},
     * {@code (no profile)}.
     */
    public String format() {
        if (!measured()) {
            return "(no profile)";
        }
        StringBuilder sb = new StringBuilder();
        if (cpuShare != null) {
            sb.append("cpu ").append(pct(cpuShare));
        }
        if (allocShare != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("alloc ").append(pct(allocShare));
        }
        return sb.append(" (").append(basis.id()).append(')').toString();
    }

    /** {@code 12.4 %}; {@code 0 %} for nothing; shares below 0.05 % print as {@code <0.1 %}. */
    public static String pct(double share) {
        if (share == 0) {
            return "0 %";
        }
        if (share > 0 && share < 0.0005) {
            return "<0.1 %";
        }
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
