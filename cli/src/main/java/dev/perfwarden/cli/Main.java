package dev.perfwarden.cli;

import picocli.CommandLine;

/** Entry point; the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(PerfwardenCommand.execute(PerfwardenCommand.commandLine(args), args));
    }
}
