package dev.perfwarden.cli;

import picocli.CommandLine;

/** Entry point; the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = PerfwardenCommand.execute(PerfwardenCommand.commandLine(args), args);
        status(System.getProperty("perfwarden.status"), code);
        System.exit(code);
    }

    /**
     * Writes {@code code} to the launcher's status file ({@code -Dperfwarden.status}): the launcher maps a non-zero exit
     * without it to 70 (the JVM did not start: attack6 #8), so that exit 1 stays "gate failed" only.
     */
    static void status(String file, int code) {
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(file), code + "\n");
        } catch (java.io.IOException | RuntimeException e) {
            // the launcher then reports a non-zero exit as the JVM's failure (70): still a failure
        }
    }
}
