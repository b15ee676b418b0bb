package dev.perfwarden.contracts.spec;

import dev.perfwarden.facts.core.Fact;

import java.util.List;

/**
 * One service's performance contract: its name, the Go packages and source paths it covers, its
 * clauses (each a name and a kind) and the facts the contracts pack evaluates
 * ({@code ContractLimit}, {@code RegressionLimit}, {@code FunctionLimit}, {@code FindingsLimit}).
 */
public record Contract(String service, List<String> packages, List<String> paths, List<Clause> clauses,
                       List<Fact> limits, String file) {
    /** A named clause: {@code contract/<service>/<name>} is its finding's rule id. */
    public record Clause(String name, String kind, String file, int line, int col) {
    }

    public Contract {
        packages = List.copyOf(packages);
        paths = List.copyOf(paths);
        clauses = List.copyOf(clauses);
        limits = List.copyOf(limits);
    }

    public String ruleId(Clause c) {
        return "contract/" + service + "/" + c.name();
    }
}
