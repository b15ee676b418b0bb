package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.AnyOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Between;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bound;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Compare;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Condition;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Exists;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Field;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FieldValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Matches;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.NotSameFact;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.OneOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Operand;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamBinding;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Pattern;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.SameFunction;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.SameLine;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.engine.yaml.YamlNode.Entry;
import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.engine.yaml.YamlNode.YScalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one rule's {@code match:} list into {@link PolicyAst.Pattern}s: fact types, names ({@code as:}),
 * joins ({@code same-function:}, {@code same-line:}) and the where: conditions ({@link ConditionReader}).
 * Refuses an item that is joined to nothing matched before it (a cross product).
 */
final class PatternReader {
    private final PolicyProblems problems;
    private final FactTypes types;
    private final Map<String, Bound> bound = new LinkedHashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final ConditionReader conditions;

    PatternReader(PolicyProblems problems, PackContext ctx, FactTypes types) {
        this.problems = problems;
        this.types = types;
        this.conditions = new ConditionReader(problems, ctx, bound, new LinkedHashMap<>());
    }

    /** The positively matched facts so far, by alias (live: the message reader sees them all). */
    Map<String, Bound> bound() {
        return bound;
    }

    List<Pattern> patterns() {
        return List.copyOf(patterns);
    }

    /** The items of {@code match:}; {@code before} is the problem count when the rule started. */
    void match(Entry matchE, int before) {
        if (!(matchE.value() instanceof YList items) || items.items().isEmpty()) {
            problems.error(matchE.value(), "'match' must be a non-empty list of match items (- fact: ..., - not: ...),"
                    + " found " + matchE.value().describe());
            return;
        }
        for (YamlNode item : items.items()) {
            matchItem(item);
        }
        if (bound.isEmpty() && problems.count() == before) {
            problems.error(matchE, "'match' needs at least one '- fact:' item (a 'not' or 'exists' alone"
                    + " has nothing to report on)");
        }
    }

    private void matchItem(YamlNode item) {
        if (!(item instanceof YMap m)) {
            problems.error(item, "a match item must be a mapping starting with fact:, not: or exists:, found "
                    + item.describe());
            return;
        }
        List<String> kinds = m.entries().keySet().stream().filter(PolicySyntax.ITEM_KINDS::contains).toList();
        if (kinds.size() != 1) {
            problems.error(m, kinds.isEmpty()
                    ? "a match item needs one of fact:, not: or exists: (found keys " + m.entries().keySet() + ")"
                    : "a match item takes only one of fact:, not:, exists: (found " + kinds + ")");
            return;
        }
        String kind = kinds.get(0);
        if (kind.equals("fact")) {
            pattern(m, null);
            return;
        }
        problems.unknownKeys(m, List.of(kind), "next to " + kind + ": (put fact, where and same-* inside it)");
        Entry inner = m.entries().get(kind);
        if (!(inner.value() instanceof YMap im)) {
            problems.error(inner.value(), kind + ": must be a mapping with fact: and optionally where:,"
                    + " same-function:, same-line:, found " + inner.value().describe());
            return;
        }
        if (!im.entries().containsKey("fact")) {
            problems.error(im, kind + ": needs 'fact:' (which fact type must "
                    + (kind.equals("not") ? "be absent" : "exist") + ")");
            return;
        }
        pattern(im, kind);
    }

    /** A pattern: positive ({@code quantifier} null), {@code not} or {@code exists}. */
    private void pattern(YMap m, String quantifier) {
        List<String> allowed = quantifier == null ? PolicySyntax.PATTERN_KEYS
                : PolicySyntax.PATTERN_KEYS.stream().filter(k -> !k.equals("as")).toList();
        problems.unknownKeys(m, allowed, quantifier == null ? "in a match item" : "in " + quantifier + ":");
        Entry factE = m.entries().get("fact");
        String typeName = problems.text(factE, "a fact type");
        if (typeName == null) {
            return;
        }
        FactType type = types.byName(typeName).orElse(null);
        if (type == null) {
            problems.error(factE.value(), "unknown fact type '" + typeName + "'"
                    + PolicySyntax.suggest(typeName, types.names()) + "; known fact types: "
                    + String.join(", ", types.names()));
            return;
        }
        String alias = quantifier == null ? alias(m, factE, typeName) : null;
        if (quantifier == null && alias == null) {
            return;
        }
        int itemLine = factE.line();
        List<Condition> cs = new ArrayList<>();
        // never bind the same fact twice
        for (Bound b : bound.values()) {
            if (b.type() == type) {
                cs.add(new NotSameFact(b.var(), itemLine));
            }
        }
        joins(m, type, cs);
        List<ParamBinding> params = new ArrayList<>();
        Entry whereE = m.entries().get("where");
        if (whereE != null) {
            if (!(whereE.value() instanceof YMap w)) {
                problems.error(whereE.value(), "where: must be a mapping of field: condition, found "
                        + whereE.value().describe());
            } else {
                conditions.whereMap(type, w, params, cs);
            }
        }
        if (quantifier == null && !bound.isEmpty() && cs.stream().noneMatch(this::joinsEarlier)) {
            // an unjoined item pairs every fact of this type with every earlier match: five such items over
            // a real capture are 10^15 combinations, which no limit can make useful
            problems.error(factE.value(), "this match item is not joined to an earlier one ("
                    + String.join(", ", bound.keySet()) + "): every " + typeName + " would be paired with every"
                    + " earlier match; add same-function: or same-line:, or compare a field with"
                    + " {field: ALIAS.FIELD} in where:");
            return;
        }
        patterns.add(new Pattern(quantifier, type, alias, itemLine, params, cs));
        if (quantifier == null) {
            bound.put(alias, new Bound(alias, type, "$" + alias, itemLine));
        }
    }

    /** The name of a positive item: {@code as:} or the default; null (and an error) when unusable. */
    private String alias(YMap m, Entry factE, String typeName) {
        Entry asE = m.entries().get("as");
        String alias;
        if (asE != null) {
            alias = problems.text(asE, "a name for this fact");
            if (alias == null) {
                return null;
            }
            if (!PolicySyntax.ALIAS.matcher(alias).matches()) {
                problems.error(asE.value(), "as: '" + alias + "' must be a name of letters and digits starting with a"
                        + " lower-case letter (e.g. call, esc2)");
                return null;
            }
        } else {
            alias = PolicySyntax.defaultAlias(typeName);
        }
        YamlNode at = asE == null ? factE.value() : asE.value();
        if (alias.equals("param")) {
            problems.error(at, "'param' is reserved ({{param.NAME}} in messages); choose another name with as:");
            return null;
        }
        if (bound.containsKey(alias)) {
            problems.error(at, "the name '" + alias + "' is already taken by the match item at line "
                    + bound.get(alias).line() + (asE == null ? "; give this one a name of its own with as:" : ""));
            return null;
        }
        return alias;
    }

    private void joins(YMap m, FactType type, List<Condition> cs) {
        for (String join : List.of("same-function", "same-line")) {
            Entry j = m.entries().get(join);
            if (j == null) {
                continue;
            }
            for (YamlNode ref : j.value() instanceof YList l ? l.items() : List.of(j.value())) {
                Bound other = boundRef(ref, join);
                if (other == null) {
                    continue;
                }
                if (join.equals("same-function")) {
                    if (fieldsPresent(j, type, other, "symbol")) {
                        cs.add(new SameFunction(other.var(), j.line()));
                    }
                } else if (fieldsPresent(j, type, other, "file", "line")) {
                    cs.add(new SameLine(other.var(), j.line()));
                }
            }
        }
    }

    /** Whether a condition refers to a fact matched by an earlier item (so the item is joined to it). */
    private boolean joinsEarlier(Condition c) {
        return referencedVars(c).anyMatch(v -> bound.values().stream().anyMatch(b -> b.var().equals(v)));
    }

    private static Stream<String> referencedVars(Condition c) {
        if (c instanceof SameFunction s) {
            return Stream.of(s.other());
        } else if (c instanceof SameLine s) {
            return Stream.of(s.other());
        } else if (c instanceof Compare x) {
            return Stream.concat(vars(x.field()), vars(x.value()));
        } else if (c instanceof Matches x) {
            return vars(x.field());
        } else if (c instanceof Between x) {
            return Stream.of(vars(x.field()), vars(x.low()), vars(x.high())).flatMap(s -> s);
        } else if (c instanceof OneOf x) {
            return Stream.concat(vars(x.field()), x.values().stream().flatMap(PatternReader::vars));
        } else if (c instanceof Exists x) {
            return vars(x.field());
        } else if (c instanceof AnyOf x) {
            return x.alternatives().stream().flatMap(List::stream).flatMap(PatternReader::referencedVars);
        }
        return Stream.empty(); // NotSameFact: not a join
    }

    private static Stream<String> vars(Field f) {
        return f.var() == null ? Stream.empty() : Stream.of(f.var());
    }

    private static Stream<String> vars(Operand o) {
        return o instanceof FieldValue fv ? vars(fv.field()) : Stream.empty();
    }

    private boolean fieldsPresent(Entry j, FactType type, Bound other, String... fields) {
        for (String f : fields) {
            for (FactType t : List.of(type, other.type())) {
                if (!t.has(f)) {
                    problems.error(j, j.key() + ": " + t.name() + " has no field '" + f + "' to join on (fact types"
                            + " with " + String.join(" and ", fields) + ": " + types.all().stream()
                            .filter(x -> Arrays.stream(fields).allMatch(x::has)).map(FactType::name)
                            .collect(Collectors.joining(", ")) + ")");
                    return false;
                }
            }
        }
        return true;
    }

    private Bound boundRef(YamlNode ref, String what) {
        if (!(ref instanceof YScalar s) || !(s.value() instanceof String name)) {
            problems.error(ref, what + ": expected the name of an earlier match item, found " + ref.describe());
            return null;
        }
        Bound b = bound.get(name);
        if (b == null) {
            problems.error(ref, what + ": '" + name + "' is not a fact matched above this item (matched so far: "
                    + (bound.isEmpty() ? "none" : String.join(", ", bound.keySet())) + ")");
        }
        return b;
    }
}
