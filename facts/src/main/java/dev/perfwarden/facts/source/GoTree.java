package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Sha256;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code .go} files of one source root as the engine reads them ({@link GoFiles}' rules), and a stamp of their names, sizes
 * and modification times. Recursive (a module root): every folder but hidden, {@code _…}, {@code vendor},
 * {@code testdata} and nested modules; else only the files directly in the root. Files of 16 MiB or more
 * are left out, and at most 100,000 files are taken. The walk only reads directory entries and
 * attributes: {@link SourceCache} keeps what was built from a tree while its stamp stays the same.
 *
 * @param root      the absolute, normalised root
 * @param recursive whether sub-folders were walked
 * @param files     module-relative path ({@code /}-separated) → file, sorted by path
 * @param stamp     sha-256 over every file's path, size and modification time (nanoseconds)
 */
public record GoTree(Path root, boolean recursive, Map<String, Path> files, String stamp) {
    static final int MAX_FILES = 100_000;

    /**
     * The trees of {@code sourceRoots}, one per distinct root: a root inside a module stands for the whole module
     * (walked recursively from its {@code go.mod} folder), any other folder for its own files; roots that are no
     * folder are left out. A tree in {@code walked} (trees an input reader walked in the same run, by absolute
     * root) is taken as it is instead of walking the root again, when it was walked the same way.
     *
     * @throws java.io.UncheckedIOException naming the root that could not be walked
     */
    public static List<GoTree> of(List<Path> sourceRoots, Map<Path, GoTree> walked) {
        List<GoTree> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path r : sourceRoots) {
            if (r == null || !Files.isDirectory(r)) {
                continue;
            }
            Path mod = GoSourceIndex.findModuleRoot(r).orElse(null);
            Path root = (mod != null ? mod : r).toAbsolutePath().normalize();
            if (!seen.add(root)) {
                continue;
            }
            GoTree known = walked.get(root);
            try {
                out.add(known != null && known.recursive() == (mod != null) ? known : walk(root, mod != null));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read Go sources below " + root, e);
            }
        }
        return out;
    }

    /** Walks {@code root} (see the class comment). */
    public static GoTree walk(Path root, boolean recursive) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        List<Found> found = new ArrayList<>();
        if (!recursive) {
            try (Stream<Path> s = Files.list(r)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    if (f.getFileName().toString().endsWith(".go")) {
                        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                        add(found, r, f, a);
                    }
                }
            }
        } else if (Files.isDirectory(r)) {
            Files.walkFileTree(r, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.equals(r) || !GoFiles.skipped(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (f.getFileName().toString().endsWith(".go")) {
                        add(found, r, f, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        found.sort(Comparator.comparing(Found::rel));
        Map<String, Path> files = new LinkedHashMap<>();
        MessageDigest md = Sha256.digest();
        for (Found f : found) {
            if (files.size() >= MAX_FILES) {
                break;
            }
            files.put(f.rel(), f.file());
            md.update((f.rel() + "\u0000" + f.size() + " " + f.mtime() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new GoTree(r, recursive, java.util.Collections.unmodifiableMap(files),
                Sha256.hex(md));
    }

    private record Found(String rel, Path file, long size, long mtime) {
    }

    private static void add(List<Found> found, Path root, Path f, BasicFileAttributes a) {
        if (a.isRegularFile() && a.size() < GoFiles.MAX_FILE) {
            found.add(new Found(root.relativize(f).toString().replace('\\', '/'), f, a.size(),
                    a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)));
        }
    }

    /** Reads every file: module-relative path → bytes, in path order. */
    public Map<String, byte[]> read() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            out.put(e.getKey(), Files.readAllBytes(e.getValue()));
        }
        return out;
    }
}
