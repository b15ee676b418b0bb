package dev.perfwarden.engine.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the files a repository names for perfwarden (the project file, a lock file, a baseline) within a size bound,
 * and only from ordinary files: a repository is not trusted (attack2 probe 04: a 3 GB baseline, lock or project file
 * ran the JVM out of memory, exit 70; {@code baseline: /proc/kmsg} blocked forever as root). Files under
 * {@code /proc}, {@code /sys} and {@code /dev} are refused whatever link leads there (their size says nothing: procfs
 * reports 0), and no more than the bound is read even when a file grows while it is read.
 */
public final class ProjectFiles {
    /** The most a project file may hold. */
    public static final long PROJECT_FILE_MAX = 1L << 20;
    /** The most a lock file may hold (a few hundred bytes per pack file). */
    public static final long LOCK_MAX = 16L << 20;
    /** The most a baseline may hold (some 500 bytes per finding: about 130,000 findings). */
    public static final long BASELINE_MAX = 64L << 20;

    private ProjectFiles() {
    }

    /**
     * The text of {@code file} (UTF-8), a {@code what} ("baseline") of at most {@code max} bytes.
     *
     * @throws ConfigException naming the file when it is not an ordinary file, is too large, or cannot be read
     */
    public static String read(Path file, long max, String what) throws ConfigException {
        try {
            Path real = file.toRealPath();
            String r = real.toString();
            if (r.equals("/proc") || r.startsWith("/proc/") || r.startsWith("/sys/") || r.startsWith("/dev/")
                    || !Files.isRegularFile(real)) {
                throw new ConfigException(file.toString(), 0, 0, "the " + what + " must be an ordinary file, not "
                        + real + (real.equals(file.toAbsolutePath()) ? "" : " (where its link leads)"));
            }
            long size = Files.size(real);
            if (size > max) {
                throw tooLarge(file, size, max, what);
            }
            try (InputStream in = Files.newInputStream(real)) {
                byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > max) {
                    throw tooLarge(file, bytes.length, max, what);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, 0, "cannot read the " + what + ": " + e.getMessage());
        }
    }

    private static ConfigException tooLarge(Path file, long size, long max, String what) {
        return new ConfigException(file.toString(), 0, 0, "the " + what + " holds " + size + " bytes, more than the "
                + (max >> 20) + " MiB a " + what + " may hold");
    }
}
