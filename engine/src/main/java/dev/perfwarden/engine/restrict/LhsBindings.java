package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.LhsPatterns;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/** The variables a rule's conditions bind, so that its consequence's names resolve as javac would resolve them. */
final class LhsBindings {
    private LhsBindings() {
    }

    /**
     * Names bound anywhere in the LHS: pattern identifiers, {@code $x : field}, accumulate results. A name that
     * Drools rewrites or binds itself ({@link DroolsNames#RESERVED_NAMES}) goes to {@code reserved} with the line
     * of its pattern.
     */
    static void collect(BaseDescr d, Set<String> vars, Predicate<String> queryCall,
                        BiConsumer<String, Integer> reserved) {
        LhsPatterns.each(d, p -> {
            Set<String> bound = new TreeSet<>();
            collect(p, bound, queryCall);
            bound.stream().filter(DroolsNames.RESERVED_NAMES::contains).forEach(n -> reserved.accept(n, p.getLine()));
            vars.addAll(bound);
            return !p.isQuery() && (p.getObjectType() == null || !queryCall.test(p.getObjectType()));
        });
    }

    private static void collect(PatternDescr p, Set<String> vars, Predicate<String> queryCall) {
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
                ConstraintConnectiveDescr tree = LhsPatterns.constraint(e.getExpression());
                if (tree != null) {
                    bindingsOf(tree, vars);
                }
            }
        }
        if (p.getSource() instanceof AccumulateDescr a) {
            for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
                if (f.getBind() != null) {
                    vars.add(f.getBind());
                }
            }
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

    /**
     * The type of every pattern bound by name ({@code $c : Carrier()} → {@code Carrier}), for {@link ReceiverTypes}:
     * a binding whose type is not here (a field binding, an accumulate result) is of unknown type.
     */
    static void patternTypes(BaseDescr d, java.util.Map<String, String> types) {
        types.clear();
        LhsPatterns.each(d, p -> {
            if (p.getIdentifier() != null && p.getObjectType() != null && !p.isQuery()) {
                types.merge(p.getIdentifier(), p.getObjectType(), (a, b) -> a.equals(b) ? a : "?");
            }
            return true;
        });
        types.values().removeIf("?"::equals);
    }

    /** A function's parameter names → their types as written. */
    static java.util.Map<String, String> parameterTypes(java.util.List<String> names, java.util.List<String> types) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < names.size() && i < types.size(); i++) {
            m.put(names.get(i), types.get(i).strip());
        }
        return m;
    }
}
