package dev.perfwarden.debt;

/**
 * One contract verdict of a recorded run (a finding whose rule is {@code contract/<service>/<clause>}).
 *
 * @param verdict     {@code violated} (error), {@code unverified} (warning) or {@code met} (note)
 * @param measurement the verdict's message, which names the measured value and the limit
 * @param evidence    the evidence texts (where each measurement came from), one per line
 */
public record ContractResult(String contract, String clause, String verdict, String measurement, String evidence) {
    static String verdictOf(String severity) {
        return switch (severity) {
            case "error" -> "violated";
            case "warning" -> "unverified";
            default -> "met";
        };
    }
}
