package dev.perfwarden.engine.rule;

import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;
import org.drools.model.Drools;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The helper rule consequences call to report a match. It reads the rule id, severity, hot severity,
 * scope and cost ({@code @cost}, see {@link CostSpec}) from the firing rule's metadata and the pack from the rule's package, so a rule writes no
 * reporting code:
 * <pre>{@code
 * then
 *     insert(Hits.hit(drools, $esc, "x escapes to heap", $esc, $call));
 * }</pre>
 * Evidence arguments may be {@link Evidence} values, facts with a public {@code evidence()} accessor
 * returning an {@code Evidence} or a collection of them, or collections/arrays of those; nulls are skipped.
 * Stateless: all it needs comes from {@code drools}.
 */
public final class Hits {
    private static final ClassValue<Optional<Method>> EVIDENCE_ACCESSOR = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method m = type.getMethod("evidence");
                if (Modifier.isStatic(m.getModifiers())) {
                    return Optional.empty();
                }
                m.setAccessible(true);
                return Optional.of(m);
            } catch (NoSuchMethodException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };

    private Hits() {
    }

    /** A hit at {@code at} (its symbol, file, line, col), weighed by the rule's {@code @scope} (default line). */
    public static Hit hit(RuleContext drools, Located at, String message, Object... evidence) {
        return hit(drools, null, at, message, evidence);
    }

    /** As {@link #hit(RuleContext, Located, String, Object...)}, with the scope given here instead of {@code @scope}. */
    public static Hit hit(RuleContext drools, Scope scope, Located at, String message, Object... evidence) {
        return at(drools, scope, at.symbol(), at.file(), at.line(), at.col(), message, evidence);
    }

    /** A hit for facts that are not {@link Located} (e.g. a {@code HotFunction}): position given explicitly. */
    public static Hit at(RuleContext drools, String symbol, String file, int line, int col, String message,
                         Object... evidence) {
        return at(drools, null, symbol, file, line, col, message, evidence);
    }

    /** The general form; {@code scope} null means the rule's {@code @scope} (default line). */
    public static Hit at(RuleContext drools, Scope scope, String symbol, String file, int line, int col,
                         String message, Object... evidence) {
        Rule rule = drools.getRule();
        Map<String, Object> meta = rule.getMetaData();
        Severity severity = Severity.byId(str(meta.get("severity"))).orElseThrow(() -> new IllegalStateException(
                "rule " + rule.getName() + " has no valid @severity(error|warning|note)"));
        Severity hot = Severity.byId(str(meta.get("hotSeverity"))).orElse(null);
        Scope sc = scope != null ? scope : Scope.byId(str(meta.get("scope"))).orElse(Scope.LINE);
        List<Evidence> ev = new ArrayList<>();
        if (evidence != null) {
            for (Object o : evidence) {
                collect(o, ev, rule.getName());
            }
        }
        CostSpec cost = CostSpec.parse(str(meta.get("cost"))).orElseThrow(() -> new IllegalStateException(
                "rule " + rule.getName() + " has an invalid @cost(" + meta.get("cost") + ")"));
        return new Hit(rule.getName(), rule.getPackageName(), severity, hot, sc, symbol, file, line, col, message, ev,
                cost);
    }

    // The executable model (the built-in packs are compiled to it when perfwarden is built) hands consequences
    // an org.drools.model.Drools; at run time it is also a RuleContext. These overloads keep one rule source
    // valid for both builds.

    public static Hit hit(Drools drools, Located at, String message, Object... evidence) {
        return hit(context(drools), null, at, message, evidence);
    }

    public static Hit hit(Drools drools, Scope scope, Located at, String message, Object... evidence) {
        return hit(context(drools), scope, at, message, evidence);
    }

    public static Hit at(Drools drools, String symbol, String file, int line, int col, String message,
                         Object... evidence) {
        return at(context(drools), null, symbol, file, line, col, message, evidence);
    }

    public static Hit at(Drools drools, Scope scope, String symbol, String file, int line, int col,
                         String message, Object... evidence) {
        return at(context(drools), scope, symbol, file, line, col, message, evidence);
    }

    public static List<Object> matched(Drools drools) {
        return matched(context(drools));
    }

    private static RuleContext context(Drools drools) {
        if (drools instanceof RuleContext rc) {
            return rc;
        }
        throw new IllegalStateException("this Drools runtime gives consequences no RuleContext: " + drools.getClass());
    }

    /**
     * The facts the firing rule matched that carry evidence (an {@code evidence()} accessor or {@link Evidence}
     * themselves), in match order: each element of a matched list ({@code from collect}) too, and without
     * {@link Param}s or facts that carry no evidence (a {@code HotFunction}: its hotness is weighed apart). Pass
     * them as a hit's evidence when every matched fact supports the finding:
     * {@code Hits.hit(drools, $site, msg, Hits.matched(drools))}.
     */
    public static List<Object> matched(RuleContext drools) {
        List<Object> out = new ArrayList<>();
        for (Object o : drools.getMatch().getObjects()) {
            if (o instanceof Collection<?> c) {
                for (Object x : c) {
                    addIfEvidence(x, out);
                }
            } else {
                addIfEvidence(o, out);
            }
        }
        return out;
    }

    private static void addIfEvidence(Object o, List<Object> out) {
        if (o != null && !(o instanceof Param)
                && (o instanceof Evidence || EVIDENCE_ACCESSOR.get(o.getClass()).isPresent())) {
            out.add(o);
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static void collect(Object o, List<Evidence> out, String rule) {
        if (o == null) {
            return;
        }
        if (o instanceof Evidence e) {
            if (!out.contains(e)) {
                out.add(e);
            }
        } else if (o instanceof Optional<?> opt) {
            opt.ifPresent(v -> collect(v, out, rule));
        } else if (o instanceof Collection<?> c) {
            for (Object x : c) {
                collect(x, out, rule);
            }
        } else if (o instanceof Object[] arr) {
            for (Object x : arr) {
                collect(x, out, rule);
            }
        } else {
            Method m = EVIDENCE_ACCESSOR.get(o.getClass()).orElseThrow(() -> new IllegalArgumentException(
                    "rule " + rule + ": evidence must be Evidence or a fact with evidence(), not "
                            + o.getClass().getName()));
            try {
                collect(m.invoke(o), out, rule);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("rule " + rule + ": cannot read evidence() of "
                        + o.getClass().getName(), e);
            }
        }
    }
}
