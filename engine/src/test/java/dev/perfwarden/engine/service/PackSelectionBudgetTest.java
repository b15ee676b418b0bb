package dev.perfwarden.engine.service;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DSLR files of all the packs of one run share one expansion budget (a budget per pack let a project file of many
 * packs, each just under it, take it times their number).
 */
class PackSelectionBudgetTest {
    private static final Path TESTPACK = Path.of("src/test/resources/packs/testpack");
    private static final Path USERPACK = Path.of("src/test/resources/packs/userpack");

    @Test
    void whatOnePacksDslrFilesTookIsGoneForTheNextPackOfTheRun() throws Exception {
        PackContext.CpuBudget budget = new PackContext.CpuBudget(Duration.ofSeconds(10));
        PackLoader.load(TESTPACK, budget);
        Duration afterOne = budget.left();
        assertThat(afterOne).isLessThan(Duration.ofSeconds(10));
        PackLoader.load(USERPACK, budget);
        assertThat(budget.left()).isLessThan(afterOne);
    }

    @Test
    void aSelectionWhoseBudgetIsGoneRefusesTheNextPacksDslrFileNamingIt() {
        PackContext.CpuBudget budget = new PackContext.CpuBudget(Duration.ofSeconds(10));
        budget.spend(Duration.ofSeconds(10).toNanos());
        PackSelection selection = new PackSelection(getClass().getClassLoader(), budget);
        SessionSpec spec = SessionSpec.defaults().withRulePacks(List.of(USERPACK));
        assertThatThrownBy(() -> selection.select(spec, null))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("inline-reason/rule.dslr:1: error: not expanded: the DSLR files of this run's packs took"
                        + " all of the 10 s of CPU time their expansion may take together before this one");
    }
}
