package dev.perfwarden.cli;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.NoteFilter;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.report.Format;
import dev.perfwarden.engine.report.ReportFile;
import dev.perfwarden.engine.report.Reporter;
import dev.perfwarden.engine.report.TextReporter;
import dev.perfwarden.engine.report.HtmlReporter;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code --format} and {@code --out}, shared by every command that writes a report. */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json, sarif or html (a self-contained page: use --out) "
                    + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(names = {"-v", "--verbose"}, description = "Text reports: under each finding, its function, the rest of its "
            + "message and its evidence as the toolchain printed it; and the unparsed input lines.")
    boolean verbose;

    @Option(names = "--all", description = "Text and HTML reports: also show notes (hidden and counted by default).")
    boolean all;

    @Option(names = "--min-severity", paramLabel = "LEVEL",
            description = "Hide findings below LEVEL (error, warning or note), in every format. Default: note for "
                    + "JSON and SARIF; warning for text and HTML, unless --all or --fail-on note.")
    String minSeverity;

    /** The severity floor the options say, or the text report's default (notes hidden unless they gate). */
    Options severityFloor(Options o) {
        if (minSeverity != null) {
            Severity s = Severity.byId(minSeverity).orElseThrow(() -> new UserException(
                    "unknown --min-severity '" + minSeverity + "' (expected error, warning or note)"));
            return o.withMinSeverity(s);
        }
        if (all || (format() != Format.TEXT && format() != Format.HTML)) {
            return o; // a gate of note (--fail-on, or the project file's) keeps them: see Analysis
        }
        return o.withFilter(new NoteFilter());
    }

    Format format() {
        return Format.byId(format).orElseThrow(() -> new UserException(
                "unknown --format '" + format + "' (expected text, json, sarif or html)"));
    }

    /** Refuses a bad {@code --format} or an {@code --out} that is a directory or special file, before any work. */
    void check() {
        format();
        if (out != null) {
            dev.perfwarden.facts.input.InputFiles.special(out).ifPresent(what -> {
                throw new UserException("--out " + out + ": " + what + ", not a regular file: refused");
            });
            if (java.nio.file.Files.isDirectory(out)) {
                throw new UserException("--out " + out + ": is a directory");
            }
        }
    }

    /** Whether {@link #write} reads the facts (the HTML page shows them): if not, they may go before it. */
    boolean needsFacts() {
        return format() == Format.HTML;
    }

    /** Writes the report; the HTML page also shows {@code read}'s facts and sources. */
    void write(AnalysisResult result, InputReader.Result read, PrintWriter stdout) throws IOException {
        Format f = format();
        Reporter reporter = f == Format.TEXT ? new TextReporter(verbose)
                : f == Format.HTML ? new HtmlReporter(read.facts(), read.sourceRoots()) : f.reporter();
        if (out == null) {
            reporter.write(result, stdout);
            stdout.flush();
            return;
        }
        try {
            ReportFile.write(out, w -> reporter.write(result, w));
        } catch (IllegalArgumentException e) {
            throw new UserException("--out " + e.getMessage(), e);
        }
    }
}
