package dev.perfwarden.facts.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one walker over a module's Go files, as the go command sees them: {@code .go} files below the
 * module root, not in {@code vendor/}, {@code testdata/}, folders starting with {@code .} or {@code _},
 * or nested modules (a folder with its own {@code go.mod}). Used by the source index and the source
 * suppressions alike.
 */
public final class GoFiles {
    /** Files this large or larger are not Go sources anyone wrote by hand: skipped. */
    public static final long MAX_FILE = 16L << 20;

    private GoFiles() {
    }

    /** The module's Go files below {@code root} (smaller than {@link #MAX_FILE}), sorted. */
    public static List<Path> below(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(root) || !skipped(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && f.getFileName().toString().endsWith(".go") && attrs.size() < MAX_FILE) {
                    out.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    /** The Go files directly in {@code dir} (a package folder outside any module), sorted. */
    public static List<Path> in(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".go") && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    /** Whether the go command ignores folder {@code d} when it lists the module's packages. */
    static boolean skipped(Path d) {
        String n = d.getFileName().toString();
        return n.startsWith(".") || n.startsWith("_") || n.equals("vendor") || n.equals("testdata")
                || Files.isRegularFile(d.resolve("go.mod"));
    }
}
