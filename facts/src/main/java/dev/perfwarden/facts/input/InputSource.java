package dev.perfwarden.facts.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input to parse: a file, a directory (the {@code -json} tree), or standard input already
 * buffered to a temporary file. {@code displayPath} is what errors and reports show.
 */
public record InputSource(String displayPath, Path path) {
    public InputSource {
        Objects.requireNonNull(displayPath, "displayPath");
        Objects.requireNonNull(path, "path");
    }

    public static InputSource of(Path path) {
        return new InputSource(path.toString(), path);
    }

    public boolean directory() {
        return Files.isDirectory(path);
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
