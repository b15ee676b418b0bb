package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.frontend.LineMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fourth policy language, as a user would add one (registered in this module's test resources under
 * META-INF/services): {@code *.toy} files of {@code key = value} lines naming a rule that reports
 * variables of one name moved to the heap. docs/rules.md shows the same class.
 */
public final class ToyFrontend implements PolicyFrontend {
    private static final List<String> KEYS = List.of("rule", "severity", "summary", "variable");

    @Override
    public String id() {
        return "toy";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".toy");
    }

    @Override
    public Translation translate(SourceFile src, PackContext ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        String[] lines = src.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            String key = eq < 0 ? l : l.substring(0, eq).strip();
            if (eq < 0 || !KEYS.contains(key)) {
                problems.add(new Diagnostic(src.path(), i + 1, 1, "expected one of " + KEYS + " = value"));
                continue;
            }
            String v = l.substring(eq + 1).strip();
            if (!v.matches("[A-Za-z0-9 .,-]+")) {
                problems.add(new Diagnostic(src.path(), i + 1, eq + 2, "only letters, digits, spaces and .,- allowed"));
                continue;
            }
            values.put(key, v);
            lineOf.put(key, i + 1);
        }
        for (String k : KEYS) {
            if (!values.containsKey(k) && problems.isEmpty()) {
                problems.add(new Diagnostic(src.path(), 1, 0, "missing " + k + " = ..."));
            }
        }
        if (!problems.isEmpty()) {
            return Translation.failed(problems);
        }
        // every generated line remembers the toy line it comes from
        List<String> drl = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        java.util.function.BiConsumer<String, Integer> out = (text, line) -> {
            drl.add(text);
            map.add(line);
        };
        out.accept("package " + ctx.drlPackage() + ";", 1);
        out.accept("import dev.perfwarden.engine.rule.Hits;", 1);
        out.accept("import dev.perfwarden.facts.escape.EscapeFact;", 1);
        out.accept("rule \"" + values.get("rule") + "\" @severity(" + values.get("severity") + ") @scope(function)"
                + " @summary(\"" + values.get("summary") + "\")", lineOf.get("rule"));
        out.accept("when", lineOf.get("variable"));
        out.accept("    $v : EscapeFact(kind == \"moved-to-heap\", subject == \"" + values.get("variable") + "\")",
                lineOf.get("variable"));
        out.accept("then", lineOf.get("rule"));
        out.accept("    insert(Hits.hit(drools, $v, $v.subject() + \" is moved to the heap\", $v));", lineOf.get("rule"));
        out.accept("end", lineOf.get("rule"));
        return Translation.of(String.join("\n", drl) + "\n", LineMap.of(map.stream().mapToInt(Integer::intValue).toArray()));
    }
}
