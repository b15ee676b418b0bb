package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.capture.GoToolchainException;
import dev.perfwarden.facts.input.ParserFailure;

import java.io.PrintWriter;

/**
 * What a failed command prints and exits with. A problem the user can fix ({@link UserException},
 * a Go toolchain error, a rule pack that broke a limit or whose consequence threw: {@code PackFaultException}) is
 * one line and exit 2; anything else (a bug, out of memory, a stack
 * overflow) is one line naming what failed and exit 70 — never 1, which only the gate returns. The
 * stack trace is printed only with {@code --debug}.
 */
final class Failures {
    private Failures() {
    }

    static boolean user(Throwable t) {
        return t instanceof UserException || t instanceof GoToolchainException
                || t instanceof dev.perfwarden.engine.service.SetupException
                || t instanceof dev.perfwarden.debt.DebtException
                || t instanceof dev.perfwarden.engine.ruletest.FixtureException
                || t instanceof dev.perfwarden.engine.restrict.PackFaultException;
    }

    static int exitCode(Throwable t) {
        return user(t) ? ExitCodes.USAGE : ExitCodes.INTERNAL;
    }

    /** Prints {@code t} on {@code err} as one line (plus the stack trace with {@code debug}); returns the exit code. */
    static int report(Throwable t, PrintWriter err, boolean debug) {
        try {
            // a failing pack's message carries its own text (a consequence's exception): one line, every control
            // escaped; other messages keep their line breaks (a refusal lists one problem per indented line)
            String line = line(t);
            err.println("perfwarden: " + (t instanceof dev.perfwarden.engine.restrict.PackFaultException
                    || !user(t) ? dev.perfwarden.engine.report.TerminalText.escape(line)
                    : dev.perfwarden.engine.report.TerminalText.escapeLines(line)));
            if (debug && !user(t)) {
                t.printStackTrace(err);
            }
            err.flush();
        } catch (Throwable ignored) {
            // out of memory while reporting: the exit code still tells
        }
        return exitCode(t);
    }

    /** The one line that names what failed. */
    static String line(Throwable t) {
        if (user(t)) {
            return t.getMessage();
        }
        ParserFailure input = find(t, ParserFailure.class);
        String where = input == null ? "" : " while reading " + input.input();
        if (find(t, OutOfMemoryError.class) != null) {
            long max = Runtime.getRuntime().maxMemory() >> 20;
            return "internal error: out of memory" + where + " (maximum heap " + max
                    + " MiB; give more with PERFWARDEN_JAVA_OPTS=-Xmx4g)";
        }
        if (find(t, StackOverflowError.class) != null) {
            return "internal error: stack overflow" + where + " (a bug; run with --debug for the stack trace)";
        }
        String what = input != null ? input.getMessage() : t.toString();
        return "internal error: " + what + " (a bug; run with --debug for the stack trace)";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
