package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.Diagnostic;
import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.SourceFile;
import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
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
import dev.perfwarden.facts.core.InputKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    static final Map<String, String> COMPARISONS = Map.of("<", "<", "<=", "<=", ">", ">", ">=", ">=",
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

    /** Errors reported so far (to tell whether a part compiled cleanly). */
    int problemCount() {
        return problems.size();
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
    record Bound(String alias, FactType type, String var, int line) {
    }

    // ---------------------------------------------------------------- one rule

    private final class RuleCompiler {
        private final YMap rule;
        private final int before = problems.size();
        private final Map<String, Bound> bound = new LinkedHashMap<>();
        private final Map<String, String> paramVars = new LinkedHashMap<>();
        private final ConditionCompiler conditions = new ConditionCompiler(PolicyCompiler.this, ctx, bound, paramVars);
        private final List<String> lhs = new ArrayList<>();
        private final List<Integer> lhsLines = new ArrayList<>();
        private final MessageCompiler messages = new MessageCompiler(PolicyCompiler.this, ctx, bound, lhs, lhsLines);
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
                    message = messages.messageExpr(m, msgE.value());
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
                    List<ConditionCompiler.Constraint> out = new ArrayList<>();
                    conditions.whereMap(type, w, preLines, preSrc, out);
                    for (ConditionCompiler.Constraint c : out) {
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
    }

    // ---------------------------------------------------------------- helpers

    static boolean isOperandMap(YMap m) {
        return m.entries().size() == 1 && (m.entries().containsKey("param") || m.entries().containsKey("field"));
    }

    static boolean compatible(ValueKind field, ValueKind value) {
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

    static String article(ValueKind k) {
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

    static String testableFields(FactType t) {
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
    String text(Entry e, String what) {
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
    String checkedText(String s, YamlNode at) {
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

    void error(YamlNode at, String msg) {
        error(at.line(), at.col(), msg);
    }

    void error(Entry at, String msg) {
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

    /** {@code " (did you mean 'x'?)"} for the closest candidate within edit distance 2, else "". */
    static String suggest(String got, Collection<String> candidates) {
        return dev.perfwarden.engine.frontend.Nearest.didYouMean(got, candidates, 2);
    }
}
