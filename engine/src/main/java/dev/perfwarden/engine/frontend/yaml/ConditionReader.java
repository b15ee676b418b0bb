package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FieldInfo;
import dev.perfwarden.engine.frontend.yaml.FactTypes.ValueKind;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.AnyOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Between;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bool;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bound;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Compare;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Condition;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Exists;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Field;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FieldValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Matches;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Num;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.OneOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Operand;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamBinding;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Text;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.engine.yaml.YamlNode.Entry;
import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.engine.yaml.YamlNode.YScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the conditions of one rule's where: mappings (fields, operators and operands) into
 * {@link PolicyAst} conditions, type-checking each against the fact types and the pack's parameters.
 * One instance per rule: it sees the facts the rule has matched so far and shares the rule's
 * parameter bindings. Errors go to the rule's {@link PolicyProblems}.
 */
final class ConditionReader {
    private final PolicyProblems problems;
    private final PackContext ctx;
    private final Map<String, Bound> bound;
    private final Map<String, String> paramVars;

    /**
     * @param bound the rule's facts matched so far, by alias (read live: later patterns see more)
     * @param paramVars the rule's parameter bindings, by name (added to when a parameter is first used)
     */
    ConditionReader(PolicyProblems problems, PackContext ctx, Map<String, Bound> bound, Map<String, String> paramVars) {
        this.problems = problems;
        this.ctx = ctx;
        this.bound = bound;
        this.paramVars = paramVars;
    }

    /** What a condition tests: the field, its description, and how to name it in messages. */
    private record Target(Field lhs, FieldInfo field, String what) {
    }

    private record Ctx(Target target, Entry entry, List<ParamBinding> pre) {
        FieldInfo field() {
            return target.field();
        }

        String what() {
            return target.what();
        }
    }

    /** The conditions of a where: mapping (all must hold); {@code any:} holds a list of alternatives. */
    void whereMap(FactType type, YMap w, List<ParamBinding> pre, List<Condition> out) {
        for (Entry f : w.entries().values()) {
            if (f.key().equals("any")) {
                anyOf(type, f, pre, out);
                continue;
            }
            Target t = target(type, f);
            if (t != null) {
                condition(t, f, pre, out);
            }
        }
    }

    private void anyOf(FactType type, Entry f, List<ParamBinding> pre, List<Condition> out) {
        if (!(f.value() instanceof YList l) || l.items().size() < 2) {
            problems.error(f.value(), "any: expected a list of at least two alternatives, each a mapping of conditions"
                    + " (- kind: a  - kind: b), found " + f.value().describe());
            return;
        }
        List<List<Condition>> alternatives = new ArrayList<>();
        boolean ok = true;
        for (YamlNode alt : l.items()) {
            if (!(alt instanceof YMap am) || am.entries().isEmpty()) {
                problems.error(alt, "any: each alternative must be a mapping of conditions (field: condition), found "
                        + alt.describe());
                ok = false;
                continue;
            }
            List<Condition> cs = new ArrayList<>();
            int before = problems.count();
            whereMap(type, am, pre, cs);
            if (problems.count() > before) {
                ok = false;
                continue;
            }
            alternatives.add(cs);
        }
        if (ok) {
            out.add(new AnyOf(alternatives, f.line()));
        }
    }

    /**
     * The field a where: key names: a field of this pattern's fact ({@code kind}, {@code evidence.input}),
     * or {@code NAME.FIELD} of a fact matched above ({@code site.kind}).
     */
    private Target target(FactType type, Entry f) {
        String key = f.key();
        FieldInfo field = type.fields().get(key);
        Field lhs = new Field(null, key);
        String what = "'" + key + "' of " + type.name();
        int dot = key.indexOf('.');
        if (field == null && dot > 0 && bound.containsKey(key.substring(0, dot))) {
            Bound b = bound.get(key.substring(0, dot));
            String rest = key.substring(dot + 1);
            field = b.type().fields().get(rest);
            if (field == null) {
                problems.error(f, b.type().name() + " ('" + b.alias() + "') has no field '" + rest + "'"
                        + PolicySyntax.suggest(rest, b.type().fields().keySet()) + "; its fields: " + PolicySyntax.testableFields(b.type()));
                return null;
            }
            lhs = new Field(b.var(), rest);
            what = "'" + rest + "' of " + b.alias() + " (" + b.type().name() + ")";
        }
        if (field == null) {
            problems.error(f, type.name() + " has no field '" + key + "'" + PolicySyntax.suggest(key, type.fields().keySet())
                    + "; its fields: " + PolicySyntax.testableFields(type)
                    + (bound.isEmpty() ? "" : "; fields of facts matched above are written NAME.FIELD ("
                    + String.join(", ", bound.keySet()) + ")"));
            return null;
        }
        if (!field.kind().testable()) {
            problems.error(f, "field '" + field.name() + "' of " + type.name() + " is a " + field.javaType()
                    + " and cannot be tested itself; testable fields: " + PolicySyntax.testableFields(type));
            return null;
        }
        return new Target(lhs, field, what);
    }

    private void condition(Target t, Entry f, List<ParamBinding> pre, List<Condition> out) {
        YamlNode v = f.value();
        Map<String, Entry> ops;
        if (v instanceof YMap m && !PolicySyntax.isOperandMap(m)) {
            ops = m.entries();
            if (ops.isEmpty()) {
                problems.error(f, "no condition for '" + f.key() + "' (write a value, or e.g. {\">=\": 3})");
                return;
            }
        } else {
            ops = Map.of("equals", new Entry("equals", v.line(), v.col(), v));
        }
        Ctx c = new Ctx(t, f, pre);
        for (Entry op : ops.values()) {
            Condition cond = operator(c, op);
            if (cond != null) {
                out.add(cond);
            }
        }
    }

    /** Reads one operator's condition on the field of {@code c}; null after an error. */
    @FunctionalInterface
    private interface OperatorForm {
        Condition read(ConditionReader reader, Ctx c, Entry op);
    }

    /** The named operators; the comparisons ({@link PolicySyntax#COMPARISONS}) are read by {@link #comparison}. */
    private static final Map<String, OperatorForm> OPERATORS = Map.of(
            "equals", ConditionReader::equality, "not-equals", ConditionReader::equality,
            "regex", ConditionReader::regex, "not-regex", ConditionReader::regex,
            "between", ConditionReader::between,
            "in", ConditionReader::oneOf, "not-in", ConditionReader::oneOf,
            "exists", ConditionReader::exists);

    private Condition operator(Ctx c, Entry op) {
        return OPERATORS.getOrDefault(op.key(), ConditionReader::comparison).read(this, c, op);
    }

    private Condition equality(Ctx c, Entry op) {
        ValueKind k = c.field().kind();
        if (k == ValueKind.LIST || k == ValueKind.MAP) {
            return typeError(op, c, "a " + k.label() + " can only be tested with exists: true|false");
        }
        Operand x = operand(c, op.value(), op.key());
        String o = op.key().equals("equals") ? "==" : "!=";
        return x == null ? null : new Compare(c.target().lhs(), o, x, op.line());
    }

    private Condition regex(Ctx c, Entry op) {
        ValueKind k = c.field().kind();
        YamlNode v = op.value();
        if (k != ValueKind.TEXT) {
            return typeError(op, c, op.key() + " needs a text field, but " + c.what() + " is "
                    + PolicySyntax.article(k) + " (compare numbers with <, <=, >, >=, between or in)");
        }
        if (!(v instanceof YScalar s) || !(s.value() instanceof String re)) {
            problems.error(v, op.key() + ": expected a regular expression in quotes, found " + v.describe());
            return null;
        }
        String bad = dev.perfwarden.engine.rule.Regex.problem(re).orElse(null);
        if (bad != null) {
            problems.error(v, op.key() + ": '" + re + "' is not a valid regular expression: " + bad
                    + " (RE2 syntax, matched against the whole value; no backreferences or lookaround)");
            return null;
        }
        // RE2/J: linear time, so no pattern can backtrack catastrophically
        return new Matches(c.target().lhs(), re, op.key().equals("not-regex"), op.line());
    }

    private Condition between(Ctx c, Entry op) {
        ValueKind k = c.field().kind();
        YamlNode v = op.value();
        if (!k.numeric()) {
            return typeError(op, c, "between needs a numeric field, but " + c.what() + " is " + PolicySyntax.article(k));
        }
        if (!(v instanceof YList l) || l.items().size() != 2) {
            problems.error(v, "between: expected [low, high] (both ends included), found " + v.describe());
            return null;
        }
        YamlNode lo = l.items().get(0);
        YamlNode hi = l.items().get(1);
        if (lo instanceof YScalar a && a.isNumber() && hi instanceof YScalar b && b.isNumber()
                && ((Number) a.value()).doubleValue() > ((Number) b.value()).doubleValue()) {
            problems.error(v, "between: the low end " + a.value() + " is above the high end " + b.value());
            return null;
        }
        Operand x = operand(c, lo, "between");
        Operand y = operand(c, hi, "between");
        return x == null || y == null ? null : new Between(c.target().lhs(), x, y, op.line());
    }

    private Condition oneOf(Ctx c, Entry op) {
        ValueKind k = c.field().kind();
        YamlNode v = op.value();
        if (!(k == ValueKind.TEXT || k.numeric())) {
            return typeError(op, c, op.key() + " needs a text or numeric field, but " + c.what() + " is "
                    + PolicySyntax.article(k));
        }
        if (!(v instanceof YList l) || l.items().isEmpty()) {
            problems.error(v, op.key() + ": expected a non-empty list of values, e.g. [a, b], found " + v.describe());
            return null;
        }
        List<Operand> xs = new ArrayList<>();
        for (YamlNode i : l.items()) {
            if (!(i instanceof YScalar)) {
                problems.error(i, op.key() + ": list items must be plain values, found " + i.describe());
                return null;
            }
            Operand x = operand(c, i, op.key());
            if (x == null) {
                return null;
            }
            xs.add(x);
        }
        return new OneOf(c.target().lhs(), xs, op.key().equals("not-in"), op.line());
    }

    private Condition exists(Ctx c, Entry op) {
        ValueKind k = c.field().kind();
        YamlNode v = op.value();
        if (!(v instanceof YScalar s) || !(s.value() instanceof Boolean want)) {
            problems.error(v, "exists: expected true or false, found " + v.describe());
            return null;
        }
        if (k == ValueKind.TEXT || k == ValueKind.LIST || k == ValueKind.MAP) {
            return new Exists(c.target().lhs(), want, k != ValueKind.TEXT, op.line());
        }
        return typeError(op, c, "exists applies to text and list fields, but " + c.what() + " is "
                + PolicySyntax.article(k) + " (always present; compare it instead)");
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=} (and their word forms) on a numeric field; else an unknown operator. */
    private Condition comparison(Ctx c, Entry op) {
        ValueKind k = c.field().kind();
        String cmp = PolicySyntax.COMPARISONS.get(op.key());
        if (cmp == null) {
            problems.error(op, "unknown condition '" + op.key() + "' on " + c.what() + PolicySyntax.suggest(op.key(), PolicySyntax.OPERATORS)
                    + "; conditions: " + String.join(", ", PolicySyntax.OPERATORS)
                    + " (or a plain value for equals)");
            return null;
        }
        if (!k.numeric()) {
            return typeError(op, c, "'" + op.key() + "' compares numbers, but " + c.what() + " is "
                    + PolicySyntax.article(k) + (k == ValueKind.TEXT ? " (use equals, regex or in)" : ""));
        }
        Operand x = operand(c, op.value(), op.key());
        return x == null ? null : new Compare(c.target().lhs(), cmp, x, op.line());
    }

    private Condition typeError(Entry op, Ctx c, String msg) {
        problems.error(op, msg);
        return null;
    }

    /** Reads a literal for a field of one value kind; null after an error. */
    @FunctionalInterface
    private interface LiteralForm {
        Operand read(ConditionReader reader, Ctx c, YScalar s, String op);
    }

    /** The literal a field of each kind is compared with; lists, maps and other values have none. */
    private static final Map<ValueKind, LiteralForm> LITERALS = Map.of(
            ValueKind.TEXT, ConditionReader::text,
            ValueKind.INTEGER, ConditionReader::number,
            ValueKind.DECIMAL, ConditionReader::number,
            ValueKind.BOOLEAN, ConditionReader::bool);

    /** A value to compare a field with: a literal, {param: NAME} or {field: alias.field}; type-checked. */
    private Operand operand(Ctx c, YamlNode v, String op) {
        ValueKind k = c.field().kind();
        if (v instanceof YMap m) {
            return reference(c, m, op);
        }
        if (!(v instanceof YScalar s)) {
            problems.error(v, op + ": expected a single value, found " + v.describe()
                    + (op.equals("equals") ? " (for several values use in: [a, b])" : ""));
            return null;
        }
        if (s.value() == null) {
            problems.error(v, op + ": no value given for " + c.what() + " (for 'is empty' use exists: false)");
            return null;
        }
        LiteralForm form = LITERALS.get(k);
        if (form == null) {
            problems.error(v, c.what() + " is " + PolicySyntax.article(k) + " and can only be tested with exists: true|false");
            return null;
        }
        return form.read(this, c, s, op);
    }

    private Operand text(Ctx c, YScalar s, String op) {
        FieldInfo f = c.field();
        Object x = s.value();
        if (!(x instanceof String str)) {
            problems.error(s, c.what() + " is text; compare it with text, not " + s.describe()
                    + " (write it in quotes: '" + x + "')");
            return null;
        }
        if (f.closedSet() && !f.values().contains(str) && (op.equals("equals") || op.equals("not-equals")
                || op.equals("in") || op.equals("not-in"))) {
            problems.error(s, "'" + str + "' is not a value of " + c.what() + PolicySyntax.suggest(str, f.values()) + "; values: "
                    + String.join(", ", f.values()));
            return null;
        }
        return problems.checkedText(str, s) == null ? null : new Text(str);
    }

    private Operand number(Ctx c, YScalar s, String op) {
        Object x = s.value();
        if (x instanceof BigInteger) {
            problems.error(s, "number " + x + " is too large");
            return null;
        }
        if (!(x instanceof Number)) {
            problems.error(s, c.what() + " is " + PolicySyntax.article(c.field().kind()) + "; '" + op
                    + "' needs a number, not " + s.describe());
            return null;
        }
        if (x instanceof Double d && (d.isNaN() || d.isInfinite())) {
            problems.error(s, op + ": " + d + " is not a finite number");
            return null;
        }
        return new Num(x instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : x.toString());
    }

    private Operand bool(Ctx c, YScalar s, String op) {
        if (!(s.value() instanceof Boolean bo)) {
            problems.error(s, c.what() + " is a boolean; compare it with true or false, not " + s.describe());
            return null;
        }
        return new Bool(bo);
    }

    /** {@code {param: NAME}} or {@code {field: NAME.FIELD}}, type-checked against the field of {@code c}. */
    private Operand reference(Ctx c, YMap m, String op) {
        if (!PolicySyntax.isOperandMap(m)) {
            problems.error(m, op + ": expected a value, {param: NAME} or {field: NAME.FIELD}, found a mapping with "
                    + m.entries().keySet());
            return null;
        }
        Entry e = m.entries().values().iterator().next();
        boolean param = e.key().equals("param");
        String ref = problems.text(e, param ? "a parameter name" : "NAME.FIELD of a matched fact");
        if (ref == null) {
            return null;
        }
        return param ? param(c, e, ref, op) : field(c, e, ref, op);
    }

    private Operand param(Ctx c, Entry e, String ref, String op) {
        ValueKind k = c.field().kind();
        ParamType pt = ctx.parameters().get(ref);
        if (pt == null) {
            problems.error(e.value(), "param: pack " + ctx.packId() + " has no parameter '" + ref + "'"
                    + PolicySyntax.suggest(ref, ctx.parameters().keySet()) + " (parameters: "
                    + String.join(", ", new TreeSet<>(ctx.parameters().keySet()))
                    + "; declare it under parameters: in pack.yaml)");
            return null;
        }
        ValueKind pk = pt == ParamType.NUMBER ? ValueKind.DECIMAL
                : pt == ParamType.BOOLEAN ? ValueKind.BOOLEAN : ValueKind.TEXT;
        if (!PolicySyntax.compatible(k, pk)) {
            problems.error(e.value(), op + ": parameter '" + ref + "' is a " + pt.id() + ", but " + c.what()
                    + " is " + PolicySyntax.article(k));
            return null;
        }
        return new ParamValue(paramVar(ref, pt, e.value().line(), c));
    }

    private Operand field(Ctx c, Entry e, String ref, String op) {
        ValueKind k = c.field().kind();
        int dot = ref.indexOf('.');
        Bound b = dot < 0 ? null : bound.get(ref.substring(0, dot));
        if (b == null) {
            problems.error(e.value(), "field: '" + ref + "' must be NAME.FIELD with NAME a fact matched above (matched"
                    + " so far: " + (bound.isEmpty() ? "none" : String.join(", ", bound.keySet())) + ")");
            return null;
        }
        FieldInfo of = b.type().fields().get(ref.substring(dot + 1));
        if (of == null || !of.kind().testable()) {
            problems.error(e.value(), "field: " + b.type().name() + " has no field '" + ref.substring(dot + 1) + "'"
                    + PolicySyntax.suggest(ref.substring(dot + 1), b.type().fields().keySet()) + "; its fields: "
                    + PolicySyntax.testableFields(b.type()));
            return null;
        }
        if (!PolicySyntax.compatible(k, of.kind())) {
            problems.error(e.value(), op + ": '" + ref + "' is " + PolicySyntax.article(of.kind()) + ", but " + c.what() + " is "
                    + PolicySyntax.article(k));
            return null;
        }
        return new FieldValue(new Field(b.var(), of.name()));
    }

    private String paramVar(String name, ParamType pt, int line, Ctx c) {
        String var = paramVars.get(name);
        if (var == null) {
            var = "$param" + (paramVars.size() + 1);
            paramVars.put(name, var);
            String slot = pt == ParamType.NUMBER ? "number" : pt == ParamType.STRING ? "text" : "value";
            c.pre().add(new ParamBinding(name, var, slot, line));
        }
        return var;
    }
}
