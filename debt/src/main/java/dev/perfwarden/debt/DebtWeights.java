package dev.perfwarden.debt;

import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ProjectConfig;
import dev.perfwarden.engine.project.ConfigYaml;
import dev.perfwarden.engine.yaml.YamlNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many debt points an open finding is worth: its severity's weight, raised by its measured cost,
 * {@code severity weight × (1 + cost × percent)}, where percent is the larger of its CPU and allocation shares
 * in percent (0 when no profile measured it). So with the defaults an error is 10 points, a warning 3, a
 * note 1, and a warning whose line takes 5 % of the CPU is 3 × (1 + 0.2 × 5) = 6.
 *
 * <p>Set in the project file:
 * <pre>
 * debt:
 *   severity: {error: 10, warning: 3, note: 1}
 *   cost: 0.2
 * </pre>
 */
public record DebtWeights(double error, double warning, double note, double cost) {
    public static final DebtWeights DEFAULTS = new DebtWeights(10, 3, 1, 0.2);

    public double severity(String severity) {
        return switch (severity) {
            case "error" -> error;
            case "warning" -> warning;
            default -> note;
        };
    }

    public double points(RunFinding f) {
        return severity(f.severity()) * (1 + cost * 100 * f.cost());
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> severity = new LinkedHashMap<>();
        severity.put("error", error);
        severity.put("warning", warning);
        severity.put("note", note);
        m.put("severity", severity);
        m.put("cost", cost);
        return m;
    }

    /** The weights of the {@code debt:} section of {@code config} (null: none), the defaults for what it leaves out. */
    public static DebtWeights of(ProjectConfig config) throws ConfigException {
        YamlNode n = config == null ? null : config.debt();
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            return DEFAULTS;
        }
        ConfigYaml.Errors errors = new ConfigYaml.Errors(config.file().toString());
        errors.onlyKeys(n, "severity", "cost");
        double[] sev = {DEFAULTS.error, DEFAULTS.warning, DEFAULTS.note};
        YamlNode s = n.get("severity");
        if (s != null) {
            if (!s.isMap()) {
                errors.at(s, "debt.severity: expected a map {error: N, warning: N, note: N}, got " + s.describeValue());
            } else {
                errors.onlyKeys(s, "error", "warning", "note");
                String[] names = {"error", "warning", "note"};
                for (int i = 0; i < names.length; i++) {
                    YamlNode v = s.get(names[i]);
                    if (v != null) {
                        sev[i] = number(v, errors, sev[i]);
                    }
                }
            }
        }
        double cost = DEFAULTS.cost;
        if (n.get("cost") != null) {
            cost = number(n.get("cost"), errors, cost);
        }
        errors.throwIfAny();
        return new DebtWeights(sev[0], sev[1], sev[2], cost);
    }

    private static double number(YamlNode v, ConfigYaml.Errors errors, double fallback) {
        if (v.kind() != YamlNode.Kind.NUMBER || ((Number) v.scalar()).doubleValue() < 0
                || !Double.isFinite(((Number) v.scalar()).doubleValue())) {
            errors.at(v, v.path() + ": expected a number ≥ 0, got " + v.describeValue());
            return fallback;
        }
        return ((Number) v.scalar()).doubleValue();
    }
}
