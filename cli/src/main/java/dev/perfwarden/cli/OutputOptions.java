package dev.perfwarden.cli;

import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.report.Format;
import dev.perfwarden.engine.report.ReportFile;
import dev.perfwarden.engine.report.Reporter;
import dev.perfwarden.engine.report.TextReporter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code --format} and {@code --out}, shared by every command that writes a report. */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json or sarif (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(names = {"-v", "--verbose"}, description = "Show evidence lines and unparsed input lines in text reports.")
    boolean verbose;

    Format format() {
        return Format.byId(format).orElseThrow(() -> new UserException(
                "unknown --format '" + format + "' (expected text, json or sarif)"));
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

    void write(AnalysisResult result, PrintWriter stdout) throws IOException {
        Format f = format();
        Reporter reporter = f == Format.TEXT ? new TextReporter(verbose) : f.reporter();
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
