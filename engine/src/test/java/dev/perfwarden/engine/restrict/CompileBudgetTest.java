package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.frontend.Watched;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several checks of one run share one budget of CPU time (CompileGuard.Budget), so that a project file listing many
 * packs, each tuned to stay just under one check's bound, cannot take that bound times the number of packs: two
 * pieces of work of 300 ms of CPU each fit one bound of 1 s apiece, but not a run's budget of 500 ms together.
 */
class CompileBudgetTest {
    static Pack pack() throws Exception {
        try {
            return PackLoader.load(Path.of(CompileBudgetTest.class.getResource("/packs/userpack/pack.yaml").toURI())
                    .getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spins for {@code millis} of this thread's CPU time. */
    static String spin(long millis) {
        long end = Watched.cpuNanosOfCurrentThread() + millis * 1_000_000L;
        long x = 0;
        while (Watched.cpuNanosOfCurrentThread() < end) {
            x++;
        }
        return "spun " + (x > 0);
    }

    @Test
    void checksOfOneRunShareOneBudgetOfCpuTime() throws Exception {
        assumeTrue(Watched.cpuClock(), "needs the thread CPU clock");
        Pack p = pack();
        CompileGuard.Budget budget = new CompileGuard.Budget(Duration.ofMillis(500));
        assertThat(CompileGuard.run("checking", List.of(p), () -> spin(300), budget)).isEqualTo("spun true");
        assertThatThrownBy(() -> CompileGuard.run("checking", List.of(p), () -> spin(300), budget))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems().get(0).message())
                        .startsWith("pack userpack: checking took more than 0.")
                        .contains(" s of CPU time (what was left of the 0.5 s all the packs of a run may take to check"
                                + " together) and was stopped").endsWith("split it into smaller packs, or list fewer)"));
        // without a shared budget each check has its own bound (60 s by default)
        assertThat(CompileGuard.run("checking", List.of(p), () -> spin(300))).isEqualTo("spun true");
        assertThat(CompileGuard.run("checking", List.of(p), () -> spin(300))).isEqualTo("spun true");
    }
}
