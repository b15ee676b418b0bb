package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.frontend.Nearest;
import dev.perfwarden.engine.frontend.yaml.FactTypes;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fact kinds stay strings that rules write plainly ({@code EscapeFact(kind == "leaking-param")}), but a literal
 * outside a field's closed vocabulary (the one {@link FactTypes} reads from the record's constants, and that YAML
 * policies already check) is refused when the pack loads, as an enum would be at compile time: otherwise the
 * rule loads and silently never matches. Each pattern's constraints are read with Drools' own expression parser;
 * {@code field == "lit"}, {@code !=}, {@code in (…)}, {@code not in (…)} (either side of the operator) and
 * {@code field.equals("lit")} on a fact type's field with a closed vocabulary are checked, the literal also when it
 * is wrapped, cast or joined ({@link ConstantText}). A field without one accepts anything; so does a value the
 * check cannot know at load (a bound variable, a parameter, a positional constraint).
 */
final class VocabularyCheck {
    /** The closed vocabularies by fact class name, then field name. */
    private static final Map<String, Map<String, List<String>>> CLOSED = closed();

    private final PackReading r;
    private final String file;
    private final LineMap map;
    private final Map<String, String> simpleNames = new HashMap<>();

    private VocabularyCheck(PackReading r, String file, LineMap map, PackageDescr pd) {
        this.r = r;
        this.file = file;
        this.map = map;
        for (ImportDescr i : pd.getImports()) {
            String t = i.getTarget();
            if (t.endsWith(".*")) {
                String pkg = t.substring(0, t.length() - 1);
                CLOSED.keySet().stream().filter(c -> c.startsWith(pkg) && c.indexOf('.', pkg.length()) < 0)
                        .forEach(c -> simpleNames.putIfAbsent(c.substring(pkg.length()), c));
            } else {
                simpleNames.put(t.substring(t.lastIndexOf('.') + 1), t);
            }
        }
    }

    /** Reports a problem (at the author's line and column) for each literal outside its field's vocabulary. */
    static void check(PackReading r, String file, LineMap map, PackageDescr pd) {
        VocabularyCheck c = new VocabularyCheck(r, file, map, pd);
        for (RuleDescr rule : pd.getRules()) {
            LhsPatterns.each(rule.getLhs(), c::pattern);
        }
    }

    private boolean pattern(PatternDescr p) {
        Map<String, List<String>> fields = p.getObjectType() == null ? null
                : CLOSED.get(simpleNames.getOrDefault(p.getObjectType(), p.getObjectType()));
        if (fields != null) {
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e && e.getType() == ExprConstraintDescr.Type.NAMED
                        && e.getExpression() != null) {
                    constraint(p.getObjectType(), fields, e);
                }
            }
        }
        return true;
    }

    private void constraint(String type, Map<String, List<String>> fields, ExprConstraintDescr e) {
        try {
            ConstraintConnectiveDescr tree = LhsPatterns.constraint(e.getExpression());
            if (tree != null) {
                relations(tree, type, fields, e);
            }
        } catch (StackOverflowError deep) {
            // the file's parse fitted on the stack and this second parse of one constraint did not: refused as the
            // file's parse refuses it (an error escaping here was an internal error, exit 70)
            LineMap.Point at = position(e, "");
            r.problem(file, at.line(), at.column(), DrlInspector.TOO_DEEP);
        }
    }

    /** {@code in (…)} reaches here as an "or" of {@code ==}, {@code not in (…)} as an "and" of {@code !=}. */
    private void relations(BaseDescr d, String type, Map<String, List<String>> fields, ExprConstraintDescr e) {
        if (d instanceof ConstraintConnectiveDescr cc) {
            cc.getDescrs().forEach(x -> relations(x, type, fields, e));
        } else if (d instanceof RelationalExprDescr rel
                && (rel.getOperator().equals("==") || rel.getOperator().equals("!=")) && !rel.isNegated()) {
            compare(rel.getLeft(), rel.getRight(), type, fields, e);
            compare(rel.getRight(), rel.getLeft(), type, fields, e);
        } else if (d instanceof AtomicExprDescr call && !call.isLiteral()) {
            ConstantText.equalsCall(call.getExpression())
                    .ifPresent(c -> check(c.field(), c.constant(), c.constantText(), type, fields, e));
        }
    }

    private void compare(BaseDescr field, BaseDescr value, String type, Map<String, List<String>> fields,
                         ExprConstraintDescr e) {
        String name = field instanceof BindingDescr b ? b.getExpression() : field instanceof AtomicExprDescr a
                && !a.isLiteral() ? a.getExpression() : null;
        if (name == null || !(value instanceof AtomicExprDescr operand)) {
            return;
        }
        String raw = operand.getExpression().strip();
        if (operand.isLiteral() && raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
                && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
            // DRL's own literal: single quotes also delimit a string, which Java would not parse
            check(name, DrlInspector.unescape(raw.substring(1, raw.length() - 1)), raw, type, fields, e);
        } else if (!raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '(')) {
            // a literal wrapped ("x"), cast or joined ("a" + "b"): a field or other operand is not a constant
            ConstantText.of(raw).ifPresent(got -> check(name, got, raw, type, fields, e));
        }
    }

    private void check(String name, String got, String raw, String type, Map<String, List<String>> fields,
                       ExprConstraintDescr e) {
        String n = name.strip();
        String field = n.startsWith("this.") ? n.substring(5) : n;
        List<String> known = fields.get(field);
        if (known == null || known.contains(got)) {
            return;
        }
        LineMap.Point at = position(e, raw);
        r.problem(file, at.line(), at.column(), Nearest.notAValue(got, type + "." + field, known));
    }

    /**
     * Where the literal lies in the author's file: the constraint's DRL position advanced to the literal's first
     * occurrence in the constraint's text (a position only; what is refused comes from the parser's tree).
     */
    private LineMap.Point position(ExprConstraintDescr e, String raw) {
        String expr = e.getExpression();
        int line = e.getLine();
        int col = e.getColumn();
        int i = expr.indexOf(raw);
        if (line <= 0 || i < 0) {
            return map.source(Math.max(line, 0), 0);
        }
        for (int k = 0; k < i; k++) {
            if (expr.charAt(k) == '\n') {
                line++;
                col = 0;
            } else {
                col++;
            }
        }
        return map.source(line, col + 1);
    }

    private static Map<String, Map<String, List<String>>> closed() {
        Map<String, Map<String, List<String>>> m = new HashMap<>();
        FactTypes types = FactTypes.get();
        for (List<FactTypes.FactType> group : List.of(List.copyOf(types.all()), types.derived())) {
            for (FactTypes.FactType t : group) {
                for (FactTypes.FieldInfo f : t.fields().values()) {
                    if (f.closedSet() && f.kind() == FactTypes.ValueKind.TEXT) {
                        m.computeIfAbsent(t.type().getName(), k -> new HashMap<>()).put(f.name(), f.values());
                    }
                }
            }
        }
        return m;
    }
}
