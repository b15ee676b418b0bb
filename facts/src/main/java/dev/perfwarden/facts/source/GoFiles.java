package dev.perfwarden.facts.source;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which of a module's Go files the go command sees: {@code .go} files below the module root, not in
 * {@code vendor/}, {@code testdata/}, folders starting with {@code .} or {@code _}, or nested modules (a folder
 * with its own {@code go.mod}), and smaller than {@link #MAX_FILE}. The one walk by these rules is
 * {@link GoTree#walk}, which the function resolver, the source index, the suppression scan and the gcassert
 * directives all read.
 */
public final class GoFiles {
    /** Files this large or larger are not Go sources anyone wrote by hand: skipped. */
    public static final long MAX_FILE = 16L << 20;

    private GoFiles() {
    }

    /**
     * The Go source file {@code rel} of source root {@code root}, when it may be read and shown: a {@code .go} file,
     * an ordinary file smaller than {@link #MAX_FILE} whose real path (links followed) lies inside the root's real
     * path, and not under {@code /proc}, {@code /sys} or {@code /dev}. A capture's positions and its
     * {@code capture.json} come from the repository under analysis, which is not trusted: without these checks they
     * made the HTML report embed {@code /proc/self/environ} or any file a committed link pointed at (attack5 probe 01).
     */
    public static java.util.Optional<Path> readable(Path root, String rel) {
        if (!rel.endsWith(".go")) {
            return java.util.Optional.empty();
        }
        try {
            Path base = root.toRealPath();
            if (special(base)) {
                return java.util.Optional.empty();
            }
            Path src = root.resolve(rel).normalize();
            if (!src.startsWith(root.normalize()) || !Files.exists(src)) {
                return java.util.Optional.empty();
            }
            Path real = src.toRealPath();
            return real.startsWith(base) && !special(real) && Files.isRegularFile(real) && Files.size(real) < MAX_FILE
                    ? java.util.Optional.of(real) : java.util.Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether real path {@code p} is under one of the kernel's file systems ({@code /proc}, {@code /sys}, {@code /dev}). */
    public static boolean special(Path p) {
        String r = p.toString();
        return r.equals("/proc") || r.startsWith("/proc/") || r.equals("/sys") || r.startsWith("/sys/")
                || r.equals("/dev") || r.startsWith("/dev/");
    }

    /** Whether the go command ignores folder {@code d} when it lists the module's packages. */
    static boolean skipped(Path d) {
        String n = d.getFileName().toString();
        return n.startsWith(".") || n.startsWith("_") || n.equals("vendor") || n.equals("testdata")
                || Files.isRegularFile(d.resolve("go.mod"));
    }
}
