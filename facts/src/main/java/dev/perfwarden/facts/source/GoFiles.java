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

    /** Whether the go command ignores folder {@code d} when it lists the module's packages. */
    static boolean skipped(Path d) {
        String n = d.getFileName().toString();
        return n.startsWith(".") || n.startsWith("_") || n.equals("vendor") || n.equals("testdata")
                || Files.isRegularFile(d.resolve("go.mod"));
    }
}
