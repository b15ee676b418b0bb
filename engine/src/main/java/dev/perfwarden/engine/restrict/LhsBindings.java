package dev.perfwarden.engine.restrict;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.Set;
import java.util.function.Predicate;

/** The variables a rule's conditions bind, so that its consequence's names resolve as javac would resolve them. */
final class LhsBindings {
    private LhsBindings() {
    }

    /** Names bound anywhere in the LHS: pattern identifiers, {@code $x : field}, accumulate results. */
    static void collect(BaseDescr d, Set<String> vars, Predicate<String> queryCall) {
        if (d == null) {
            return;
        }
        if (d instanceof PatternDescr p) {
            if (p.getIdentifier() != null) {
                vars.add(p.getIdentifier());
            }
            if (p.isQuery() || p.getObjectType() != null && queryCall.test(p.getObjectType())) {
                // a query call's unbound $variable arguments are its outputs: param("x", $min;)
                for (BaseDescr c : p.getDescrs()) {
                    String a = c instanceof ExprConstraintDescr e && e.getExpression() != null
                            ? e.getExpression().strip() : "";
                    if (a.startsWith("$") && JavaAllowList.identifier(a)) {
                        vars.add(a);
                    }
                }
                return;
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    bindings(e.getExpression(), vars);
                }
            }
            if (p.getSource() instanceof AccumulateDescr a) {
                for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
                    if (f.getBind() != null) {
                        vars.add(f.getBind());
                    }
                }
                collect(a.getInput(), vars, queryCall);
            } else if (p.getSource() instanceof CollectDescr c) {
                collect(c.getInputPattern(), vars, queryCall);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (Object o : ce.getDescrs()) {
                if (o instanceof BaseDescr b) {
                    collect(b, vars, queryCall);
                }
            }
        }
    }

    /** The variables a constraint binds ({@code $x : field}), from Drools' constraint parser. */
    private static void bindings(String expr, Set<String> vars) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr tree = parser.parse(expr);
        if (tree != null && !parser.hasErrors()) {
            bindingsOf(tree, vars);
        }
    }

    private static void bindingsOf(BaseDescr d, Set<String> vars) {
        if (d instanceof BindingDescr b) {
            vars.add(b.getVariable());
        } else if (d instanceof ConstraintConnectiveDescr cc) {
            cc.getDescrs().forEach(x -> bindingsOf(x, vars));
        } else if (d instanceof RelationalExprDescr r) {
            bindingsOf(r.getLeft(), vars);
            bindingsOf(r.getRight(), vars);
        }
    }

}
