package dev.perfwarden.facts.profile;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: system property {@code perfwarden.root}, else the first parent holding .git. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String p = System.getProperty("perfwarden.root");
        if (p != null && !p.isBlank() && Files.isDirectory(Path.of(p, "facts"))) {
            return Path.of(p).toAbsolutePath();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found (set -Dperfwarden.root)");
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
