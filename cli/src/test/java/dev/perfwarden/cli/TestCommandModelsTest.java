package dev.perfwarden.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attack6 #5 (probe 04): a user pack's constraint {@code (level * 2147483647) * 2} is 2 in the executable model (Java
 * int) and -4294967294 in the classic build (MVEL), so the pack's findings depend on how it was compiled. The test
 * pack's fixtures expect the executable model's findings (what runs with the pack cache), and passed: {@code perfwarden
 * test} now also runs them under the classic build ({@code PERFWARDEN_CACHE=off}) and fails, naming the disagreement.
 */
class TestCommandModelsTest {
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
        Path pack = Path.of(TestCommandModelsTest.class.getResource("/flip-pack/pack.yaml").toURI()).getParent();
        Cli.Run r = Cli.run("test", pack.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("audit-clean: the executable model (what runs with the pack cache) and the classic"
                + " build (PERFWARDEN_CACHE=off) disagree: executable model 1 found, 0 missing, 0 unexpected; classic 0"
                + " found, 1 missing, 0 unexpected")
                .contains("overflow-neg: the executable model").contains("0 passed, 2 failed");
    }
}
