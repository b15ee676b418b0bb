package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.PackRef;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.HotLine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns hits into findings for the engine prelude ({@code prelude.drl}); knows no rule.
 *
 * <ul>
 *   <li>scope none: the rule's severity, message unchanged;</li>
 *   <li>no CPU profile: the rule's severity, message + {@code " (no profile given)"};</li>
 *   <li>CPU profile, hot (function cumShare ≥ {@code hot.function.cumShare}, or for line scope the line's
 *       flatShare ≥ {@code hot.line.flatShare}): the rule's {@code @hotSeverity} (default one level up),
 *       message + {@code " — 12.4 % of CPU samples in main.f"}, and the profile line as evidence;</li>
 *   <li>CPU profile, not hot: note, message + {@code " (cold: …)"}.</li>
 * </ul>
 */
public final class Weighing {
    private Weighing() {
    }

    public static Finding unweighed(Hit h, PackRef pack) {
        return finding(h, pack, h.severity(), h.message(), h.evidence());
    }

    public static Finding noProfile(Hit h, PackRef pack) {
        return finding(h, pack, h.severity(), h.message() + " (no profile given)", h.evidence());
    }

    public static Finding weighed(Hit h, PackRef pack, double functionThreshold, double lineThreshold,
                                  Collection<?> hotFunctions, Collection<?> hotLines) {
        HotFunction fn = null;
        for (Object o : hotFunctions) {
            if (o instanceof HotFunction f && (fn == null || f.cumShare() > fn.cumShare())) {
                fn = f;
            }
        }
        HotLine ln = null;
        if (h.scope() == Scope.LINE && h.line() > 0) {
            for (Object o : hotLines) {
                if (o instanceof HotLine l && (ln == null || l.flatShare() > ln.flatShare())) {
                    ln = l;
                }
            }
        }
        boolean lineHot = ln != null && ln.flatShare() >= lineThreshold;
        boolean fnHot = fn != null && fn.cumShare() >= functionThreshold;
        List<Evidence> ev = new ArrayList<>(h.evidence());
        if (lineHot) {
            ev.add(new Evidence("pprof", lineText(ln), null));
            return finding(h, pack, hot(h), h.message() + " — " + pct(ln.flatShare()) + " of CPU samples at "
                    + ln.file() + ":" + ln.line(), ev);
        }
        if (fnHot) {
            ev.add(new Evidence("pprof", functionText(fn), null));
            return finding(h, pack, hot(h), h.message() + " — " + pct(fn.cumShare()) + " of CPU samples in "
                    + fn.symbol(), ev);
        }
        String why;
        if (fn == null && ln == null) {
            why = "not in the CPU profile";
        } else if (fn != null) {
            why = pct(fn.cumShare()) + " of CPU samples in " + fn.symbol();
        } else {
            why = pct(ln.flatShare()) + " of CPU samples at " + ln.file() + ":" + ln.line();
        }
        return finding(h, pack, Severity.NOTE, h.message() + " (cold: " + why + ")", h.evidence());
    }

    private static Severity hot(Hit h) {
        return h.hotSeverity() != null ? h.hotSeverity() : h.severity().raise();
    }

    private static Finding finding(Hit h, PackRef pack, Severity severity, String message, List<Evidence> ev) {
        return Finding.of(h.rule(), pack.label(), severity, h.symbol(), h.file(), h.line(), h.col(), message, ev);
    }

    /** {@code 12.4 %}; shares below 0.05 % print as {@code <0.1 %}. */
    static String pct(double share) {
        if (share > 0 && share < 0.0005) {
            return "<0.1 %";
        }
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String functionText(HotFunction f) {
        return f.symbol() + ": flat " + pct(f.flatShare()) + ", cum " + pct(f.cumShare()) + " of " + f.sampleType()
                + " samples";
    }

    private static String lineText(HotLine l) {
        return l.file() + ":" + l.line() + " (" + l.symbol() + "): flat " + pct(l.flatShare()) + ", cum "
                + pct(l.cumShare()) + " of " + l.sampleType() + " samples";
    }
}
