package dev.perfwarden.cli;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.report.CompilerView;
import dev.perfwarden.engine.report.TerminalText;
import dev.perfwarden.engine.service.AnalysisRequest;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.engine.service.SessionSpec;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.input.InputReader;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code explain --finding SEL PATH...}: analyses the inputs as {@code analyze} does (every finding, whatever
 * its severity or scope) and prints the selected findings, each with the compiler's {@code -m=2} text of its
 * line and the {@code -m=3}/{@code -m=4} IR there ({@link CompilerView}).
 */
final class FindingExplainer {
    private static final Pattern FILE_LINE = Pattern.compile("(.+):(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{6,64}");

    private final ProjectOptions project;
    private final PackOptions packs;

    FindingExplainer(ProjectOptions project, PackOptions packs) {
        this.project = project;
        this.packs = packs;
    }

    int explain(String selector, List<String> paths, List<String> sources, PrintWriter out) {
        List<String> starts = new ArrayList<>(sources);
        starts.addAll(paths);
        Session session = project.open(packs, starts, SessionSpec.Checks.TRUST_AND_LOCK);
        session.ruleSet();
        InputReader.Result read = Captures.read(paths, sources, System.in);
        ScopeOptions.reportInputs(read.inputs(), new PrintWriter(System.err, true));
        AnalysisResult result = session.analyze(read, AnalysisRequest.defaults());
        List<Finding> picked = pick(selector, result.findings());
        boolean ir = false;
        for (Finding f : picked) {
            CompilerView v = CompilerView.of(f, read.facts());
            ir |= v.hasIr();
            print(f, v, out);
        }
        if (!ir) {
            out.println("(no -m=3/-m=4 IR of " + (picked.size() == 1 ? "this line" : "these lines")
                    + " among the inputs: add the output of go build -gcflags=-m=3, or -m=4 for every function)");
        }
        out.flush();
        return 0;
    }

    static List<Finding> pick(String selector, List<Finding> findings) {
        Matcher m = FILE_LINE.matcher(selector);
        List<Finding> out = new ArrayList<>();
        if (m.matches()) {
            String file = m.group(1).startsWith("./") ? m.group(1).substring(2) : m.group(1);
            int line = Integer.parseInt(m.group(2));
            for (Finding f : findings) {
                if (f.line() == line && f.file() != null && (f.file().equals(file) || f.file().endsWith("/" + file))) {
                    out.add(f);
                }
            }
        } else if (FINGERPRINT.matcher(selector).matches()) {
            for (Finding f : findings) {
                if (f.fingerprint() != null && f.fingerprint().startsWith(selector)) {
                    out.add(f);
                }
            }
        } else {
            throw new UserException("--finding " + selector + ": expected a fingerprint (at least 6 hex digits) or FILE:LINE");
        }
        if (out.isEmpty()) {
            throw new UserException("--finding " + selector + ": no finding there among the " + findings.size()
                    + " findings of the inputs");
        }
        return out;
    }

    private static void print(Finding f, CompilerView v, PrintWriter out) {
        out.printf("%s:%d:%d: %s [%s] %s%n", TerminalText.escape(f.file()), f.line(), f.column(), f.severity().id(),
                TerminalText.escape(f.rule()), TerminalText.escape(f.message()));
        out.println("  fingerprint " + f.fingerprint());
        out.println();
        out.println("  -m=2 text of " + TerminalText.escape(f.file()) + ":" + f.line() + ":");
        if (v.text().isEmpty()) {
            out.println("    (none among the inputs)");
        }
        for (CompilerView.Line l : v.text()) {
            out.println("    " + where(l) + TerminalText.escape(l.evidence().text()));
        }
        out.println();
        out.println("  IR (-m=3/-m=4) of " + TerminalText.escape(f.file()) + ":" + f.line() + ":");
        if (v.ir().isEmpty()) {
            out.println("    (none among the inputs)");
        }
        for (CompilerView.Line l : v.ir()) {
            SourcePos landed = l.at().get(0);
            String in = l.in().isEmpty() ? "" : " in " + l.in();
            String inlined = l.at().size() > 1 ? ", inlined at " + landed.file() + ":" + landed.line() + ":" + landed.col() : "";
            out.println("    " + TerminalText.escape(where(l) + "[" + l.dump() + in + inlined + "]"));
            out.println("      " + TerminalText.escape(l.evidence().text()));
        }
        out.println();
    }

    private static String where(CompilerView.Line l) {
        if (l.evidence().at() == null) {
            return "";
        }
        String in = l.evidence().at().input();
        return TerminalText.escape(in.substring(in.lastIndexOf('/') + 1)) + ":" + l.evidence().at().line() + "  ";
    }
}
