package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;

import java.util.Objects;

/**
 * A {@code # import/path} header of {@code go build} output: the lines after it (up to the next
 * header) are the compiler's output for that package. {@code variant} is the bracketed part of a
 * test build header ({@code # example.com/t3 [example.com/t3.test]} gives
 * {@code example.com/t3.test}), else "".
 */
public record PackageDecl(String importPath, String variant, Evidence evidence) implements Fact {
    public PackageDecl {
        Objects.requireNonNull(importPath, "importPath");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(evidence, "evidence");
    }
}
