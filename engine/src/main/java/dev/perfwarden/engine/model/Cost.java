package dev.perfwarden.engine.model;

import java.util.Locale;
import java.util.Objects;

/**
 * What a finding's site costs in the profiles given: JSON {@code cost}. Shares are of the profile's total
 * (0.124 = 12.4 %); null when no such profile was given or the rule is not weighed by it ({@code @cost}), 0
 * when the site is not in it.
 *
 * @param cpuShare   CPU samples measured on the site (see {@code measure})
 * @param allocShare bytes allocated (heap profile {@code alloc_space}) measured on the site
 * @param basis      what was measured: {@link Scope#LINE} the finding's own line, {@link Scope#FUNCTION} its
 *                   function, {@link Scope#INSTRUCTION} the machine instructions the finding names (their flat
 *                   CPU samples, a {@code CALL}'s cum for a {@code cum} measure; bytes stay the line's),
 *                   {@link Scope#NONE} nothing (no position, or no profile given)
 * @param measure    {@code self}: the line's own work (samples whose innermost frame outside the Go runtime is
 *                   the line; bytes it allocates itself); {@code cum}: the line or function and everything it
 *                   calls; {@code ""} when nothing was measured
 * @param profiles   the profile files the shares are of, when several profiles of their sample type were given
 *                   (one test binary's, see docs/rules.md "Several test binaries"): the CPU profile's, then the heap
 *                   profile's; empty when each share is of the only profile of its type
 * @param benchmark  the site's largest CPU share within one benchmark of a {@code go test -bench} profile, measured on
 *                   the same samples as {@code cpuShare} (basis {@code instruction} only); null when not known
 */
public record Cost(Double cpuShare, Double allocShare, Scope basis, String measure, java.util.List<String> profiles,
                   BenchmarkShare benchmark) {
    /** Nothing measured. */
    public static final Cost NONE = new Cost(null, null, Scope.NONE, "");

    /** A cost with no share known by benchmark. */
    public Cost(Double cpuShare, Double allocShare, Scope basis, String measure, java.util.List<String> profiles) {
        this(cpuShare, allocShare, basis, measure, profiles, null);
    }

    /** A cost whose shares are of the only profile of their type. */
    public Cost(Double cpuShare, Double allocShare, Scope basis, String measure) {
        this(cpuShare, allocShare, basis, measure, java.util.List.of());
    }

    /** A cost measured as {@code cum} (a function's share), or nothing. */
    public Cost(Double cpuShare, Double allocShare, Scope basis) {
        this(cpuShare, allocShare, basis, basis == Scope.NONE ? "" : "cum");
    }

    public Cost {
        Objects.requireNonNull(basis, "basis");
        measure = measure == null ? "" : measure;
        profiles = profiles == null ? java.util.List.of() : java.util.List.copyOf(profiles);
        if (basis == Scope.NONE && (cpuShare != null || allocShare != null)) {
            throw new IllegalArgumentException("a cost measured on nothing has no shares");
        }
        if (basis != Scope.NONE && !measure.equals("self") && !measure.equals("cum")) {
            throw new IllegalArgumentException("a measured cost is self or cum, not '" + measure + "'");
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
     * How the text report prints it: {@code cpu 12.4 %, alloc 3.0 % (line)}, {@code cpu 30.1 % (line, cum)},
     * {@code cpu 0 % (function)}, {@code cpu 0.6 % (instruction)}, {@code cpu 3.9 % (instruction, cum)}, {@code (no profile)}. A line's own cost is the default and is not named.
     * With several profiles of a type, the ones the shares are of follow: {@code alloc 94.2 % (line, cum, mem-1.pprof)}.
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
        sb.append(" (").append(basis.id());
        if ((basis == Scope.LINE || basis == Scope.INSTRUCTION) && measure.equals("cum")) {
            sb.append(", cum");
        }
        for (String p : profiles) {
            sb.append(", ").append(p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1));
        }
        return sb.append(')').toString();
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
