package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.InputKind;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rule's catalogue entry ({@link RuleInfo}) from its DRL metadata ({@code @severity}, {@code @summary}...), each
 * key checked, with a problem at the rule's line for every key that is missing, unknown or malformed.
 */
final class RuleMetadata {
    private final PackReading r;
    private final Map<String, Object> meta;
    private final String file;
    private final int line;

    private RuleMetadata(PackReading r, Map<String, Object> meta, String file, int line) {
        this.r = r;
        this.meta = meta;
        this.file = file;
        this.line = line;
    }

    /** Rule {@code id}'s entry, or null when its metadata has a problem (then reported). */
    static RuleInfo read(PackReading r, String id, String packVersion, Map<String, Object> meta, String doc,
                         String file, int line) {
        return new RuleMetadata(r, meta, file, line).info(id, packVersion, doc);
    }

    private RuleInfo info(String id, String packVersion, String doc) {
        int before = r.problemCount();
        unknownKeys();
        Severity severity = severity();
        Severity hot = hotSeverity(severity);
        Scope scope = scope();
        CostSpec cost = cost();
        int precedence = precedence();
        Object sum = meta.get("summary");
        if (sum == null || sum.toString().isBlank()) {
            problem("missing @summary(\"one sentence\")");
        }
        List<String> tags = csv(meta.get("tags"));
        List<String> inputs = inputs();
        if (r.problemCount() > before) {
            return null;
        }
        return new RuleInfo(id, r.packId(), packVersion, severity, hot, scope, sum.toString().strip(), tags, inputs,
                doc, file, line, cost, precedence);
    }

    private void problem(String msg) {
        r.problem(file, line, 0, msg);
    }

    private void unknownKeys() {
        for (String k : meta.keySet()) {
            if (!PackLoader.METADATA_KEYS.contains(k)) {
                problem("unknown metadata @" + k + " (allowed: "
                        + PackLoader.METADATA_KEYS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private Severity severity() {
        Object sv = meta.get("severity");
        if (sv == null) {
            problem("missing @severity(error|warning|note)");
            return null;
        }
        Severity severity = Severity.byId(sv.toString()).orElse(null);
        if (severity == null) {
            problem("@severity(" + sv + ") must be error, warning or note");
        }
        return severity;
    }

    private Severity hotSeverity(Severity severity) {
        Object hv = meta.get("hotSeverity");
        if (hv == null) {
            return null;
        }
        Severity hot = Severity.byId(hv.toString()).orElse(null);
        if (hot == null) {
            problem("@hotSeverity(" + hv + ") must be error, warning or note");
        } else if (severity != null && !hot.atLeast(severity)) {
            problem("@hotSeverity(" + hot + ") is below @severity(" + severity + ")");
        }
        return hot;
    }

    private Scope scope() {
        Object sc = meta.get("scope");
        if (sc == null) {
            return Scope.LINE;
        }
        Scope scope = Scope.byId(sc.toString()).orElse(null);
        if (scope == null) {
            problem("@scope(" + sc + ") must be function, line or none");
        }
        return scope;
    }

    private CostSpec cost() {
        Object cv = meta.get("cost");
        CostSpec cost = CostSpec.parse(cv == null ? null : cv.toString()).orElse(null);
        if (cost == null) {
            problem("@cost(" + cv + ") must be words among self or cum, cpu, alloc (e.g. @cost(\"cum, cpu\"))");
        }
        return cost;
    }

    private int precedence() {
        Object pv = meta.get("precedence");
        if (pv == null) {
            return 0;
        }
        try {
            return Integer.parseInt(pv.toString().strip());
        } catch (NumberFormatException e) {
            problem("@precedence(" + pv + ") must be an integer");
            return 0;
        }
    }

    private List<String> inputs() {
        List<String> inputs = csv(meta.get("inputs"));
        for (String in : inputs) {
            if (InputKind.byId(in).isEmpty()) {
                problem("@inputs names unknown input kind '" + in + "' (known: "
                        + Arrays.stream(InputKind.values()).map(InputKind::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        return inputs;
    }

    private static List<String> csv(Object v) {
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
