package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.SourcePaths;
/**
 * Import paths of directories, derived from one known pair (a package's directory as the build
 * printed it, and its import path): {@code ("", "example.com/m")} gives {@code sub → example.com/m/sub};
 * {@code ("/usr/local/go/src/unique", "unique")} gives
 * {@code /usr/local/go/src/internal/sync → internal/sync}. Used to tell which package owns a
 * file when no Go source is at hand (generic code instantiated in another package's build).
 */
public final class PackageDirs {
    private final String mainDir;
    private final String importPath;
    private final String root;
    private final String prefix;

    public PackageDirs(String mainDir, String importPath) {
        this.mainDir = mainDir;
        this.importPath = importPath;
        String[] d = mainDir.isEmpty() ? new String[0] : mainDir.split("/", -1);
        String[] p = importPath.isEmpty() ? new String[0] : importPath.split("/", -1);
        int k = 0;
        while (k < d.length && k < p.length && d[d.length - 1 - k].equals(p[p.length - 1 - k])) {
            k++;
        }
        this.root = join(d, d.length - k);
        this.prefix = join(p, p.length - k);
    }

    private static String join(String[] parts, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(parts[i]);
        }
        return sb.toString();
    }

    public String mainDir() {
        return mainDir;
    }

    /** The import path of the package in {@code dir}, or "" when {@code dir} is not below the common root. */
    public String importPathOf(String dir) {
        if (dir.equals(mainDir)) {
            return importPath;
        }
        String rel;
        if (root.isEmpty()) {
            if (SourcePaths.isAbsolute(dir) != SourcePaths.isAbsolute(mainDir)) {
                return "";
            }
            rel = dir;
        } else if (dir.equals(root)) {
            rel = "";
        } else if (dir.startsWith(root + "/")) {
            rel = dir.substring(root.length() + 1);
        } else {
            return "";
        }
        if (prefix.isEmpty()) {
            return rel;
        }
        return rel.isEmpty() ? prefix : prefix + "/" + rel;
    }
}
