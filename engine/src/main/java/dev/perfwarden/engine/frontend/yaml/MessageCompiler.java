package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FieldInfo;
import dev.perfwarden.engine.frontend.yaml.PolicyCompiler.Bound;
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
 * Compiles one rule's message template ({{NAME.FIELD}}, {{param.NAME}}, {{... | percent}}) into a
 * Java string expression, checking each placeholder against the matched facts and the pack's
 * parameters. Parameters a message needs are bound by adding Param patterns to the rule's LHS.
 * Errors go to the owning {@link PolicyCompiler}.
 */
final class MessageCompiler {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    private final PolicyCompiler pc;
    private final PackContext ctx;
    private final Map<String, Bound> bound;
    private final List<String> lhs;
    private final List<Integer> lhsLines;
    private final Map<String, String> messageParams = new LinkedHashMap<>();

    /**
     * @param bound the rule's matched facts, by alias
     * @param lhs the rule's LHS lines, and the YAML line of each; Param patterns are appended to them
     */
    MessageCompiler(PolicyCompiler pc, PackContext ctx, Map<String, Bound> bound, List<String> lhs,
            List<Integer> lhsLines) {
        this.pc = pc;
        this.ctx = ctx;
        this.bound = bound;
        this.lhs = lhs;
        this.lhsLines = lhsLines;
    }


    /** The message template as a Java string expression. */
    String messageExpr(String template, YamlNode at) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        boolean ok = true;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(PolicyCompiler.literal(template.substring(last, m.start())));
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
            pc.error(at, "message: unbalanced '{{' or '}}' in \"" + template + "\" (placeholders look like {{call.callee}})");
            return null;
        }
        if (!rest.isEmpty()) {
            parts.add(PolicyCompiler.literal(rest));
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
            if (!PolicyCompiler.FILTERS.contains(filter)) {
                pc.error(at, "message: unknown filter '" + filter + "' in {{" + p + " | " + filter + "}} (filters: "
                        + String.join(", ", PolicyCompiler.FILTERS) + ")");
                return null;
            }
        }
        int dot = p.indexOf('.');
        if (dot <= 0) {
            pc.error(at, "message: placeholder {{" + p + "}} must be {{NAME.FIELD}} with NAME a matched fact ("
                    + String.join(", ", bound.keySet()) + ") or {{param.NAME}}");
            return null;
        }
        String alias = p.substring(0, dot);
        String fieldName = p.substring(dot + 1);
        if (alias.equals("param")) {
            ParamType pt = ctx.parameters().get(fieldName);
            if (pt == null) {
                pc.error(at, "message: {{" + p + "}}: pack " + ctx.packId() + " has no parameter '" + fieldName + "'"
                        + PolicyCompiler.suggest(fieldName, ctx.parameters().keySet()) + " (parameters: "
                        + String.join(", ", new TreeSet<>(ctx.parameters().keySet())) + ")");
                return null;
            }
            if (filter != null && pt != ParamType.NUMBER) {
                pc.error(at, "message: {{" + p + " | " + filter + "}} needs a number parameter, '" + fieldName
                        + "' is a " + pt.id());
                return null;
            }
            String key = fieldName + (filter == null ? "" : "|number");
            String var = messageParams.get(key);
            if (var == null) {
                var = "$messageParam" + (messageParams.size() + 1);
                messageParams.put(key, var);
                lhs.add("    Param(pack == " + PolicyCompiler.literal(ctx.packId()) + ", name == " + PolicyCompiler.literal(fieldName) + ", "
                        + var + " : " + (filter == null ? "text" : "number") + ")");
                lhsLines.add(at.line());
            }
            return filter == null ? var : "String.format(java.util.Locale.ROOT, \"%.1f %%\", " + var + " * 100.0)";
        }
        Bound b = bound.get(alias);
        if (b == null) {
            pc.error(at, "message: {{" + p + "}}: '" + alias + "' is not a matched fact (matched: "
                    + String.join(", ", bound.keySet()) + (bound.isEmpty() ? "" : "; facts under not:/exists: "
                    + "cannot be shown") + ")");
            return null;
        }
        FieldInfo f = b.type().fields().get(fieldName);
        if (f == null) {
            pc.error(at, "message: {{" + p + "}}: " + b.type().name() + " has no field '" + fieldName + "'"
                    + PolicyCompiler.suggest(fieldName, b.type().fields().keySet()) + "; its fields: "
                    + String.join(", ", b.type().fields().keySet()));
            return null;
        }
        String get = b.var() + "." + f.name().replace(".", "().") + "()";
        if (filter != null) {
            if (!f.kind().numeric()) {
                pc.error(at, "message: {{" + p + " | percent}} needs a numeric field, but '" + fieldName + "' is "
                        + PolicyCompiler.article(f.kind()));
                return null;
            }
            return "String.format(java.util.Locale.ROOT, \"%.1f %%\", " + get + " * 100.0)";
        }
        return "String.valueOf(" + get + ")";
    }
}
