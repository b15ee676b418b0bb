package dev.perfwarden.engine.report;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Summary;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.input.InputStats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --format text}: one compiler-style line per finding, {@code file:line:col: severity: message [rule]},
 * so editors and CI log viewers link it; the function and the evidence indented below; then a summary
 * with counts, the gate, the packs, the inputs (records and unparsed lines) and the hidden findings.
 * {@code verbose} also quotes unparsed lines.
 */
public final class TextReporter implements Reporter {
    private final boolean verbose;

    public TextReporter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void write(AnalysisResult r, Appendable out) throws IOException {
        for (Finding f : r.findings()) {
            // pack and input text is escaped: a message must not forge report lines or drive the terminal
            out.append(TerminalText.escape(f.location())).append(": ").append(f.severity().id()).append(": ")
                    .append(TerminalText.escape(f.message())).append(" [").append(TerminalText.escape(f.rule()))
                    .append("]\n");
            if (!f.symbol().isEmpty() && !f.file().isEmpty()) {
                out.append("    in ").append(TerminalText.escape(f.symbol())).append('\n');
            }
            for (Evidence e : f.evidence()) {
                out.append("    ").append(TerminalText.escape(e.input())).append(": ")
                        .append(TerminalText.escape(e.text().strip()));
                if (e.at() != null) {
                    out.append("  (").append(e.at().format()).append(')');
                }
                out.append('\n');
            }
        }
        if (!r.findings().isEmpty()) {
            out.append('\n');
        }
        Summary s = r.summary();
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
        out.append("; gate: ").append(s.gate().id()).append(" (fail on ").append(s.failOn().id()).append(")\n");
        if (!s.hidden().isEmpty()) {
            out.append(Integer.toString(s.hiddenTotal())).append(" hidden: ")
                    .append(s.hidden().entrySet().stream().map(e -> e.getValue() + " " + hiddenReason(e.getKey()))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!r.packs().isEmpty()) {
            out.append("packs: ").append(r.packs().stream().map(p -> p.id() + "@" + p.version())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!r.inputs().isEmpty()) {
            out.append("inputs:\n");
            for (InputStats in : r.inputs()) {
                out.append("  ").append(in.path()).append(" (").append(in.kind()).append("): ");
                if (in.failed()) {
                    out.append("error: ").append(TerminalText.escape(in.error()));
                } else if (in.skipped()) {
                    out.append("not read: ").append(TerminalText.escape(in.note()));
                } else {
                    out.append(plural(in.records(), "record")).append(", ").append(Long.toString(in.unparsed()))
                            .append(" unparsed");
                    if (in.note() != null) {
                        out.append(" (").append(in.note()).append(')');
                    }
                }
                out.append('\n');
                if (verbose) {
                    for (Unparsed u : in.unparsedSamples()) {
                        out.append("    ").append(TerminalText.escape(u.format())).append('\n');
                    }
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
            default:
                return reason;
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
