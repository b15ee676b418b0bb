package dev.perfwarden.debt;

import java.util.List;

/**
 * What a perfwarden JSON report holds that the debt board keeps: its findings (contract verdicts apart)
 * and the contract verdicts.
 *
 * @param toolVersion the perfwarden version that wrote it
 * @param packs       the packs as {@code id@version}, comma-separated
 */
public record Report(String toolVersion, String packs, List<RunFinding> findings, List<ContractResult> contracts) {
    public Report {
        findings = List.copyOf(findings);
        contracts = List.copyOf(contracts);
    }
}
