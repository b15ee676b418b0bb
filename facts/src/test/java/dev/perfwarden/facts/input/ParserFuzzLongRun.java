package dev.perfwarden.facts.input;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Files;
import java.nio.file.Path;

/** The long fuzz run ({@code fuzz/parsers.sh}): random seeds, tries from {@code -Djqwik.tries.default}. */
@Tag("fuzz-long")
class ParserFuzzLongRun {
    @Property
    void mutatedCapturesFailOnlyWithDocumentedInputErrors(@ForAll @IntRange(min = 0, max = 12) int seed,
                                                          @ForAll long rnd) throws Exception {
        Path dir = Files.createTempDirectory("perfwarden-fuzz");
        try {
            ParserFuzz.check(seed, rnd, dir);
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
