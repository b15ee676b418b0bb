package dev.perfwarden.engine.restrict;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * How many alternatives a rule's conditions become when Drools builds its rule base: its {@code LogicTransformer}
 * rewrites every {@code or} into separate subrules (disjunctive normal form), so {@code (A or B) (C or D)} is four
 * rules and twenty such groups are 2^20 (attack probe 06: minutes of CPU at rule-base build, outside every session
 * limit, then out of memory, exit 70). Counted on Drools' own descriptors before anything is compiled: an {@code or}
 * adds its branches' counts, every other element (and, not, exists, forall, a pattern with the input of its
 * {@code collect} or {@code accumulate}) multiplies its parts'. Counting {@code not}/{@code exists} like {@code and}
 * over-counts where Drools keeps an {@code or} inside them as one element, which only makes the bound stricter.
 */
final class LhsAlternatives {
    /** The most alternatives one rule's conditions may expand to in restricted mode. */
    static final long MAX = 64;
    /**
     * The most alternatives all rules and queries of one pack may expand to (attack2 probe 06: 3,000 queries at 64
     * each, 192,000 subrules, built for minutes until the heap ran out).
     */
    static final long MAX_PER_PACK = 4096;

    private LhsAlternatives() {
    }

    /**
     * Refuses {@code r} when its conditions expand to more than {@link #MAX} alternatives, at the line of the
     * condition that takes the count over it; returns the count.
     */
    static long check(RestrictedChecker c, RuleDescr r) {
        int[] over = {-1}; // the line of the first condition that takes a count over the bound
        long n = count(r.getLhs(), over);
        if (n > MAX) {
            int line = over[0] > 0 ? over[0] : r.getLine();
            c.problemAtLine(line, 0, "the conditions of " + (r.isQuery() ? "query " : "rule ") + r.getName()
                    + " expand to " + (n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(n))
                    + " alternatives (each 'or' splits the rule in two for every alternative of the conditions beside"
                    + " it): not allowed, at most " + MAX + "; write the"
                    + " alternatives as constraints of one pattern ('line == 1 || line == 2', 'line in (1, 2)') or as"
                    + " separate rules");
        }
        return n;
    }

    /** The alternatives of {@code d}, saturating at {@code Long.MAX_VALUE}; records where a count first passes the bound. */
    static long count(BaseDescr d, int[] over) {
        if (d == null) {
            return 1;
        }
        long n;
        if (d instanceof OrDescr or) {
            n = 0;
            for (BaseDescr b : or.getDescrs()) {
                n = passes(n, add(n, count(b, over)), b, over);
            }
            n = Math.max(n, 1);
        } else if (d instanceof ConditionalElementDescr ce) {
            n = 1;
            for (Object o : ce.getDescrs()) {
                n = o instanceof BaseDescr b ? passes(n, times(n, count(b, over)), b, over) : n;
            }
        } else if (d instanceof PatternDescr p && p.getSource() != null) {
            BaseDescr source = p.getSource();
            n = source instanceof CollectDescr col ? count(col.getInputPattern(), over)
                    : source instanceof AccumulateDescr acc ? count(acc.getInput(), over) : 1;
        } else {
            n = 1;
        }
        return n;
    }

    /** {@code after}; the line of {@code b} is recorded when adding it took the count over the bound. */
    private static long passes(long before, long after, BaseDescr b, int[] over) {
        if (before <= MAX && after > MAX && over[0] < 0) {
            over[0] = b.getLine();
        }
        return after;
    }

    static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
