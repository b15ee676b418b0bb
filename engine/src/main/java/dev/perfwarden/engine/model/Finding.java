package dev.perfwarden.engine.model;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.SourcePos;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One reported problem, after hotness weighting and deduplication. Immutable.
 *
 * @param rule        rule id, e.g. {@code interface-escape}
 * @param pack        {@code id@version} of the pack the rule came from, e.g. {@code go-perf@1.0.0}
 * @param severity    weighed severity
 * @param symbol      the Go function symbol as objdump and pprof print it (JSON field {@code function});
 *                    empty when unknown
 * @param file        source file relative to the module root where known; empty when unknown
 * @param line        1-based line; 0 when unknown
 * @param column      1-based byte column; 0 when unknown
 * @param message     what was found, with the hotness note
 * @param evidence    the toolchain lines that support it, in the order the rule gave them
 * @param fingerprint {@link Fingerprints#of}: stable across line shifts, for baselines and SARIF
 * @param cost        what the site costs in the profiles given ({@link Cost#NONE} when nothing was measured)
 * @param inlinedInto the other functions holding a copy of this site (inlined copies, closures renamed by
 *                    inlining), sorted; empty when the site is in one function only
 * @param related     findings of other rules on the same source line, folded into this one (the rule of
 *                    highest severity, then {@code @precedence}, leads); empty when none
 */
public record Finding(String rule, String pack, Severity severity, String symbol, String file, int line, int column,
                      String message, List<Evidence> evidence, String fingerprint, Cost cost,
                      List<String> inlinedInto, List<Related> related) {

    /** A finding of another rule on the same line, shown with the one that leads it. */
    public record Related(String rule, String pack, Severity severity, int column, String message, Cost cost,
                          String fingerprint) {
        public static Related of(Finding f) {
            return new Related(f.rule(), f.pack(), f.severity(), f.column(), f.message(), f.cost(), f.fingerprint());
        }
    }

    /** A finding with nothing folded into it. */
    public Finding(String rule, String pack, Severity severity, String symbol, String file, int line, int column,
                   String message, List<Evidence> evidence, String fingerprint, Cost cost, List<String> inlinedInto) {
        this(rule, pack, severity, symbol, file, line, column, message, evidence, fingerprint, cost, inlinedInto,
                List.of());
    }

    /** Stable report order: file, line, column, rule, then function and message as tie-breakers. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::symbol)
            .thenComparing(Finding::message);

    /** Report order: by cost ({@link Cost#weight()}), highest first; ties in {@link #ORDER}. */
    public static final Comparator<Finding> RANK = Comparator.comparingDouble((Finding f) -> -f.cost().weight())
            .thenComparing(ORDER);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(severity, "severity");
        symbol = symbol == null ? "" : symbol;
        file = file == null ? "" : file;
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line/column must be >= 0: " + line + ":" + column);
        }
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(fingerprint, "fingerprint");
        cost = cost == null ? Cost.NONE : cost;
        inlinedInto = inlinedInto == null ? List.of() : List.copyOf(inlinedInto);
        related = related == null ? List.of() : List.copyOf(related);
    }

    /** A finding with no measured cost, in one function. */
    public Finding(String rule, String pack, Severity severity, String symbol, String file, int line, int column,
                   String message, List<Evidence> evidence, String fingerprint) {
        this(rule, pack, severity, symbol, file, line, column, message, evidence, fingerprint, Cost.NONE, List.of());
    }

    /** Builds a finding and computes its fingerprint from rule, function and evidence. */
    public static Finding of(String rule, String pack, Severity severity, String symbol, String file, int line,
                             int column, String message, List<Evidence> evidence) {
        return new Finding(rule, pack, severity, symbol, file, line, column, message, evidence,
                Fingerprints.of(rule, symbol, evidence));
    }

    /** The same finding with other evidence (fingerprint recomputed). */
    public Finding withEvidence(List<Evidence> newEvidence) {
        return new Finding(rule, pack, severity, symbol, file, line, column, message, newEvidence,
                Fingerprints.of(rule, symbol, newEvidence), cost, inlinedInto, related);
    }

    /** The same finding with another severity (a project's severity override); fingerprint unchanged. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, pack, newSeverity, symbol, file, line, column, message, evidence, fingerprint, cost,
                inlinedInto, related);
    }

    /** The same finding with its measured cost. */
    public Finding withCost(Cost newCost) {
        return new Finding(rule, pack, severity, symbol, file, line, column, message, evidence, fingerprint, newCost,
                inlinedInto, related);
    }

    /**
     * The same site reported in {@code others} too: this finding, whose function is the one given, now lists
     * the others' functions as inlined copies (fingerprint unchanged: it is this function's).
     */
    public Finding withInlinedInto(List<String> others) {
        return new Finding(rule, pack, severity, symbol, file, line, column, message, evidence, fingerprint, cost,
                others, related);
    }

    /** The same finding with {@code others} folded into it (its severity raised to theirs when higher). */
    public Finding withRelated(List<Related> others, Severity newSeverity) {
        return new Finding(rule, pack, newSeverity, symbol, file, line, column, message, evidence, fingerprint, cost,
                inlinedInto, others);
    }

    public SourcePos pos() {
        return new SourcePos(file, line, column);
    }

    /**
     * {@code file:line:col}, {@code file:line}, {@code file}, or the function symbol when no file is
     * known: the location prefix of the compiler-style text output.
     */
    public String location() {
        if (file.isEmpty()) {
            return symbol.isEmpty() ? "<unknown>" : symbol;
        }
        if (line == 0) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
