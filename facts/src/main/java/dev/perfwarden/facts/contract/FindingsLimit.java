package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;

import java.util.List;

/**
 * A findings clause: at most {@code max} findings of {@code rules} (empty: any rule that is not a
 * contract's own) whose function is in a package matching {@code packages} (a regular expression
 * found in the function symbol, RE2: {@link ContractRegex}; "" for all), or, with {@code noneNew}, no finding that is not in
 * the baseline given with {@code --baseline} or the project file (baselined findings are hidden before
 * they are counted). The counted findings are {@link ReportedFinding}s.
 */
public record FindingsLimit(String service, String clause, List<String> rules, String packages, int max,
                            boolean noneNew, String file, int line, int col) implements Fact, ContractClause {
    public FindingsLimit {
        rules = List.copyOf(rules);
    }

    public String ruleId() {
        return "contract/" + service + "/" + clause;
    }

    public boolean counts(String rule, String symbol) {
        if (rule.startsWith("contract/")) {
            return false;
        }
        if (!rules.isEmpty() && !rules.contains(rule)) {
            return false;
        }
        return packages.isEmpty() || ContractRegex.find(packages, symbol == null ? "" : symbol, this);
    }

    public String where() {
        return file + ":" + line + ":" + col;
    }
}
