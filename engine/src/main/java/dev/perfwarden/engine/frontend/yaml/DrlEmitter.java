package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.FactTypes.ValueKind;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.AnyOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Between;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bool;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bound;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Compare;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Condition;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Exists;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FactValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FieldValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Literal;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Matches;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.NotSameFact;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Num;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.OneOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Operand;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamBinding;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamText;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Part;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Pattern;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Policy;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Rule;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.SameFunction;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.SameLine;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a checked {@link PolicyAst.Policy} as DRL. It checks nothing: every value reaching it was
 * validated by {@link PolicyReader}, and every text is written as an escaped literal. Each DRL line
 * records the YAML line it came from, so that Drools' own errors (which should not happen) still
 * point at the policy.
 */
final class DrlEmitter {
    private static final String PERCENT = "String.format(java.util.Locale.ROOT, \"%.1f %%\", ";

    private final PackContext ctx;
    private final List<String> drl = new ArrayList<>();
    private final List<Integer> drlLines = new ArrayList<>();

    DrlEmitter(PackContext ctx) {
        this.ctx = ctx;
    }

    Translation emit(Policy policy) {
        int top = policy.line();
        emit(top, "package " + ctx.drlPackage() + ";");
        emit(top, "");
        emit(top, "import dev.perfwarden.engine.rule.Hits;");
        List<Pattern> all = policy.rules().stream().flatMap(r -> r.patterns().stream()).toList();
        if (all.stream().flatMap(p -> p.conditions().stream()).anyMatch(DrlEmitter::usesRegex)) {
            emit(top, "import dev.perfwarden.engine.rule.Regex;");
        }
        TreeSet<Class<?>> imports = new TreeSet<>(Comparator.comparing(Class::getName));
        all.forEach(p -> imports.add(p.type().type()));
        for (Class<?> c : imports) {
            emit(top, "import " + c.getName() + ";");
        }
        for (Rule r : policy.rules()) {
            emit(r.id().line(), "");
            rule(r);
        }
        int[] map = drlLines.stream().mapToInt(Integer::intValue).toArray();
        return new Translation(String.join("\n", drl) + "\n", LineMap.of(map), List.of(), policy.docs());
    }

    private void emit(int yamlLine, String text) {
        drl.add(text);
        drlLines.add(Math.max(1, yamlLine));
    }

    private void rule(Rule r) {
        emit(r.id().line(), "rule \"" + r.id().value() + "\"");
        emit(r.severity().line(), "    @severity(" + r.severity().value() + ")");
        if (r.hotSeverity() != null) {
            emit(r.hotSeverity().line(), "    @hotSeverity(" + r.hotSeverity().value() + ")");
        }
        if (r.scope() != null) {
            emit(r.scope().line(), "    @scope(" + r.scope().value().id() + ")");
        }
        emit(r.summary().line(), "    @summary(" + PolicySyntax.literal(r.summary().value()) + ")");
        if (!r.tags().value().isEmpty()) {
            emit(r.tags().line(), "    @tags(" + PolicySyntax.literal(String.join(", ", r.tags().value())) + ")");
        }
        if (!r.inputs().value().isEmpty()) {
            emit(r.inputs().line(), "    @inputs(" + PolicySyntax.literal(String.join(", ", r.inputs().value())) + ")");
        }
        emit(r.matchLine(), "when");
        for (Pattern p : r.patterns()) {
            p.params().forEach(this::param);
            pattern(p);
        }
        r.messageParams().forEach(this::param);
        emit(r.messageLine(), "then");
        emit(r.messageValueLine(), "    " + hit(r) + ";");
        emit(r.messageLine(), "end");
    }

    private void param(ParamBinding b) {
        // the pack's own parameters through its param/paramText queries (pack-queries.drl): never named
        emit(b.line(), "    " + (b.slot().equals("number") ? "param" : "paramText") + "("
                + PolicySyntax.literal(b.name()) + ", " + b.var() + ";)");
    }

    private void pattern(Pattern p) {
        String head = "    " + (p.quantifier() == null ? "$" + p.alias() + " : " : p.quantifier() + " ")
                + p.type().type().getSimpleName() + "(";
        List<String> cs = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Condition c : p.conditions()) {
            for (String s : constraints(c)) {
                cs.add(s);
                lines.add(c.line());
            }
        }
        if (cs.isEmpty()) {
            emit(p.line(), head + ")");
            return;
        }
        emit(p.line(), head);
        for (int i = 0; i < cs.size(); i++) {
            emit(lines.get(i), "        " + cs.get(i) + (i < cs.size() - 1 ? "," : ""));
        }
        emit(p.line(), "    )");
    }

    /** The DRL constraints of one condition (a join is several). */
    static List<String> constraints(Condition c) {
        if (c instanceof NotSameFact n) {
            return List.of("this != " + n.other());
        } else if (c instanceof SameFunction s) {
            return List.of("symbol == " + s.other() + ".symbol", "symbol != \"\"");
        } else if (c instanceof SameLine s) {
            // the same file: equal paths, or one a longer form of the other (-trimpath or absolute
            // machine-code paths against module-relative compiler paths)
            String o = s.other();
            return List.of("line == " + o + ".line", "line > 0", "(file == " + o + ".file || file.endsWith(\"/\" + "
                    + o + ".file) || " + o + ".file.endsWith(\"/\" + file))");
        } else if (c instanceof AnyOf a) {
            return List.of("(" + a.alternatives().stream()
                    .map(alt -> "(" + alt.stream().flatMap(x -> constraints(x).stream()).map(x -> "(" + x + ")")
                            .collect(Collectors.joining(" && ")) + ")")
                    .collect(Collectors.joining(" || ")) + ")");
        }
        return List.of(test(c));
    }

    private static String test(Condition c) {
        if (c instanceof Compare x) {
            return x.field().drl() + " " + x.operator() + " " + operand(x.value());
        } else if (c instanceof Matches x) {
            // RE2/J: linear time, so no pattern can backtrack catastrophically
            return (x.negated() ? "!" : "") + "Regex.matches(" + x.field().drl() + ", " + PolicySyntax.literal(x.regex())
                    + ")";
        } else if (c instanceof Between x) {
            String name = x.field().drl();
            return name + " >= " + operand(x.low()) + " && " + name + " <= " + operand(x.high());
        } else if (c instanceof OneOf x) {
            return x.field().drl() + (x.negated() ? " not in (" : " in (")
                    + x.values().stream().map(DrlEmitter::operand).collect(Collectors.joining(", ")) + ")";
        } else if (c instanceof Exists x) {
            String name = x.field().drl();
            if (x.collection()) {
                return x.want() ? name + " != null && " + name + ".isEmpty() == false"
                        : "(" + name + " == null || " + name + ".isEmpty() == true)";
            }
            return x.want() ? name + " != null && " + name + " != \"\"" : "(" + name + " == null || " + name + " == \"\")";
        }
        throw new IllegalArgumentException("not a field test: " + c);
    }

    private static String operand(Operand o) {
        if (o instanceof Text t) {
            return PolicySyntax.literal(t.value());
        } else if (o instanceof Num n) {
            return n.plain();
        } else if (o instanceof Bool b) {
            return Boolean.toString(b.value());
        } else if (o instanceof ParamValue p) {
            return p.var();
        }
        return ((FieldValue) o).field().drl();
    }

    private static boolean usesRegex(Condition c) {
        return c instanceof Matches
                || c instanceof AnyOf a && a.alternatives().stream().flatMap(List::stream).anyMatch(DrlEmitter::usesRegex);
    }

    /** The consequence: a finding at the reported fact, with the evidence of every matched fact. */
    private static String hit(Rule r) {
        Bound at = r.at();
        List<String> evidence = new ArrayList<>();
        if (at.type().hasEvidence()) {
            evidence.add(at.var());
        }
        for (Bound x : r.bound()) {
            if (!x.var().equals(at.var()) && x.type().hasEvidence()) {
                evidence.add(x.var());
            }
        }
        String ev = evidence.isEmpty() ? "" : ", " + String.join(", ", evidence);
        String message = message(r.message().parts());
        if (at.type().located()) {
            return "insert(Hits.hit(drools, " + at.var() + ", " + message + ev + "))";
        }
        FactType t = at.type();
        String sym = field(t, "symbol", ValueKind.TEXT) ? at.var() + ".symbol()" : "\"\"";
        String file = field(t, "file", ValueKind.TEXT) ? at.var() + ".file()" : "\"\"";
        String line = field(t, "line", ValueKind.INTEGER) ? "(int) " + at.var() + ".line()" : "0";
        String col = field(t, "col", ValueKind.INTEGER) ? "(int) " + at.var() + ".col()" : "0";
        return "insert(Hits.at(drools, " + sym + ", " + file + ", " + line + ", " + col + ", " + message + ev + "))";
    }

    private static boolean field(FactType t, String name, ValueKind kind) {
        return t.has(name) && t.fields().get(name).kind() == kind;
    }

    /** The message as a Java string expression. */
    private static String message(List<Part> parts) {
        if (parts.isEmpty()) {
            return "\"\"";
        }
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.add(PolicySyntax.literal(l.text()));
            } else if (p instanceof ParamText pt) {
                out.add(pt.percent() ? PERCENT + pt.var() + " * 100.0)" : pt.var());
            } else {
                FactValue f = (FactValue) p;
                String get = f.var() + "." + f.path().replace(".", "().") + "()";
                out.add(f.percent() ? PERCENT + get + " * 100.0)" : "String.valueOf(" + get + ")");
            }
        }
        return String.join(" + ", out);
    }
}
