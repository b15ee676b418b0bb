package dev.perfwarden.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a go command wrote to one stream, read within a bound: a module's benchmarks printing gigabytes are the
 * command's failure, named (exit 2), not a String that runs perfwarden out of memory (exit 70; attack6 note).
 */
final class CommandOutput {
    /** Most a command may write to one stream. */
    static final long MAX = 256L << 20;

    private CommandOutput() {
    }

    /** The text of {@code file}, which {@code cmd} wrote to {@code stream}, unless it is larger than {@code max}. */
    static String read(Path file, long max, String stream, String... cmd) throws IOException, GoToolchainException {
        long size = Files.size(file);
        if (size > max) {
            throw new GoToolchainException("'" + String.join(" ", cmd) + "' wrote " + size + " bytes to its " + stream
                    + ", more than the " + max + " perfwarden reads from one command");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
