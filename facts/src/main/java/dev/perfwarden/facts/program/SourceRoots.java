package dev.perfwarden.facts.program;

import dev.perfwarden.facts.core.Fact;

import java.nio.file.Path;
import java.util.List;

/**
 * The analysed module's source roots (folders holding a {@code go.mod}), as the engine found them for a run
 * ({@code --source}, or next to the captures). Only {@link ExternalFile} reads it: a relative file under none
 * of them is outside the module. Absent (or empty) when no root is known: then files are judged by name alone.
 *
 * @param roots absolute folder paths
 */
public record SourceRoots(List<String> roots) implements Fact {
    public SourceRoots {
        roots = List.copyOf(roots);
    }

    /** The fact naming {@code roots}, made absolute and normalised. */
    public static SourceRoots of(List<Path> roots) {
        return new SourceRoots(roots.stream().map(r -> r.toAbsolutePath().normalize().toString()).toList());
    }
}
