package dev.perfwarden.facts.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input to parse: a file, or standard input already buffered to a temporary file.
 * {@code displayPath} is what errors and reports show; {@code walked} is true when the file was
 * found by walking a directory (an unknown format is then skipped, not an error).
 */
public record InputSource(String displayPath, Path path, boolean walked) {
    public InputSource {
        Objects.requireNonNull(displayPath, "displayPath");
        Objects.requireNonNull(path, "path");
    }

    public InputSource(String displayPath, Path path) {
        this(displayPath, path, false);
    }

    public static InputSource of(Path path) {
        return new InputSource(path.toString(), path, false);
    }

    public boolean directory() {
        return Files.isDirectory(path);
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
