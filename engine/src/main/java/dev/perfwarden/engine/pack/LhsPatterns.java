package dev.perfwarden.engine.pack;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.function.Predicate;

/**
 * The one walk over a rule's conditions as Drools' DRL parser gives them: every pattern, inside {@code and}, {@code or},
 * {@code not}, {@code exists}, {@code forall}, and the input pattern of an {@code accumulate} or {@code collect}; and
 * the one parse of a pattern's constraint with Drools' own expression parser. Restricted mode's bindings
 * ({@code LhsBindings}) and the vocabulary check read rules through it.
 */
public final class LhsPatterns {
    private LhsPatterns() {
    }

    /**
     * Calls {@code visit} on every pattern in {@code d}, outer first; it returns whether to go on into that pattern's
     * {@code accumulate}/{@code collect} input.
     */
    public static void each(BaseDescr d, Predicate<PatternDescr> visit) {
        if (d instanceof PatternDescr p) {
            if (!visit.test(p)) {
                return;
            }
            if (p.getSource() instanceof AccumulateDescr a) {
                each(a.getInput(), visit);
            } else if (p.getSource() instanceof CollectDescr c) {
                each(c.getInputPattern(), visit);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (Object o : ce.getDescrs()) {
                if (o instanceof BaseDescr b) {
                    each(b, visit);
                }
            }
        }
    }

    /** A constraint's tree from Drools' expression parser, or null when it does not parse (Drools reports that). */
    public static ConstraintConnectiveDescr constraint(String expr) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr tree = parser.parse(expr);
        return tree == null || parser.hasErrors() ? null : tree;
    }
}
