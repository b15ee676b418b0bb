package dev.perfwarden.facts.parse;

import dev.perfwarden.facts.core.TextRef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input to parse: a file, or standard input already buffered to a temporary file.
 * {@code displayPath} is what errors and reports show; {@code walked} is true when the file was
 * found by walking a directory (an unknown format is then skipped, not an error); {@code skip} is
 * how many leading bytes {@link #open()} drops (3 for a UTF-8 byte order mark).
 */
public record InputSource(String displayPath, Path path, boolean walked, int skip) {
    public InputSource {
        Objects.requireNonNull(displayPath, "displayPath");
        Objects.requireNonNull(path, "path");
        if (skip < 0) {
            throw new IllegalArgumentException("skip < 0");
        }
    }

    public InputSource(String displayPath, Path path, boolean walked) {
        this(displayPath, path, walked, 0);
    }

    public InputSource(String displayPath, Path path) {
        this(displayPath, path, false, 0);
    }

    public static InputSource of(Path path) {
        return new InputSource(path.toString(), path, false, 0);
    }

    /** The same input with its first {@code bytes} bytes left out when opened. */
    public InputSource skipping(int bytes) {
        return new InputSource(displayPath, path, walked, bytes);
    }

    public boolean directory() {
        return Files.isDirectory(path);
    }

    /** Where a line lies in the file, given its offset in the stream {@link #open()} returns. */
    public TextRef lineAt(long streamOffset) {
        return new TextRef(path, skip + streamOffset);
    }

    public InputStream open() throws IOException {
        InputStream in = Files.newInputStream(path);
        if (skip > 0) {
            in.skipNBytes(skip);
        }
        return in;
    }
}
