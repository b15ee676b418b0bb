package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.At;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bound;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Message;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Policy;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Rule;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.yaml.PositionedYaml;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.engine.yaml.YamlNode.Entry;
import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.facts.core.InputKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one YAML policy file into a {@link PolicyAst.Policy}, checking everything on the way: keys,
 * ids, severities, scopes, tags, input kinds, fact types, fields, operands, placeholders. Problems go
 * to a {@link PolicyProblems} naming file, line, column and what is wrong; the tree is returned only
 * when there are none. Match items are read by {@link PatternReader}.
 */
final class PolicyReader {
    private final String text;
    private final PackContext ctx;
    private final FactTypes types;
    private final PolicyProblems problems;
    private final Map<String, String> docs = new LinkedHashMap<>();

    PolicyReader(String text, PackContext ctx, FactTypes types, PolicyProblems problems) {
        this.text = text;
        this.ctx = ctx;
        this.types = types;
        this.problems = problems;
    }

    /** The policy, or null when {@code problems} holds what is wrong with it. */
    Policy read() {
        YamlNode root;
        try {
            root = PositionedYaml.parse(text);
        } catch (PositionedYaml.SyntaxError e) {
            problems.error(e.line(), e.col(), e.getMessage());
            return null;
        }
        YList list = rulesList(root);
        if (list == null) {
            return null;
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YMap rule)) {
                problems.error(item, "each rule must be a mapping (id, severity, summary, match, message), found "
                        + item.describe());
                continue;
            }
            Rule r = rule(rule);
            if (r != null) {
                Integer prev = ids.putIfAbsent(r.id().value(), r.id().line());
                if (prev != null) {
                    problems.error(r.id().line(), 0, "rule id '" + r.id().value() + "' is used twice in this file"
                            + " (first at line " + prev + ")");
                }
                rules.add(r);
            }
        }
        return problems.none() ? new Policy(((YMap) root).entries().get("rules").line(), rules, docs) : null;
    }

    /** The list under {@code rules:}; null (and an error) when the file is not shaped that way. */
    private YList rulesList(YamlNode root) {
        if (root == null) {
            problems.error(1, 0, "the policy file is empty; expected 'rules:' with a list of rules");
            return null;
        }
        if (!(root instanceof YMap top)) {
            problems.error(root, "expected a mapping with the key 'rules:' at the top, found " + root.describe());
            return null;
        }
        problems.unknownKeys(top, PolicySyntax.TOP_KEYS, "at the top of a policy file");
        Entry rules = top.entries().get("rules");
        if (rules == null) {
            problems.error(top, "missing 'rules:' (a list of rules)");
            return null;
        }
        if (!(rules.value() instanceof YList list) || list.items().isEmpty()) {
            problems.error(rules, "'rules' must be a non-empty list of rules (each item starting with '- id: ...'),"
                    + " found " + rules.value().describe());
            return null;
        }
        return list;
    }

    /** One rule, or null when something in it is wrong. */
    private Rule rule(YMap rule) {
        int before = problems.count();
        problems.unknownKeys(rule, PolicySyntax.RULE_KEYS, "in a rule");
        Entry idE = problems.required(rule, "id", "the rule id, kebab-case (e.g. big-closure)");
        String id = idE == null ? null : ruleId(idE);
        Entry sevE = problems.required(rule, "severity", "error, warning or note");
        Severity severity = sevE == null ? null : severity(sevE);
        Entry hotE = rule.entries().get("hotSeverity");
        Severity hot = hotE == null ? null : severity(hotE);
        if (severity != null && hot != null && !hot.atLeast(severity)) {
            problems.error(hotE.value(), "hotSeverity " + hot + " is below severity " + severity
                    + " (a hot finding is at least as severe)");
        }
        Entry scopeE = rule.entries().get("scope");
        Scope scope = scopeE == null ? Scope.LINE : scope(scopeE);
        Entry sumE = problems.required(rule, "summary", "one sentence saying what the rule finds");
        String summary = sumE == null ? null : problems.oneLine(sumE, "summary");
        Entry tagsE = rule.entries().get("tags");
        List<String> tags = problems.words(tagsE, "tag", PolicySyntax.TAG);
        Entry inputsE = rule.entries().get("inputs");
        List<String> inputs = inputs(inputsE);
        doc(rule.entries().get("doc"), id);

        PatternReader patterns = new PatternReader(problems, ctx, types);
        Entry matchE = problems.required(rule, "match", "a list of facts to match (- fact: escape ...)");
        if (matchE != null) {
            patterns.match(matchE, before);
        }
        Entry atE = rule.entries().get("at");
        Bound at = at(atE, patterns.bound(), before);
        if (at != null && scope != null) {
            checkScope(scope, at, scopeE == null ? atE == null ? rule : atE.value() : scopeE.value());
        }
        Entry msgE = problems.required(rule, "message", "the finding's message, with {{alias.field}} placeholders");
        MessageReader messages = new MessageReader(problems, ctx, patterns.bound());
        Message message = null;
        if (msgE != null) {
            String m = problems.oneLine(msgE, "message");
            if (m != null) {
                message = messages.message(m, msgE.value());
            }
        }
        if (problems.count() > before) {
            return null;
        }
        return new Rule(new At<>(id, idE.line()), new At<>(severity, sevE.value().line()),
                hotE == null ? null : new At<>(hot, hotE.value().line()),
                scopeE == null ? null : new At<>(scope, scopeE.value().line()),
                new At<>(summary, sumE.value().line()), new At<>(tags, tagsE == null ? 0 : tagsE.line()),
                new At<>(inputs, inputsE == null ? 0 : inputsE.line()), matchE.line(), patterns.patterns(),
                messages.params(), at, message, msgE.line(), msgE.value().line());
    }

    private String ruleId(Entry idE) {
        String id = problems.text(idE, "the rule id");
        if (id != null && !PolicySyntax.ID.matcher(id).matches()) {
            problems.error(idE.value(), "rule id '" + id + "' must be kebab-case: lower-case letters and digits, "
                    + "words joined by single dashes (e.g. big-closure)");
        }
        return id;
    }

    private Severity severity(Entry e) {
        String s = problems.text(e, "error, warning or note");
        if (s == null) {
            return null;
        }
        Severity v = Severity.byId(s).orElse(null);
        if (v == null) {
            problems.error(e.value(), e.key() + " '" + s + "' must be error, warning or note");
        }
        return v;
    }

    private Scope scope(Entry scopeE) {
        String s = problems.text(scopeE, "line, function or none");
        Scope scope = s == null ? null : Scope.byId(s).orElse(null);
        if (s != null && scope == null) {
            problems.error(scopeE.value(), "scope '" + s + "' must be line, function or none");
        }
        return scope;
    }

    private List<String> inputs(Entry inputsE) {
        List<String> inputs = problems.words(inputsE, "input kind", null);
        for (String in : inputs) {
            if (InputKind.byId(in).isEmpty()) {
                problems.error(inputsE.value(), "unknown input kind '" + in + "' (known: "
                        + Arrays.stream(InputKind.values()).map(InputKind::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        return inputs;
    }

    private void doc(Entry docE, String id) {
        if (docE == null) {
            return;
        }
        String d = problems.text(docE, "markdown text");
        if (d == null) {
            return;
        }
        if (d.isBlank()) {
            problems.error(docE.value(), "doc is empty");
        } else if (id != null) {
            docs.put(id, d.strip() + "\n");
        }
    }

    /** The fact named by {@code at:}, else the first matched fact. */
    private Bound at(Entry atE, Map<String, Bound> bound, int before) {
        if (atE == null) {
            return bound.isEmpty() ? null : bound.values().iterator().next();
        }
        String a = problems.text(atE, "the alias ('as') of a matched fact");
        if (a == null) {
            return null;
        }
        Bound at = bound.get(a);
        if (at == null && problems.count() == before) {
            problems.error(atE.value(), "at: '" + a + "' is not a matched fact (matched: " + bound.keySet() + ")");
        }
        return at;
    }

    private void checkScope(Scope scope, Bound at, YamlNode where) {
        FactTypes.FactType t = at.type();
        if (scope == Scope.LINE && !(t.has("file") && t.has("line"))) {
            problems.error(where, "scope line weighs the finding by its source line, but the reported fact '"
                    + at.alias() + "' (" + t.name() + ") has no file and line; use scope: "
                    + (t.has("symbol") ? "function or none" : "none"));
        } else if (scope == Scope.FUNCTION && !t.has("symbol")) {
            problems.error(where, "scope function weighs the finding by its function, but the reported fact '"
                    + at.alias() + "' (" + t.name() + ") has no symbol; use scope: none");
        }
    }
}
