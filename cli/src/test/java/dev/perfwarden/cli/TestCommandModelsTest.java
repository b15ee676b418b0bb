package dev.perfwarden.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attack6 #5 (probe 04): a user pack's constraint {@code (level * 2147483647) * 2} is 2 in the executable model (Java
 * int) and -4294967294 in the classic build (MVEL), so the pack's findings depend on how it was compiled. The test
 * pack's fixtures expect the executable model's findings (what every run uses, the pack cache on, off or refused), and
 * passed: {@code perfwarden test} now also runs them under the classic build and fails, naming the disagreement.
 */
class TestCommandModelsTest {
    /** The test pack, one copy for the engine's tests too (PackCacheTest). */
    static final Path FLIP = Cli.root().resolve("engine/src/test/resources/models/flip");
    @TempDir
    Path cache;
    @TempDir
    Path state;

    @AfterEach
    void off() {
        System.setProperty("perfwarden.cache", "off");
        System.clearProperty("perfwarden.cacheKey");
    }

    @Test
    void aPackWhoseFindingsDependOnTheCompilerFailsItsTest() throws Exception {
        System.setProperty("perfwarden.cache", cache.toString());
        System.setProperty("perfwarden.cacheKey", state.resolve("k/cache.key").toString());
        Path pack = FLIP;
        Cli.Run r = Cli.run("test", pack.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("audit-clean: the executable model (what runs) and Drools' classic build"
                + " disagree: executable model 1 found, 0 missing, 0 unexpected; classic 0"
                + " found, 1 missing, 0 unexpected")
                .contains("overflow-neg: the executable model").contains("0 passed, 2 failed");
    }

    /**
     * The cache off: the pack runs as its executable model all the same (compiled in memory), and is compared too. A
     * copy with another doc (another content key: the in-process rule set cache does not answer from the test above).
     */
    @Test
    void theCacheOffIsComparedToo(@TempDir Path copy) throws Exception {
        System.setProperty("perfwarden.cache", "off");
        Path pack = FLIP;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(pack)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(pack.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(f, to);
                }
            }
        }
        java.nio.file.Files.writeString(copy.resolve("audit-clean/doc.md"), "\nCache off.\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cli.Run r = Cli.run("test", copy.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("audit-clean: the executable model (what runs) and Drools' classic build"
                + " disagree").contains("0 passed, 2 failed");
    }
}
