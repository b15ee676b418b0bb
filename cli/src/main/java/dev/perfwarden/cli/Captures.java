package dev.perfwarden.cli;

import dev.perfwarden.facts.input.InputReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Reads capture paths for the commands that analyse them. */
final class Captures {
    private Captures() {
    }

    static InputReader.Result read(List<String> paths, List<String> sources, InputStream stdin) {
        try {
            return new InputReader().read(paths, sources.stream().map(Path::of).toList(), stdin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
