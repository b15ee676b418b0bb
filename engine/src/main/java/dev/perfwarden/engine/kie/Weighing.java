package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.PackRef;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns hits into findings for the engine prelude ({@code prelude.drl}); knows no rule. Every finding gets
 * its {@link Cost}: what its site costs in the CPU profile ({@code cpu}) and the heap profile
 * ({@code alloc_space}) given, measured on its <em>basis</em>:
 * <ul>
 *   <li>a rule of scope {@code line} whose hit has a file and line: that line ({@link LineCost}, the samples
 *       whose stack passes through it, inlined frames included), never its function: a cold line in a hot
 *       function stays cold;</li>
 *   <li>scope {@code function} (or a line-scoped hit without a line): the function's cumulative share
 *       ({@link HotFunction});</li>
 *   <li>scope {@code none}: not weighed, but the cost is still measured on the finest place the hit names
 *       (line, else function) so that findings can be ranked.</li>
 * </ul>
 * Severity, for scopes line and function:
 * <ul>
 *   <li>hot (cpu cum ≥ {@code hot.line.cumShare} or cpu flat ≥ {@code hot.line.flatShare} for a line, cpu cum
 *       ≥ {@code hot.function.cumShare} for a function; or, with a heap profile, alloc ≥
 *       {@code hot.alloc.share}): the rule's {@code @hotSeverity}, default one level up, and the profile line as
 *       evidence;</li>
 *   <li>not hot, with a CPU profile: {@code note};</li>
 *   <li>no CPU profile, or nothing to measure: the rule's {@code @severity}.</li>
 * </ul>
 * So a severity above the rule's own is only given where the cost was measured on that very site.
 */
public final class Weighing {
    /** The sample type of CPU profiles. */
    public static final String CPU = "cpu";
    /** The sample type of heap profiles that {@code allocShare} reads: bytes allocated. */
    public static final String ALLOC = "alloc_space";

    private Weighing() {
    }

    /** The four thresholds, read from the pack's (or the engine's default) parameters. */
    public record Thresholds(double functionCum, double lineFlat, double lineCum, double alloc) {
    }

    /**
     * Weighs one hit.
     *
     * @param profiles  the {@link ProfileSummary} facts (tells which profiles were given)
     * @param functions the {@link HotFunction}s of the hit's symbol (any sample type)
     * @param lines     the {@link LineCost}s of the hit's file and line (any sample type)
     */
    public static Finding weigh(Hit h, PackRef pack, Thresholds t, Collection<?> profiles, Collection<?> functions,
                                Collection<?> lines) {
        boolean cpu = false;
        boolean heap = false;
        for (Object o : profiles) {
            if (o instanceof ProfileSummary s) {
                cpu |= s.sampleType().equals(CPU);
                heap |= s.sampleType().equals(ALLOC);
            }
        }
        Scope basis = basis(h, cpu || heap);
        List<Evidence> ev = new ArrayList<>(h.evidence());
        if (basis == Scope.NONE) {
            return finding(h, pack, h.severity(), ev, Cost.NONE);
        }
        boolean line = basis == Scope.LINE;
        Measure c = best(line ? lines : functions, CPU);
        Measure a = best(line ? lines : functions, ALLOC);
        Cost cost = new Cost(cpu ? c.cum() : null, heap ? a.cum() : null, basis);
        boolean cpuHot = line ? c.cum() >= t.lineCum() || c.flat() >= t.lineFlat() : c.cum() >= t.functionCum();
        boolean hot = cpu && cpuHot || heap && a.cum() >= t.alloc();
        Evidence measured = new Evidence("pprof", measuredText(line ? h.file() + ":" + h.line() : h.symbol(), c, a),
                null);
        Severity severity;
        if (h.scope() == Scope.NONE) {
            severity = h.severity();
        } else if (hot) {
            severity = h.hotSeverity() != null ? h.hotSeverity() : h.severity().raise();
            ev.add(measured);
        } else if (cpu) {
            severity = Severity.NOTE;
        } else {
            severity = h.severity();
        }
        return finding(h, pack, severity, ev, cost);
    }

    /** What a hit's cost is measured on (see the class comment). */
    static Scope basis(Hit h, boolean profiled) {
        if (!profiled) {
            return Scope.NONE;
        }
        boolean hasLine = !h.file().isEmpty() && h.line() > 0;
        if ((h.scope() == Scope.LINE || h.scope() == Scope.NONE) && hasLine) {
            return Scope.LINE;
        }
        return h.symbol().isEmpty() ? Scope.NONE : Scope.FUNCTION;
    }

    /** A profile's shares for one site; {@code found} false when the site is not in that profile. */
    private record Measure(boolean found, double flat, double cum) {
    }

    /** The site's {@link LineCost} or {@link HotFunction} of {@code sampleType} with the highest cum share. */
    private static Measure best(Collection<?> facts, String sampleType) {
        Measure best = new Measure(false, 0, 0);
        for (Object o : facts) {
            Measure m = null;
            if (o instanceof LineCost l && l.sampleType().equals(sampleType)) {
                m = new Measure(true, l.flatShare(), l.cumShare());
            } else if (o instanceof HotFunction f && f.sampleType().equals(sampleType)) {
                m = new Measure(true, f.flatShare(), f.cumShare());
            }
            if (m != null && (!best.found() || m.cum() > best.cum())) {
                best = m;
            }
        }
        return best;
    }

    private static Finding finding(Hit h, PackRef pack, Severity severity, List<Evidence> ev, Cost cost) {
        return Finding.of(h.rule(), pack.label(), severity, h.symbol(), h.file(), h.line(), h.col(), h.message(), ev)
                .withCost(cost);
    }

    /** {@code where: flat 1.0 %, cum 2.0 % of cpu samples; cum 3.0 % of alloc_space} (parts found only). */
    private static String measuredText(String where, Measure c, Measure a) {
        StringBuilder sb = new StringBuilder(where).append(':');
        if (c.found()) {
            sb.append(" flat ").append(Cost.pct(c.flat())).append(", cum ").append(Cost.pct(c.cum()))
                    .append(" of cpu samples");
        }
        if (a.found()) {
            sb.append(c.found() ? ";" : "").append(" cum ").append(Cost.pct(a.cum())).append(" of alloc_space");
        }
        return sb.toString();
    }
}
