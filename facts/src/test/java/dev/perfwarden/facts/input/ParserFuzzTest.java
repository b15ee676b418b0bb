package dev.perfwarden.facts.input;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every parser, fuzzed with jqwik from real captures (see {@link ParserFuzz}). The suite runs a
 * fixed seed and a small number of tries (well under two minutes); {@code fuzz/parsers.sh} runs
 * {@link ParserFuzzLongRun} with random seeds and many more.
 */
class ParserFuzzTest {
    static Path dir;

    @BeforeContainer
    static void dir() throws IOException {
        dir = Files.createTempDirectory("perfwarden-fuzz");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Property(tries = 400, seed = "20261206")
    void mutatedCapturesFailOnlyWithDocumentedInputErrors(@ForAll @IntRange(min = 0, max = 12) int seed,
                                                          @ForAll long rnd) throws Exception {
        ParserFuzz.check(seed, rnd, dir);
    }
}
