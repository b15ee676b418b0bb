package dev.perfwarden.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: {@code -Dperfwarden.root}, else the first parent of the working folder with examples/. */
final class Root {
    private Root() {
    }

    static Path path(String rel) {
        String p = System.getProperty("perfwarden.root");
        if (p != null) {
            return Path.of(p, rel);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("examples/captured/orders"))) {
                return d.resolve(rel);
            }
        }
        throw new IllegalStateException("repository root not found (set -Dperfwarden.root)");
    }
}
