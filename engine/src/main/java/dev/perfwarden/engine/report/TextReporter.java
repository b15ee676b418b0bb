package dev.perfwarden.engine.report;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Summary;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.input.InputStats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code --format text}: one compiler-style line per finding, in report order (by cost, highest first),
 * {@code file:line:col: severity: short message [rule] cost}, so editors and CI log viewers link it; then
 * the summary: the top findings, the counts, the gate, what was hidden and why, one line per rule shown
 * (its summary: the long explanation is {@code perfwarden explain RULE}), the packs and the inputs.
 * {@code verbose} adds, under each finding, its function and the functions holding inlined copies, the
 * rest of its message and its evidence (as the toolchain prints it: {@code -json} records rendered as
 * compiler lines), and quotes unparsed input lines.
 */
public final class TextReporter implements Reporter {
    /** How many findings the summary's "top findings" lists. */
    public static final int TOP = 5;

    private final boolean verbose;

    public TextReporter(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * The finding's line: {@code file:line:col: severity: short message [rule] cost}; with findings of other rules
     * folded in, {@code [rule; also rule2, rule3]}.
     */
    public static String line(Finding f) {
        String cost = f.cost().measured() ? " " + f.cost().format() : "";
        // the same rule folded in at other columns of the line (SameLine): its columns, not its name again
        String columns = f.related().stream().filter(x -> x.rule().equals(f.rule()) && x.column() > 0)
                .map(x -> String.valueOf(x.column())).collect(Collectors.joining(", "));
        List<String> others = f.related().stream().map(Finding.Related::rule).filter(x -> !x.equals(f.rule()))
                .distinct().toList();
        String rules = f.rule() + (columns.isEmpty() ? "" : ", also at column" + (columns.contains(",") ? "s " : " ")
                + columns) + (others.isEmpty() ? "" : "; also " + String.join(", ", others));
        // pack and input text is escaped: a message must not forge report lines or drive the terminal
        return TerminalText.escape(f.location()) + ": " + f.severity().id() + ": "
                + TerminalText.escape(Messages.split(f.message())[0]) + " [" + TerminalText.escape(rules) + "]" + cost;
    }

    @Override
    public void write(AnalysisResult r, Appendable sink) throws IOException {
        // every string below is escaped where it is written (TerminalOut); only append('\n') breaks a line
        TerminalOut out = TerminalOut.of(sink);
        for (Finding f : r.findings()) {
            out.append(line(f)).append('\n');
            if (verbose) {
                details(f, out);
            }
        }
        if (!r.findings().isEmpty()) {
            out.append('\n');
        }
        top(r, out);
        counts(r.summary(), out);
        inputNotes(r, out);
        rules(r, out);
        if (!r.packs().isEmpty()) {
            out.append("packs: ").append(r.packs().stream().map(p -> p.id() + "@" + p.version())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        inputs(r, out);
    }

    /** Under a finding ({@code verbose}): its function, the rest of its message, folded findings, evidence. */
    private static void details(Finding f, TerminalOut out) throws IOException {
        if (!f.symbol().isEmpty()) {
            out.append("    in ").append(f.symbol());
            if (!f.inlinedInto().isEmpty()) {
                out.append(" (also inlined into ").append(String.join(", ", f.inlinedInto())).append(')');
            }
            out.append('\n');
        }
        String rest = Messages.split(f.message())[1];
        if (!rest.isEmpty()) {
            out.append("    ").append(rest).append('\n');
        }
        for (Finding.Related x : f.related()) {
            out.append("    also ").append(x.severity().id()).append(" [").append(x.rule())
                    .append("]").append(x.column() > 0 ? " at column " + x.column() : "").append(": ")
                    .append(Messages.split(x.message())[0]).append('\n');
        }
        for (Evidence e : f.evidence()) {
            List<String> lines = EvidenceText.lines(e, f.file());
            for (int i = 0; i < lines.size(); i++) {
                out.append("    ").append(i == 0 ? e.input() + ": " : "  ")
                        .append(lines.get(i));
                if (i == 0 && e.at() != null) {
                    out.append("  (").append(e.at().format()).append(')');
                }
                out.append('\n');
            }
        }
    }

    private static void top(AnalysisResult r, TerminalOut out) throws IOException {
        List<Finding> top = r.findings().stream().filter(f -> f.cost().weight() > 0).limit(TOP).toList();
        if (!top.isEmpty()) {
            out.append("top findings by cost:").append('\n');
            for (Finding f : top) {
                out.append("  ").append(f.cost().format()).append("  ").append(f.location())
                        .append(' ').append(f.rule()).append('\n');
            }
        }
    }

    /** The counts by severity, the gate, and what was hidden and why. */
    private static void counts(Summary s, TerminalOut out) throws IOException {
        out.append(plural(s.findings(), "finding"));
        if (s.findings() > 0) {
            List<String> parts = new ArrayList<>();
            for (Severity sev : Severity.values()) {
                Integer n = s.bySeverity().get(sev);
                if (n != null) {
                    parts.add(plural(n, sev.id()));
                }
            }
            out.append(" (").append(String.join(", ", parts)).append(')');
        }
        out.append("; gate: ").append(s.gate().id()).append(" (fail on ").append(s.failOn().id()).append(")").append('\n');
        if (!s.hidden().isEmpty()) {
            out.append(Integer.toString(s.hiddenTotal())).append(" hidden: ")
                    .append(s.hidden().entrySet().stream().map(e -> e.getValue() + " " + hiddenReason(e.getKey()))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }

    /**
     * The notes of inputs that were read, next to the counts where a reader looks (the inputs list at the end
     * points here instead of repeating them): a CPU profile whose hot instructions could not be joined to machine code was otherwise only
     * a remark on one of many input lines (lz4: 84 % of cpu-2's time, in assembly, left out unseen).
     */
    private static void inputNotes(AnalysisResult r, Appendable out) throws IOException {
        List<InputStats> noted = r.inputs().stream().filter(in -> in.note() != null && !in.skipped() && !in.failed())
                .toList();
        if (noted.isEmpty()) {
            return;
        }
        out.append("input notes:").append('\n');
        for (InputStats in : noted) {
            out.append("  ").append(TerminalText.escape(in.path())).append(": ").append(TerminalText.escape(in.note()))
                    .append('\n');
        }
    }

    /** One line per rule shown (its own findings or folded ones), with its summary. */
    private static void rules(AnalysisResult r, TerminalOut out) throws IOException {
        Set<String> shown = new LinkedHashSet<>();
        r.findings().forEach(f -> {
            shown.add(f.rule());
            f.related().forEach(x -> shown.add(x.rule()));
        });
        List<RuleInfo> explained = new ArrayList<>();
        for (String id : new TreeSet<>(shown)) {
            r.rules().stream().filter(x -> x.id().equals(id) && !x.summary().isEmpty()).findFirst()
                    .ifPresent(explained::add);
        }
        if (!explained.isEmpty()) {
            out.append("rules (perfwarden explain RULE for the details and the fix):").append('\n');
            for (RuleInfo ri : explained) {
                out.append("  [").append(ri.id()).append("] ")
                        .append(ri.summary().strip()).append('\n');
            }
        }
    }

    /** One line per input with what was read of it; {@code verbose} quotes its unparsed lines. */
    private void inputs(AnalysisResult r, TerminalOut out) throws IOException {
        if (r.inputs().isEmpty()) {
            return;
        }
        out.append("inputs:").append('\n');
        for (InputStats in : r.inputs()) {
            out.append("  ").append(in.path()).append(" (").append(in.kind()).append("): ");
            if (in.failed()) {
                out.append("error: ").append(in.error());
            } else if (in.skipped()) {
                out.append("not read: ").append(in.note());
            } else {
                out.append(plural(in.records(), "record")).append(", ").append(Long.toString(in.unparsed()))
                        .append(" unparsed");
                if (in.note() != null) {
                    // said in full under "input notes" with the counts; a second copy here only made the report longer
                    out.append(" (see input notes)");
                }
            }
            out.append('\n');
            if (verbose) {
                for (Unparsed u : in.unparsedSamples()) {
                    out.append("    ").append(u.format()).append('\n');
                }
            }
        }
    }

    /** How a hiding reason reads after its count: "2 suppressed in source", "1 in baseline". */
    static String hiddenReason(String reason) {
        switch (reason) {
            case "suppressed":
                return "suppressed in source";
            case "baseline":
                return "in baseline";
            case "severity":
                return "below the minimum severity";
            case "disabled":
                return "of disabled rules";
            case "excluded":
                return "in excluded paths";
            case "external":
                return "outside the module";
            case "notes":
                return "notes (--all shows them)";
            case "tests":
                return "in test files (--include-tests shows them)";
            default:
                return reason;
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
