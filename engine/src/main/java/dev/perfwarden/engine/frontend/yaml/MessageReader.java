package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FieldInfo;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bound;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FactValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Literal;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Message;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamBinding;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamText;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Part;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.yaml.YamlNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one rule's message template ({{NAME.FIELD}}, {{param.NAME}}, {{... | percent}}) into a
 * {@link PolicyAst.Message}, checking each placeholder against the matched facts and the pack's
 * parameters. Parameters a message needs become bindings written after the rule's patterns.
 * Errors go to the rule's {@link PolicyProblems}.
 */
final class MessageReader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    private final PolicyProblems problems;
    private final PackContext ctx;
    private final Map<String, Bound> bound;
    private final List<ParamBinding> params = new ArrayList<>();
    private final Map<String, String> messageParams = new LinkedHashMap<>();

    /** @param bound the rule's matched facts, by alias */
    MessageReader(PolicyProblems problems, PackContext ctx, Map<String, Bound> bound) {
        this.problems = problems;
        this.ctx = ctx;
        this.bound = bound;
    }


    /** The parameters the messages read so far show, in order. */
    List<ParamBinding> params() {
        return List.copyOf(params);
    }

    /** The message template, or null (and errors) when a placeholder is wrong. */
    Message message(String template, YamlNode at) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        boolean ok = true;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Literal(template.substring(last, m.start())));
            }
            Part expr = placeholder(m.group(1).strip(), at);
            if (expr == null) {
                ok = false;
            } else {
                parts.add(expr);
            }
            last = m.end();
        }
        String rest = template.substring(last);
        if (rest.contains("{{") || rest.contains("}}")) {
            problems.error(at, "message: unbalanced '{{' or '}}' in \"" + template + "\" (placeholders look like {{call.callee}})");
            return null;
        }
        if (!rest.isEmpty()) {
            parts.add(new Literal(rest));
        }
        return ok ? new Message(parts) : null;
    }

    private Part placeholder(String p, YamlNode at) {
        String filter = null;
        int bar = p.indexOf('|');
        if (bar >= 0) {
            filter = p.substring(bar + 1).strip();
            p = p.substring(0, bar).strip();
            if (!PolicySyntax.FILTERS.contains(filter)) {
                problems.error(at, "message: unknown filter '" + filter + "' in {{" + p + " | " + filter + "}} (filters: "
                        + String.join(", ", PolicySyntax.FILTERS) + ")");
                return null;
            }
        }
        int dot = p.indexOf('.');
        if (dot <= 0) {
            problems.error(at, "message: placeholder {{" + p + "}} must be {{NAME.FIELD}} with NAME a matched fact ("
                    + String.join(", ", bound.keySet()) + ") or {{param.NAME}}");
            return null;
        }
        String alias = p.substring(0, dot);
        String fieldName = p.substring(dot + 1);
        if (alias.equals("param")) {
            return paramPlaceholder(p, fieldName, filter, at);
        }
        Bound b = bound.get(alias);
        if (b == null) {
            problems.error(at, "message: {{" + p + "}}: '" + alias + "' is not a matched fact (matched: "
                    + String.join(", ", bound.keySet()) + (bound.isEmpty() ? "" : "; facts under not:/exists: "
                    + "cannot be shown") + ")");
            return null;
        }
        FieldInfo f = b.type().fields().get(fieldName);
        if (f == null) {
            problems.error(at, "message: {{" + p + "}}: " + b.type().name() + " has no field '" + fieldName + "'"
                    + PolicySyntax.suggest(fieldName, b.type().fields().keySet()) + "; its fields: "
                    + String.join(", ", b.type().fields().keySet()));
            return null;
        }
        if (filter != null && !f.kind().numeric()) {
            problems.error(at, "message: {{" + p + " | percent}} needs a numeric field, but '" + fieldName + "' is "
                    + PolicySyntax.article(f.kind()));
            return null;
        }
        return new FactValue(b.var(), f.name(), filter != null);
    }

    /** {@code {{param.NAME}}} (with {@code | number}): the pack parameter's value, bound once per key. */
    private Part paramPlaceholder(String p, String fieldName, String filter, YamlNode at) {
        ParamType pt = ctx.parameters().get(fieldName);
        if (pt == null) {
            problems.error(at, "message: {{" + p + "}}: pack " + ctx.packId() + " has no parameter '" + fieldName + "'"
                    + PolicySyntax.suggest(fieldName, ctx.parameters().keySet()) + " (parameters: "
                    + String.join(", ", new TreeSet<>(ctx.parameters().keySet())) + ")");
            return null;
        }
        if (filter != null && pt != ParamType.NUMBER) {
            problems.error(at, "message: {{" + p + " | " + filter + "}} needs a number parameter, '" + fieldName
                    + "' is a " + pt.id());
            return null;
        }
        String key = fieldName + (filter == null ? "" : "|number");
        String var = messageParams.get(key);
        if (var == null) {
            var = "$messageParam" + (messageParams.size() + 1);
            messageParams.put(key, var);
            params.add(new ParamBinding(fieldName, var, filter == null ? "text" : "number", at.line()));
        }
        return new ParamText(var, filter != null);
    }
}
