package dev.perfwarden.facts.source;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The module-relative paths of one resolving range of {@link FunctionResolver}: the relative form of each path, by
 * path, and of each file named relative to a package folder, by folder and file. A -json tree's facts name each
 * position's file relative to their package's folder: the joined path was made and hashed again for every position
 * of every fact (std's tree: 1.3 million related entries), now only the first time a (folder, file) pair is met, and
 * not at all when a position names the same file as the one before (the parsers share equal strings: compared by
 * identity first). Not thread-safe: one per range.
 */
final class PathCache {
    private final UnaryOperator<String> relative;
    private final Map<String, String> plain = new HashMap<>();
    private final Map<String, Map<String, String>> byDir = new HashMap<>();
    private String lastDir;
    private String lastFile;
    private String last;

    /** {@code relative}: a printed path to its module-relative form ({@link FunctionResolver#relativePath}). */
    PathCache(UnaryOperator<String> relative) {
        this.relative = relative;
    }

    /** The module-relative form of {@code path}. */
    String of(String path) {
        return plain.computeIfAbsent(path, relative);
    }

    /** The module-relative form of {@code file} in the package folder {@code pkgDir} (as {@code of(joined(…))}). */
    String inDir(String pkgDir, String file) {
        if (file == lastFile && pkgDir == lastDir) {
            return last;
        }
        Map<String, String> m = byDir.computeIfAbsent(pkgDir, k -> new HashMap<>());
        String r = m.get(file);
        if (r == null) {
            r = of(FunctionResolver.joined(pkgDir, file));
            m.put(file, r);
        }
        lastDir = pkgDir;
        lastFile = file;
        last = r;
        return r;
    }
}
