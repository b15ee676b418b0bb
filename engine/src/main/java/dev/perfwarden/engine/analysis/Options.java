package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an analysis. Immutable; start from {@link #defaults()} and use the withers.
 *
 * @param failOn      gate threshold (default error)
 * @param params      parameter overrides, {@code "pack:name"} or {@code "name"} → value
 * @param minSeverity findings below it are hidden (reason {@code severity}); null keeps all
 * @param filters     applied in order; the first that names a reason hides the finding
 * @param tool        name and version to report
 * @param severities  per rule id, a severity that replaces the weighed one (a project's override)
 * @param suppressors applied in order after the filters: source comments, then a baseline; what they
 *                    hide stays in the result for SARIF
 */
public record Options(FailOn failOn, Map<String, Object> params, Severity minSeverity, List<FindingFilter> filters,
                      ToolInfo tool, Map<String, Severity> severities, List<Suppressor> suppressors) {
    public Options {
        Objects.requireNonNull(failOn, "failOn");
        params = Map.copyOf(params);
        filters = List.copyOf(filters);
        Objects.requireNonNull(tool, "tool");
        severities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severities));
        suppressors = List.copyOf(suppressors);
    }

    public Options(FailOn failOn, Map<String, Object> params, Severity minSeverity, List<FindingFilter> filters,
                   ToolInfo tool) {
        this(failOn, params, minSeverity, filters, tool, Map.of(), List.of());
    }

    public static Options defaults() {
        return new Options(FailOn.ERROR, Map.of(), null, List.of(), ToolInfo.current(), Map.of(), List.of());
    }

    public Options withFailOn(FailOn f) {
        return new Options(f, params, minSeverity, filters, tool, severities, suppressors);
    }

    public Options withParams(Map<String, Object> p) {
        return new Options(failOn, p, minSeverity, filters, tool, severities, suppressors);
    }

    public Options withMinSeverity(Severity s) {
        return new Options(failOn, params, s, filters, tool, severities, suppressors);
    }

    public Options withFilter(FindingFilter f) {
        List<FindingFilter> l = new ArrayList<>(filters);
        l.add(f);
        return new Options(failOn, params, minSeverity, l, tool, severities, suppressors);
    }

    public Options withTool(ToolInfo t) {
        return new Options(failOn, params, minSeverity, filters, t, severities, suppressors);
    }

    /** Per-rule severities that replace the weighed ones (merged over earlier ones). */
    public Options withSeverities(Map<String, Severity> s) {
        Map<String, Severity> m = new LinkedHashMap<>(severities);
        m.putAll(s);
        return new Options(failOn, params, minSeverity, filters, tool, m, suppressors);
    }

    public Options withSuppressor(Suppressor s) {
        List<Suppressor> l = new ArrayList<>(suppressors);
        l.add(s);
        return new Options(failOn, params, minSeverity, filters, tool, severities, l);
    }
}
