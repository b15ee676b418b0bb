package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.Diagnostic;
import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.SourceFile;
import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FieldInfo;
import dev.perfwarden.engine.frontend.yaml.FactTypes.ValueKind;
import dev.perfwarden.engine.yaml.PositionedYaml;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.engine.yaml.YamlNode.Entry;
import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.engine.yaml.YamlNode.YScalar;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.facts.core.InputKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles one YAML policy file into DRL. Every value that reaches the DRL is checked first (ids,
 * severities, fact types, field names against the record components, value types, regexes,
 * parameters, placeholders) and then written as an escaped literal; nothing the author writes is
 * pasted into the DRL as code. Each DRL line remembers the YAML line it came from, so that Drools'
 * own errors (which should not happen) still point at the policy.
 *
 * <p>The language is described in docs/rules.md; the keys are the constants below.
 */
final class PolicyCompiler {
    static final List<String> TOP_KEYS = List.of("rules");
    static final List<String> RULE_KEYS = List.of("id", "severity", "hotSeverity", "scope", "summary", "tags",
            "inputs", "doc", "match", "message", "at");
    static final List<String> ITEM_KINDS = List.of("fact", "not", "exists");
    static final List<String> PATTERN_KEYS = List.of("fact", "as", "where", "same-function", "same-line");
    static final List<String> OPERATORS = List.of("equals", "not-equals", "regex", "not-regex", "<", "<=", ">", ">=",
            "lt", "lte", "gt", "gte", "between", "in", "not-in", "exists");
    static final List<String> FILTERS = List.of("percent");

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Map<String, String> COMPARISONS = Map.of("<", "<", "<=", "<=", ">", ">", ">=", ">=",
            "lt", "<", "lte", "<=", "gt", ">", "gte", ">=");

    private final SourceFile src;
    private final PackContext ctx;
    private final FactTypes types;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<String, String> docs = new LinkedHashMap<>();
    private final Set<Class<?>> imports = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
    private final List<String> drl = new ArrayList<>();
    private final List<Integer> drlLines = new ArrayList<>();

    PolicyCompiler(SourceFile src, PackContext ctx, FactTypes types) {
        this.src = src;
        this.ctx = ctx;
        this.types = types;
    }

    // ---------------------------------------------------------------- driver

    Translation compile() {
        YamlNode root;
        try {
            root = PositionedYaml.parse(src.text());
        } catch (PositionedYaml.SyntaxError e) {
            return Translation.failed(List.of(new Diagnostic(src.path(), e.line(), e.col(), e.getMessage())));
        }
        if (root == null) {
            error(1, 0, "the policy file is empty; expected 'rules:' with a list of rules");
            return Translation.failed(problems);
        }
        if (!(root instanceof YMap top)) {
            error(root, "expected a mapping with the key 'rules:' at the top, found " + root.describe());
            return Translation.failed(problems);
        }
        unknownKeys(top, TOP_KEYS, "at the top of a policy file");
        Entry rules = top.entries().get("rules");
        if (rules == null) {
            error(top, "missing 'rules:' (a list of rules)");
            return Translation.failed(problems);
        }
        if (!(rules.value() instanceof YList list) || list.items().isEmpty()) {
            error(rules, "'rules' must be a non-empty list of rules (each item starting with '- id: ...'), found "
                    + rules.value().describe());
            return Translation.failed(problems);
        }
        List<Body> bodies = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YMap rule)) {
                error(item, "each rule must be a mapping (id, severity, summary, match, message), found "
                        + item.describe());
                continue;
            }
            Body b = new RuleCompiler(rule).compile();
            if (b != null) {
                Integer prev = ids.putIfAbsent(b.id, b.idLine);
                if (prev != null) {
                    error(b.idLine, 0, "rule id '" + b.id + "' is used twice in this file (first at line " + prev + ")");
                }
                bodies.add(b);
            }
        }
        if (!problems.isEmpty()) {
            return Translation.failed(problems);
        }
        int top1 = top.entries().get("rules").line();
        emit(top1, "package " + ctx.drlPackage() + ";");
        emit(top1, "");
        emit(top1, "import dev.perfwarden.engine.rule.Hits;");
        emit(top1, "import dev.perfwarden.engine.rule.Param;");
        if (bodies.stream().anyMatch(b -> b.lines.stream().anyMatch(l -> l.contains("Regex.matches(")))) {
            emit(top1, "import dev.perfwarden.engine.rule.Regex;");
        }
        for (Class<?> c : imports) {
            emit(top1, "import " + c.getName() + ";");
        }
        for (Body b : bodies) {
            emit(b.idLine, "");
            for (int i = 0; i < b.lines.size(); i++) {
                emit(b.sourceLines.get(i), b.lines.get(i));
            }
        }
        int[] map = drlLines.stream().mapToInt(Integer::intValue).toArray();
        return new Translation(String.join("\n", drl) + "\n", LineMap.of(map), List.of(), docs);
    }

    private void emit(int yamlLine, String text) {
        drl.add(text);
        drlLines.add(Math.max(1, yamlLine));
    }

    /** One compiled rule: its DRL lines and the YAML line of each. */
    private static final class Body {
        String id;
        int idLine;
        final List<String> lines = new ArrayList<>();
        final List<Integer> sourceLines = new ArrayList<>();

        void add(int yamlLine, String text) {
            lines.add(text);
            sourceLines.add(yamlLine);
        }
    }

    /** A fact bound by a positive match item. */
    private record Bound(String alias, FactType type, String var, int line) {
    }

    // ---------------------------------------------------------------- one rule

    private final class RuleCompiler {
        private final YMap rule;
        private final int before = problems.size();
        private final Map<String, Bound> bound = new LinkedHashMap<>();
        private final Map<String, String> paramVars = new LinkedHashMap<>();
        private final Map<String, String> messageParams = new LinkedHashMap<>();
        private final List<String> lhs = new ArrayList<>();
        private final List<Integer> lhsLines = new ArrayList<>();
        private String id = "?";

        RuleCompiler(YMap rule) {
            this.rule = rule;
        }

        Body compile() {
            unknownKeys(rule, RULE_KEYS, "in a rule");
            Entry idE = required(rule, "id", "the rule id, kebab-case (e.g. big-closure)");
            String idv = idE == null ? null : text(idE, "the rule id");
            if (idv != null) {
                if (!ID.matcher(idv).matches()) {
                    error(idE.value(), "rule id '" + idv + "' must be kebab-case: lower-case letters and digits, "
                            + "words joined by single dashes (e.g. big-closure)");
                }
                id = idv;
            }
            Entry sevE = required(rule, "severity", "error, warning or note");
            Severity severity = sevE == null ? null : severity(sevE);
            Entry hotE = rule.entries().get("hotSeverity");
            Severity hot = hotE == null ? null : severity(hotE);
            if (severity != null && hot != null && !hot.atLeast(severity)) {
                error(hotE.value(), "hotSeverity " + hot + " is below severity " + severity
                        + " (a hot finding is at least as severe)");
            }
            Entry scopeE = rule.entries().get("scope");
            Scope scope = Scope.LINE;
            if (scopeE != null) {
                String s = text(scopeE, "line, function or none");
                scope = s == null ? null : Scope.byId(s).orElse(null);
                if (s != null && scope == null) {
                    error(scopeE.value(), "scope '" + s + "' must be line, function or none");
                }
            }
            Entry sumE = required(rule, "summary", "one sentence saying what the rule finds");
            String summary = sumE == null ? null : oneLine(sumE, "summary");
            List<String> tags = words(rule.entries().get("tags"), "tag", TAG);
            List<String> inputs = words(rule.entries().get("inputs"), "input kind", null);
            Entry inputsE = rule.entries().get("inputs");
            for (String in : inputs) {
                if (InputKind.byId(in).isEmpty()) {
                    error(inputsE.value(), "unknown input kind '" + in + "' (known: "
                            + Arrays.stream(InputKind.values()).map(InputKind::id).collect(Collectors.joining(", ")) + ")");
                }
            }
            Entry docE = rule.entries().get("doc");
            if (docE != null) {
                String d = text(docE, "markdown text");
                if (d != null) {
                    if (d.isBlank()) {
                        error(docE.value(), "doc is empty");
                    } else if (idv != null) {
                        docs.put(idv, d.strip() + "\n");
                    }
                }
            }

            Entry matchE = required(rule, "match", "a list of facts to match (- fact: escape ...)");
            if (matchE != null) {
                if (!(matchE.value() instanceof YList items) || items.items().isEmpty()) {
                    error(matchE.value(), "'match' must be a non-empty list of match items (- fact: ..., - not: ...), found "
                            + matchE.value().describe());
                } else {
                    for (YamlNode item : items.items()) {
                        matchItem(item);
                    }
                    if (bound.isEmpty() && problems.size() == before) {
                        error(matchE, "'match' needs at least one '- fact:' item (a 'not' or 'exists' alone"
                                + " has nothing to report on)");
                    }
                }
            }
            Entry atE = rule.entries().get("at");
            Bound at = null;
            if (atE != null) {
                String a = text(atE, "the alias ('as') of a matched fact");
                if (a != null) {
                    at = bound.get(a);
                    if (at == null && problems.size() == before) {
                        error(atE.value(), "at: '" + a + "' is not a matched fact (matched: " + bound.keySet() + ")");
                    }
                }
            } else if (!bound.isEmpty()) {
                at = bound.values().iterator().next();
            }
            if (at != null && scope != null) {
                checkScope(scope, at, scopeE == null ? atE == null ? rule : atE.value() : scopeE.value());
            }
            Entry msgE = required(rule, "message", "the finding's message, with {{alias.field}} placeholders");
            String message = null;
            if (msgE != null) {
                String m = oneLine(msgE, "message");
                if (m != null) {
                    message = messageExpr(m, msgE.value());
                }
            }
            if (problems.size() > before) {
                return null;
            }

            Body b = new Body();
            b.id = id;
            b.idLine = idE.line();
            b.add(idE.line(), "rule \"" + id + "\"");
            b.add(sevE.value().line(), "    @severity(" + severity + ")");
            if (hot != null) {
                b.add(hotE.value().line(), "    @hotSeverity(" + hot + ")");
            }
            if (scopeE != null) {
                b.add(scopeE.value().line(), "    @scope(" + scope.id() + ")");
            }
            b.add(sumE.value().line(), "    @summary(" + literal(summary) + ")");
            if (!tags.isEmpty()) {
                b.add(rule.entries().get("tags").line(), "    @tags(" + literal(String.join(", ", tags)) + ")");
            }
            if (!inputs.isEmpty()) {
                b.add(inputsE.line(), "    @inputs(" + literal(String.join(", ", inputs)) + ")");
            }
            b.add(matchE.line(), "when");
            for (int i = 0; i < lhs.size(); i++) {
                b.add(lhsLines.get(i), lhs.get(i));
            }
            b.add(msgE.line(), "then");
            List<String> evidence = new ArrayList<>();
            if (at.type().hasEvidence()) {
                evidence.add(at.var());
            }
            for (Bound x : bound.values()) {
                if (x != at && x.type().hasEvidence()) {
                    evidence.add(x.var());
                }
            }
            String ev = evidence.isEmpty() ? "" : ", " + String.join(", ", evidence);
            if (at.type().located()) {
                b.add(msgE.value().line(), "    insert(Hits.hit(drools, " + at.var() + ", " + message + ev + "));");
            } else {
                FactType t = at.type();
                String sym = t.has("symbol") && t.fields().get("symbol").kind() == ValueKind.TEXT
                        ? at.var() + ".symbol()" : "\"\"";
                String file = t.has("file") && t.fields().get("file").kind() == ValueKind.TEXT
                        ? at.var() + ".file()" : "\"\"";
                String line = t.has("line") && t.fields().get("line").kind() == ValueKind.INTEGER
                        ? "(int) " + at.var() + ".line()" : "0";
                String col = t.has("col") && t.fields().get("col").kind() == ValueKind.INTEGER
                        ? "(int) " + at.var() + ".col()" : "0";
                b.add(msgE.value().line(), "    insert(Hits.at(drools, " + sym + ", " + file + ", " + line + ", " + col
                        + ", " + message + ev + "));");
            }
            b.add(msgE.line(), "end");
            return b;
        }

        private void checkScope(Scope scope, Bound at, YamlNode where) {
            FactType t = at.type();
            if (scope == Scope.LINE && !(t.has("file") && t.has("line"))) {
                error(where, "scope line weighs the finding by its source line, but the reported fact '" + at.alias()
                        + "' (" + t.name() + ") has no file and line; use scope: "
                        + (t.has("symbol") ? "function or none" : "none"));
            } else if (scope == Scope.FUNCTION && !t.has("symbol")) {
                error(where, "scope function weighs the finding by its function, but the reported fact '"
                        + at.alias() + "' (" + t.name() + ") has no symbol; use scope: none");
            }
        }

        private Severity severity(Entry e) {
            String s = text(e, "error, warning or note");
            if (s == null) {
                return null;
            }
            Severity v = Severity.byId(s).orElse(null);
            if (v == null) {
                error(e.value(), e.key() + " '" + s + "' must be error, warning or note");
            }
            return v;
        }

        // ------------------------------------------------------------ match items

        private void matchItem(YamlNode item) {
            if (!(item instanceof YMap m)) {
                error(item, "a match item must be a mapping starting with fact:, not: or exists:, found "
                        + item.describe());
                return;
            }
            List<String> kinds = m.entries().keySet().stream().filter(ITEM_KINDS::contains).toList();
            if (kinds.size() != 1) {
                error(m, kinds.isEmpty()
                        ? "a match item needs one of fact:, not: or exists: (found keys " + m.entries().keySet() + ")"
                        : "a match item takes only one of fact:, not:, exists: (found " + kinds + ")");
                return;
            }
            String kind = kinds.get(0);
            if (kind.equals("fact")) {
                pattern(m, null);
                return;
            }
            unknownKeys(m, List.of(kind), "next to " + kind + ": (put fact, where and same-* inside it)");
            Entry inner = m.entries().get(kind);
            if (!(inner.value() instanceof YMap im)) {
                error(inner.value(), kind + ": must be a mapping with fact: and optionally where:, same-function:,"
                        + " same-line:, found " + inner.value().describe());
                return;
            }
            if (!im.entries().containsKey("fact")) {
                error(im, kind + ": needs 'fact:' (which fact type must " + (kind.equals("not") ? "be absent" : "exist")
                        + ")");
                return;
            }
            pattern(im, kind);
        }

        /** A pattern: positive ({@code quantifier} null), {@code not} or {@code exists}. */
        private void pattern(YMap m, String quantifier) {
            List<String> allowed = quantifier == null ? PATTERN_KEYS
                    : PATTERN_KEYS.stream().filter(k -> !k.equals("as")).toList();
            unknownKeys(m, allowed, quantifier == null ? "in a match item" : "in " + quantifier + ":");
            Entry factE = m.entries().get("fact");
            String typeName = text(factE, "a fact type");
            if (typeName == null) {
                return;
            }
            FactType type = types.byName(typeName).orElse(null);
            if (type == null) {
                error(factE.value(), "unknown fact type '" + typeName + "'" + suggest(typeName, types.names())
                        + "; known fact types: " + String.join(", ", types.names()));
                return;
            }
            imports.add(type.type());
            String alias = null;
            Entry asE = m.entries().get("as");
            if (quantifier == null) {
                if (asE != null) {
                    alias = text(asE, "a name for this fact");
                    if (alias == null) {
                        return;
                    }
                    if (!ALIAS.matcher(alias).matches()) {
                        error(asE.value(), "as: '" + alias + "' must be a name of letters and digits starting with a"
                                + " lower-case letter (e.g. call, esc2)");
                        return;
                    }
                } else {
                    alias = defaultAlias(typeName);
                }
                if (alias.equals("param")) {
                    error(asE == null ? factE.value() : asE.value(), "'param' is reserved ({{param.NAME}} in messages);"
                            + " choose another name with as:");
                    return;
                }
                if (bound.containsKey(alias)) {
                    error(asE == null ? factE.value() : asE.value(), "the name '" + alias + "' is already taken by the"
                            + " match item at line " + bound.get(alias).line()
                            + (asE == null ? "; give this one a name of its own with as:" : ""));
                    return;
                }
            }
            int itemLine = factE.line();
            List<String> cs = new ArrayList<>();
            List<Integer> cLines = new ArrayList<>();
            List<String> preLines = new ArrayList<>();
            List<Integer> preSrc = new ArrayList<>();

            // never bind the same fact twice
            for (Bound b : bound.values()) {
                if (b.type() == type) {
                    cs.add("this != " + b.var());
                    cLines.add(itemLine);
                }
            }
            for (String join : List.of("same-function", "same-line")) {
                Entry j = m.entries().get(join);
                if (j == null) {
                    continue;
                }
                for (YamlNode ref : listOrOne(j.value())) {
                    Bound other = boundRef(ref, join);
                    if (other == null) {
                        continue;
                    }
                    if (join.equals("same-function")) {
                        if (!fieldsPresent(j, type, other, "symbol")) {
                            continue;
                        }
                        cs.add("symbol == " + other.var() + ".symbol");
                        cLines.add(j.line());
                        cs.add("symbol != \"\"");
                        cLines.add(j.line());
                    } else {
                        if (!fieldsPresent(j, type, other, "file", "line")) {
                            continue;
                        }
                        cs.add("line == " + other.var() + ".line");
                        cLines.add(j.line());
                        cs.add("line > 0");
                        cLines.add(j.line());
                        // the same file: equal paths, or one a longer form of the other (-trimpath or
                        // absolute machine-code paths against module-relative compiler paths)
                        cs.add("(file == " + other.var() + ".file || file.endsWith(\"/\" + " + other.var()
                                + ".file) || " + other.var() + ".file.endsWith(\"/\" + file))");
                        cLines.add(j.line());
                    }
                }
            }
            Entry whereE = m.entries().get("where");
            if (whereE != null) {
                if (!(whereE.value() instanceof YMap w)) {
                    error(whereE.value(), "where: must be a mapping of field: condition, found "
                            + whereE.value().describe());
                } else {
                    List<Constraint> out = new ArrayList<>();
                    whereMap(type, w, preLines, preSrc, out);
                    for (Constraint c : out) {
                        cs.add(c.drl());
                        cLines.add(c.line());
                    }
                }
            }
            if (quantifier == null && !bound.isEmpty() && cs.stream().noneMatch(c -> bound.values().stream()
                    .anyMatch(b -> c.contains(b.var() + ".")))) {
                // an unjoined item pairs every fact of this type with every earlier match: five such items over
                // a real capture are 10^15 combinations, which no limit can make useful
                error(factE.value(), "this match item is not joined to an earlier one ("
                        + String.join(", ", bound.keySet()) + "): every " + typeName + " would be paired with every"
                        + " earlier match; add same-function: or same-line:, or compare a field with"
                        + " {field: ALIAS.FIELD} in where:");
                return;
            }
            for (int i = 0; i < preLines.size(); i++) {
                lhs.add(preLines.get(i));
                lhsLines.add(preSrc.get(i));
            }
            String head = "    " + (quantifier == null ? "$" + alias + " : " : quantifier + " ")
                    + type.type().getSimpleName() + "(";
            if (cs.isEmpty()) {
                lhs.add(head + ")");
                lhsLines.add(itemLine);
            } else {
                lhs.add(head);
                lhsLines.add(itemLine);
                for (int i = 0; i < cs.size(); i++) {
                    lhs.add("        " + cs.get(i) + (i < cs.size() - 1 ? "," : ""));
                    lhsLines.add(cLines.get(i));
                }
                lhs.add("    )");
                lhsLines.add(itemLine);
            }
            if (quantifier == null) {
                bound.put(alias, new Bound(alias, type, "$" + alias, itemLine));
            }
        }

        private boolean fieldsPresent(Entry j, FactType type, Bound other, String... fields) {
            for (String f : fields) {
                for (FactType t : List.of(type, other.type())) {
                    if (!t.has(f)) {
                        error(j, j.key() + ": " + t.name() + " has no field '" + f + "' to join on (fact types with "
                                + String.join(" and ", fields) + ": " + types.all().stream()
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
                error(ref, what + ": expected the name of an earlier match item, found " + ref.describe());
                return null;
            }
            Bound b = bound.get(name);
            if (b == null) {
                error(ref, what + ": '" + name + "' is not a fact matched above this item (matched so far: "
                        + (bound.isEmpty() ? "none" : String.join(", ", bound.keySet())) + ")");
            }
            return b;
        }

        // ------------------------------------------------------------ conditions

        /** One DRL constraint and the YAML line it comes from. */
        private record Constraint(String drl, int line) {
        }

        /** What a condition tests: a DRL expression, the field's description, and how to name it in messages. */
        private record Target(String lhs, FieldInfo field, String what) {
        }

        private record Ctx(Target target, Entry entry, List<String> pre, List<Integer> preSrc) {
            FieldInfo field() {
                return target.field();
            }

            String what() {
                return target.what();
            }
        }

        /** The conditions of a where: mapping (all must hold); {@code any:} holds a list of alternatives. */
        private void whereMap(FactType type, YMap w, List<String> pre, List<Integer> preSrc, List<Constraint> out) {
            for (Entry f : w.entries().values()) {
                if (f.key().equals("any")) {
                    anyOf(type, f, pre, preSrc, out);
                    continue;
                }
                Target t = target(type, f);
                if (t != null) {
                    condition(t, f, pre, preSrc, out);
                }
            }
        }

        private void anyOf(FactType type, Entry f, List<String> pre, List<Integer> preSrc, List<Constraint> out) {
            if (!(f.value() instanceof YList l) || l.items().size() < 2) {
                error(f.value(), "any: expected a list of at least two alternatives, each a mapping of conditions"
                        + " (- kind: a  - kind: b), found " + f.value().describe());
                return;
            }
            List<String> alternatives = new ArrayList<>();
            boolean ok = true;
            for (YamlNode alt : l.items()) {
                if (!(alt instanceof YMap am) || am.entries().isEmpty()) {
                    error(alt, "any: each alternative must be a mapping of conditions (field: condition), found "
                            + alt.describe());
                    ok = false;
                    continue;
                }
                List<Constraint> cs = new ArrayList<>();
                int before = problems.size();
                whereMap(type, am, pre, preSrc, cs);
                if (problems.size() > before) {
                    ok = false;
                    continue;
                }
                alternatives.add("(" + cs.stream().map(c -> "(" + c.drl() + ")").collect(Collectors.joining(" && ")) + ")");
            }
            if (ok) {
                out.add(new Constraint("(" + String.join(" || ", alternatives) + ")", f.line()));
            }
        }

        /**
         * The field a where: key names: a field of this pattern's fact ({@code kind}, {@code evidence.input}),
         * or {@code NAME.FIELD} of a fact matched above ({@code site.kind}).
         */
        private Target target(FactType type, Entry f) {
            String key = f.key();
            FieldInfo field = type.fields().get(key);
            String lhs = key;
            String what = "'" + key + "' of " + type.name();
            int dot = key.indexOf('.');
            if (field == null && dot > 0 && bound.containsKey(key.substring(0, dot))) {
                Bound b = bound.get(key.substring(0, dot));
                String rest = key.substring(dot + 1);
                field = b.type().fields().get(rest);
                if (field == null) {
                    error(f, b.type().name() + " ('" + b.alias() + "') has no field '" + rest + "'"
                            + suggest(rest, b.type().fields().keySet()) + "; its fields: " + testableFields(b.type()));
                    return null;
                }
                lhs = b.var() + "." + rest;
                what = "'" + rest + "' of " + b.alias() + " (" + b.type().name() + ")";
            }
            if (field == null) {
                error(f, type.name() + " has no field '" + key + "'" + suggest(key, type.fields().keySet())
                        + "; its fields: " + testableFields(type)
                        + (bound.isEmpty() ? "" : "; fields of facts matched above are written NAME.FIELD ("
                        + String.join(", ", bound.keySet()) + ")"));
                return null;
            }
            if (!field.kind().testable()) {
                error(f, "field '" + field.name() + "' of " + type.name() + " is a " + field.javaType()
                        + " and cannot be tested itself; testable fields: " + testableFields(type));
                return null;
            }
            return new Target(lhs, field, what);
        }

        private void condition(Target t, Entry f, List<String> pre, List<Integer> preSrc, List<Constraint> out) {
            YamlNode v = f.value();
            Map<String, Entry> ops;
            if (v instanceof YMap m && !isOperandMap(m)) {
                ops = m.entries();
                if (ops.isEmpty()) {
                    error(f, "no condition for '" + f.key() + "' (write a value, or e.g. {\">=\": 3})");
                    return;
                }
            } else {
                ops = Map.of("equals", new Entry("equals", v.line(), v.col(), v));
            }
            Ctx c = new Ctx(t, f, pre, preSrc);
            for (Entry op : ops.values()) {
                String drlc = operator(c, op);
                if (drlc != null) {
                    out.add(new Constraint(drlc, op.line()));
                }
            }
        }

        private String operator(Ctx c, Entry op) {
            String name = c.target().lhs();
            ValueKind k = c.field().kind();
            YamlNode v = op.value();
            switch (op.key()) {
                case "equals":
                case "not-equals": {
                    String o = op.key().equals("equals") ? "==" : "!=";
                    if (k == ValueKind.LIST || k == ValueKind.MAP) {
                        return typeError(op, c, "a " + k.label() + " can only be tested with exists: true|false");
                    }
                    String x = operand(c, v, op.key());
                    return x == null ? null : name + " " + o + " " + x;
                }
                case "regex":
                case "not-regex": {
                    if (k != ValueKind.TEXT) {
                        return typeError(op, c, op.key() + " needs a text field, but " + c.what() + " is "
                                + article(k) + " (compare numbers with <, <=, >, >=, between or in)");
                    }
                    if (!(v instanceof YScalar s) || !(s.value() instanceof String re)) {
                        error(v, op.key() + ": expected a regular expression in quotes, found " + v.describe());
                        return null;
                    }
                    String bad = dev.perfwarden.engine.rule.Regex.problem(re).orElse(null);
                    if (bad != null) {
                        error(v, op.key() + ": '" + re + "' is not a valid regular expression: " + bad
                                + " (RE2 syntax, matched against the whole value; no backreferences or lookaround)");
                        return null;
                    }
                    // RE2/J: linear time, so no pattern can backtrack catastrophically
                    return (op.key().equals("regex") ? "" : "!") + "Regex.matches(" + name + ", " + literal(re) + ")";
                }
                case "between": {
                    if (!k.numeric()) {
                        return typeError(op, c, "between needs a numeric field, but " + c.what() + " is " + article(k));
                    }
                    if (!(v instanceof YList l) || l.items().size() != 2) {
                        error(v, "between: expected [low, high] (both ends included), found " + v.describe());
                        return null;
                    }
                    YamlNode lo = l.items().get(0);
                    YamlNode hi = l.items().get(1);
                    if (lo instanceof YScalar a && a.isNumber() && hi instanceof YScalar b && b.isNumber()
                            && ((Number) a.value()).doubleValue() > ((Number) b.value()).doubleValue()) {
                        error(v, "between: the low end " + a.value() + " is above the high end " + b.value());
                        return null;
                    }
                    String x = operand(c, lo, "between");
                    String y = operand(c, hi, "between");
                    return x == null || y == null ? null : name + " >= " + x + " && " + name + " <= " + y;
                }
                case "in":
                case "not-in": {
                    if (!(k == ValueKind.TEXT || k.numeric())) {
                        return typeError(op, c, op.key() + " needs a text or numeric field, but " + c.what() + " is "
                                + article(k));
                    }
                    if (!(v instanceof YList l) || l.items().isEmpty()) {
                        error(v, op.key() + ": expected a non-empty list of values, e.g. [a, b], found " + v.describe());
                        return null;
                    }
                    List<String> xs = new ArrayList<>();
                    for (YamlNode i : l.items()) {
                        if (!(i instanceof YScalar)) {
                            error(i, op.key() + ": list items must be plain values, found " + i.describe());
                            return null;
                        }
                        String x = operand(c, i, op.key());
                        if (x == null) {
                            return null;
                        }
                        xs.add(x);
                    }
                    return name + (op.key().equals("in") ? " in (" : " not in (") + String.join(", ", xs) + ")";
                }
                case "exists": {
                    if (!(v instanceof YScalar s) || !(s.value() instanceof Boolean want)) {
                        error(v, "exists: expected true or false, found " + v.describe());
                        return null;
                    }
                    if (k == ValueKind.TEXT) {
                        return want ? name + " != null && " + name + " != \"\""
                                : "(" + name + " == null || " + name + " == \"\")";
                    }
                    if (k == ValueKind.LIST || k == ValueKind.MAP) {
                        return want ? name + " != null && " + name + ".isEmpty() == false"
                                : "(" + name + " == null || " + name + ".isEmpty() == true)";
                    }
                    return typeError(op, c, "exists applies to text and list fields, but " + c.what() + " is "
                            + article(k) + " (always present; compare it instead)");
                }
                default: {
                    String cmp = COMPARISONS.get(op.key());
                    if (cmp == null) {
                        error(op, "unknown condition '" + op.key() + "' on " + c.what() + suggest(op.key(), OPERATORS)
                                + "; conditions: " + String.join(", ", OPERATORS)
                                + " (or a plain value for equals)");
                        return null;
                    }
                    if (!k.numeric()) {
                        return typeError(op, c, "'" + op.key() + "' compares numbers, but " + c.what() + " is "
                                + article(k) + (k == ValueKind.TEXT ? " (use equals, regex or in)" : ""));
                    }
                    String x = operand(c, v, op.key());
                    return x == null ? null : name + " " + cmp + " " + x;
                }
            }
        }

        private String typeError(Entry op, Ctx c, String msg) {
            error(op, msg);
            return null;
        }

        /** A value to compare a field with: a literal, {param: NAME} or {field: alias.field}; type-checked. */
        private String operand(Ctx c, YamlNode v, String op) {
            FieldInfo f = c.field();
            ValueKind k = f.kind();
            if (v instanceof YMap m) {
                if (!isOperandMap(m)) {
                    error(v, op + ": expected a value, {param: NAME} or {field: NAME.FIELD}, found a mapping with "
                            + m.entries().keySet());
                    return null;
                }
                Entry e = m.entries().values().iterator().next();
                String ref = text(e, e.key().equals("param") ? "a parameter name" : "NAME.FIELD of a matched fact");
                if (ref == null) {
                    return null;
                }
                if (e.key().equals("param")) {
                    ParamType pt = ctx.parameters().get(ref);
                    if (pt == null) {
                        error(e.value(), "param: pack " + ctx.packId() + " has no parameter '" + ref + "'"
                                + suggest(ref, ctx.parameters().keySet()) + " (parameters: "
                                + String.join(", ", new TreeSet<>(ctx.parameters().keySet()))
                                + "; declare it under parameters: in pack.yaml)");
                        return null;
                    }
                    ValueKind pk = pt == ParamType.NUMBER ? ValueKind.DECIMAL
                            : pt == ParamType.BOOLEAN ? ValueKind.BOOLEAN : ValueKind.TEXT;
                    if (!compatible(k, pk)) {
                        error(e.value(), op + ": parameter '" + ref + "' is a " + pt.id() + ", but " + c.what()
                                + " is " + article(k));
                        return null;
                    }
                    return paramVar(ref, pt, e.value().line(), c);
                }
                int dot = ref.indexOf('.');
                Bound b = dot < 0 ? null : bound.get(ref.substring(0, dot));
                if (b == null) {
                    error(e.value(), "field: '" + ref + "' must be NAME.FIELD with NAME a fact matched above (matched"
                            + " so far: " + (bound.isEmpty() ? "none" : String.join(", ", bound.keySet())) + ")");
                    return null;
                }
                FieldInfo of = b.type().fields().get(ref.substring(dot + 1));
                if (of == null || !of.kind().testable()) {
                    error(e.value(), "field: " + b.type().name() + " has no field '" + ref.substring(dot + 1) + "'"
                            + suggest(ref.substring(dot + 1), b.type().fields().keySet()) + "; its fields: "
                            + testableFields(b.type()));
                    return null;
                }
                if (!compatible(k, of.kind())) {
                    error(e.value(), op + ": '" + ref + "' is " + article(of.kind()) + ", but " + c.what() + " is "
                            + article(k));
                    return null;
                }
                return b.var() + "." + of.name();
            }
            if (!(v instanceof YScalar s)) {
                error(v, op + ": expected a single value, found " + v.describe()
                        + (op.equals("equals") ? " (for several values use in: [a, b])" : ""));
                return null;
            }
            Object x = s.value();
            if (x == null) {
                error(v, op + ": no value given for " + c.what() + " (for 'is empty' use exists: false)");
                return null;
            }
            if (k == ValueKind.TEXT) {
                if (!(x instanceof String str)) {
                    error(v, c.what() + " is text; compare it with text, not " + s.describe()
                            + " (write it in quotes: '" + x + "')");
                    return null;
                }
                if (f.closedSet() && !f.values().contains(str) && (op.equals("equals") || op.equals("not-equals")
                        || op.equals("in") || op.equals("not-in"))) {
                    error(v, "'" + str + "' is not a value of " + c.what() + suggest(str, f.values()) + "; values: "
                            + String.join(", ", f.values()));
                    return null;
                }
                String lit = checkedText(str, v);
                return lit;
            }
            if (k.numeric()) {
                if (x instanceof BigInteger) {
                    error(v, "number " + x + " is too large");
                    return null;
                }
                if (!(x instanceof Number)) {
                    error(v, c.what() + " is " + article(k) + "; '" + op + "' needs a number, not " + s.describe());
                    return null;
                }
                if (x instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    error(v, op + ": " + d + " is not a finite number");
                    return null;
                }
                return x instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : x.toString();
            }
            if (k == ValueKind.BOOLEAN) {
                if (!(x instanceof Boolean bo)) {
                    error(v, c.what() + " is a boolean; compare it with true or false, not " + s.describe());
                    return null;
                }
                return bo.toString();
            }
            error(v, c.what() + " is " + article(k) + " and can only be tested with exists: true|false");
            return null;
        }

        private String paramVar(String name, ParamType pt, int line, Ctx c) {
            String var = paramVars.get(name);
            if (var == null) {
                var = "$param" + (paramVars.size() + 1);
                paramVars.put(name, var);
                String slot = pt == ParamType.NUMBER ? "number" : pt == ParamType.STRING ? "text" : "value";
                c.pre().add("    Param(pack == " + literal(ctx.packId()) + ", name == " + literal(name) + ", " + var
                        + " : " + slot + ")");
                c.preSrc().add(line);
            }
            return var;
        }

        // ------------------------------------------------------------ message

        /** The message template as a Java string expression. */
        private String messageExpr(String template, YamlNode at) {
            List<String> parts = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            int last = 0;
            boolean ok = true;
            while (m.find()) {
                if (m.start() > last) {
                    parts.add(literal(template.substring(last, m.start())));
                }
                String expr = placeholder(m.group(1).strip(), at);
                if (expr == null) {
                    ok = false;
                } else {
                    parts.add(expr);
                }
                last = m.end();
            }
            String rest = template.substring(last);
            if (rest.contains("{{") || rest.contains("}}")) {
                error(at, "message: unbalanced '{{' or '}}' in \"" + template + "\" (placeholders look like {{call.callee}})");
                return null;
            }
            if (!rest.isEmpty()) {
                parts.add(literal(rest));
            }
            if (!ok) {
                return null;
            }
            if (parts.isEmpty()) {
                return "\"\"";
            }
            return String.join(" + ", parts);
        }

        private String placeholder(String p, YamlNode at) {
            String filter = null;
            int bar = p.indexOf('|');
            if (bar >= 0) {
                filter = p.substring(bar + 1).strip();
                p = p.substring(0, bar).strip();
                if (!FILTERS.contains(filter)) {
                    error(at, "message: unknown filter '" + filter + "' in {{" + p + " | " + filter + "}} (filters: "
                            + String.join(", ", FILTERS) + ")");
                    return null;
                }
            }
            int dot = p.indexOf('.');
            if (dot <= 0) {
                error(at, "message: placeholder {{" + p + "}} must be {{NAME.FIELD}} with NAME a matched fact ("
                        + String.join(", ", bound.keySet()) + ") or {{param.NAME}}");
                return null;
            }
            String alias = p.substring(0, dot);
            String fieldName = p.substring(dot + 1);
            if (alias.equals("param")) {
                ParamType pt = ctx.parameters().get(fieldName);
                if (pt == null) {
                    error(at, "message: {{" + p + "}}: pack " + ctx.packId() + " has no parameter '" + fieldName + "'"
                            + suggest(fieldName, ctx.parameters().keySet()) + " (parameters: "
                            + String.join(", ", new TreeSet<>(ctx.parameters().keySet())) + ")");
                    return null;
                }
                if (filter != null && pt != ParamType.NUMBER) {
                    error(at, "message: {{" + p + " | " + filter + "}} needs a number parameter, '" + fieldName
                            + "' is a " + pt.id());
                    return null;
                }
                String key = fieldName + (filter == null ? "" : "|number");
                String var = messageParams.get(key);
                if (var == null) {
                    var = "$messageParam" + (messageParams.size() + 1);
                    messageParams.put(key, var);
                    lhs.add("    Param(pack == " + literal(ctx.packId()) + ", name == " + literal(fieldName) + ", "
                            + var + " : " + (filter == null ? "text" : "number") + ")");
                    lhsLines.add(at.line());
                }
                return filter == null ? var : "String.format(java.util.Locale.ROOT, \"%.1f %%\", " + var + " * 100.0)";
            }
            Bound b = bound.get(alias);
            if (b == null) {
                error(at, "message: {{" + p + "}}: '" + alias + "' is not a matched fact (matched: "
                        + String.join(", ", bound.keySet()) + (bound.isEmpty() ? "" : "; facts under not:/exists: "
                        + "cannot be shown") + ")");
                return null;
            }
            FieldInfo f = b.type().fields().get(fieldName);
            if (f == null) {
                error(at, "message: {{" + p + "}}: " + b.type().name() + " has no field '" + fieldName + "'"
                        + suggest(fieldName, b.type().fields().keySet()) + "; its fields: "
                        + String.join(", ", b.type().fields().keySet()));
                return null;
            }
            String get = b.var() + "." + f.name().replace(".", "().") + "()";
            if (filter != null) {
                if (!f.kind().numeric()) {
                    error(at, "message: {{" + p + " | percent}} needs a numeric field, but '" + fieldName + "' is "
                            + article(f.kind()));
                    return null;
                }
                return "String.format(java.util.Locale.ROOT, \"%.1f %%\", " + get + " * 100.0)";
            }
            return "String.valueOf(" + get + ")";
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isOperandMap(YMap m) {
        return m.entries().size() == 1 && (m.entries().containsKey("param") || m.entries().containsKey("field"));
    }

    private static boolean compatible(ValueKind field, ValueKind value) {
        return field == value || field.numeric() && value.numeric();
    }

    private static String defaultAlias(String typeName) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : typeName.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String article(ValueKind k) {
        return switch (k) {
            case TEXT -> "text";
            case INTEGER -> "an integer";
            case DECIMAL -> "a decimal number";
            case BOOLEAN -> "a boolean";
            case LIST -> "a list";
            case MAP -> "a map";
            case OTHER -> "a structured value";
        };
    }

    private static String testableFields(FactType t) {
        return t.fields().values().stream().filter(f -> f.kind().testable())
                .map(f -> f.name() + " (" + f.kind().label() + ")").collect(Collectors.joining(", "));
    }

    private static List<YamlNode> listOrOne(YamlNode n) {
        return n instanceof YList l ? l.items() : List.of(n);
    }

    private Entry required(YMap m, String key, String what) {
        Entry e = m.entries().get(key);
        if (e == null) {
            error(m, "missing '" + key + ":' (" + what + ")");
        }
        return e;
    }

    /** The entry's value as text; an error (and null) when it is not a plain value. */
    private String text(Entry e, String what) {
        YamlNode v = e.value();
        if (v instanceof YScalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            return s.value().toString();
        }
        error(v, e.key() + ": expected " + what + ", found " + v.describe());
        return null;
    }

    private String oneLine(Entry e, String what) {
        String s = text(e, "one line of text");
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.isEmpty()) {
            error(e.value(), what + " is empty");
            return null;
        }
        if (t.contains("\n")) {
            error(e.value(), what + " must be one line");
            return null;
        }
        return checkedText(t, e.value()) == null ? null : t;
    }

    /** {@code s} as a DRL/Java string literal; an error for control characters that cannot be written. */
    private String checkedText(String s, YamlNode at) {
        for (char ch : s.toCharArray()) {
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                error(at, "control character U+" + String.format("%04X", (int) ch) + " is not allowed here");
                return null;
            }
        }
        return literal(s);
    }

    private List<String> words(Entry e, String what, Pattern shape) {
        if (e == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<YamlNode> items = e.value() instanceof YList l ? l.items() : List.of(e.value());
        for (YamlNode i : items) {
            if (!(i instanceof YScalar s) || !(s.value() instanceof String str)) {
                error(i, e.key() + ": expected a list of " + what + "s, found " + i.describe());
                continue;
            }
            for (String w : str.split(",")) {
                String t = w.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (shape != null && !shape.matcher(t).matches()) {
                    error(i, what + " '" + t + "' must be lower-case letters, digits, dots and dashes");
                    continue;
                }
                out.add(t);
            }
        }
        return out;
    }

    private void unknownKeys(YMap m, Collection<String> allowed, String where) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                error(e, "unknown key '" + e.key() + "' " + where + suggest(e.key(), allowed) + " (expected: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private void error(YamlNode at, String msg) {
        error(at.line(), at.col(), msg);
    }

    private void error(Entry at, String msg) {
        error(at.line(), at.col(), msg);
    }

    private void error(int line, int col, String msg) {
        problems.add(new Diagnostic(src.path(), line, col, msg));
    }

    /** A Java/DRL string literal: quotes, backslashes and line breaks escaped. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(' ');
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code "; did you mean 'x'?"} for the closest candidate within edit distance 2, else "". */
    static String suggest(String got, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : new LinkedHashSet<>(candidates)) {
            int d = distance(got.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(1, Math.min(2, got.length() / 3)) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
