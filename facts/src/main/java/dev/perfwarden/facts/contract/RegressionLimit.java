package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;

import java.util.List;

/**
 * A bench clause's "no regression against the base run": benchmarks whose name matches
 * {@code benchmark} (a regular expression, RE2: {@link ContractRegex}, found anywhere in the name as {@code go test -bench}
 * does), in {@code units} (benchstat units; empty: every unit), must not get worse by at least
 * {@code minDelta} (a fraction: 0.05 = 5 %) with a Mann-Whitney U p-value below {@code alpha}.
 */
public record RegressionLimit(String service, String clause, String benchmark, List<String> units, double alpha,
                              double minDelta, String file, int line, int col)
        implements Fact, ContractClause {
    public RegressionLimit {
        units = List.copyOf(units);
    }

    public String ruleId() {
        return "contract/" + service + "/" + clause;
    }

    public boolean selects(BenchComparison c) {
        return (units.isEmpty() || units.contains(c.unit()))
                && (benchmark.isEmpty() || ContractRegex.find(benchmark, c.name(), this));
    }

    public String where() {
        return file + ":" + line + ":" + col;
    }
}
