package dev.perfwarden.facts.contract;

/** A contract requirement as a fact: the clause's rule id ({@code contract/<service>/<clause>}) and where it is written. */
public interface ContractClause {
    String ruleId();

    /** {@code file:line:col} of the requirement. */
    String where();
}
