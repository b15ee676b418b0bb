package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.model.Severity;

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
 */
public record Options(FailOn failOn, Map<String, Object> params, Severity minSeverity, List<FindingFilter> filters,
                      ToolInfo tool) {
    public Options {
        Objects.requireNonNull(failOn, "failOn");
        params = Map.copyOf(params);
        filters = List.copyOf(filters);
        Objects.requireNonNull(tool, "tool");
    }

    public static Options defaults() {
        return new Options(FailOn.ERROR, Map.of(), null, List.of(), ToolInfo.current());
    }

    public Options withFailOn(FailOn f) {
        return new Options(f, params, minSeverity, filters, tool);
    }

    public Options withParams(Map<String, Object> p) {
        return new Options(failOn, p, minSeverity, filters, tool);
    }

    public Options withMinSeverity(Severity s) {
        return new Options(failOn, params, s, filters, tool);
    }

    public Options withFilter(FindingFilter f) {
        List<FindingFilter> l = new java.util.ArrayList<>(filters);
        l.add(f);
        return new Options(failOn, params, minSeverity, l, tool);
    }

    public Options withTool(ToolInfo t) {
        return new Options(failOn, params, minSeverity, filters, t);
    }
}
