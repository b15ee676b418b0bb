package dev.perfwarden.engine.report;

import dev.perfwarden.facts.input.InputFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a report (or lock file, or baseline) all or nothing: into a temporary file in the same
 * folder, then renamed over the target, so a reader never sees half a report and a failed run
 * leaves the old file as it was. Special files (a FIFO, a device) are refused by name instead of
 * blocking on them.
 */
public final class ReportFile {
    /** Writes the content; may throw the I/O errors of the writer. */
    @FunctionalInterface
    public interface Content {
        void write(Writer w) throws IOException;
    }

    private static final Set<PosixFilePermission> DEFAULT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private ReportFile() {
    }

    /**
     * Writes {@code content} to {@code target} atomically (UTF-8), creating its folder.
     *
     * @throws IllegalArgumentException when {@code target} is a directory or a special file
     */
    public static void write(Path target, Content content) throws IOException {
        Optional<String> special = InputFiles.special(target);
        if (special.isPresent()) {
            throw new IllegalArgumentException(target + ": " + special.get() + ", not a regular file: refused");
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + ": is a directory");
        }
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8))) {
                content.write(w);
            }
            try {
                Files.setPosixFilePermissions(tmp, Files.isRegularFile(abs) ? Files.getPosixFilePermissions(abs)
                        : DEFAULT_MODE);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code text} to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, w -> w.write(text));
    }
}
