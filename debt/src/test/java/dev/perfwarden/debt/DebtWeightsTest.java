package dev.perfwarden.debt;

import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ProjectConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebtWeightsTest {
    static final Path FILE = Path.of("/p/.perfwarden.yaml");

    @Test
    void theProjectFilesDebtSectionSetsTheWeights() throws Exception {
        ProjectConfig c = ProjectConfig.parse("failOn: warning\ndebt:\n  severity: {error: 20, note: 0}\n  cost: 0.5\n", FILE);
        assertThat(DebtWeights.of(c)).isEqualTo(new DebtWeights(20, 3, 0, 0.5));
        assertThat(DebtWeights.of(ProjectConfig.parse("failOn: warning\n", FILE))).isEqualTo(DebtWeights.DEFAULTS);
        assertThat(DebtWeights.of(null)).isEqualTo(DebtWeights.DEFAULTS);
    }

    @Test
    void pointsAreSeverityWeightRaisedByMeasuredCost() {
        RunFinding warm = new RunFinding("f", "r", "p", "warning", "", "", "", 0, 0.05, 0.01, "");
        assertThat(DebtWeights.DEFAULTS.points(warm)).isEqualTo(3 * (1 + 0.2 * 5), org.assertj.core.data.Offset.offset(1e-9));
        RunFinding unmeasured = new RunFinding("f", "r", "p", "error", "", "", "", 0, null, null, "");
        assertThat(DebtWeights.DEFAULTS.points(unmeasured)).isEqualTo(10);
    }

    @Test
    void wrongValuesAreErrorsAtTheirLine() throws Exception {
        ProjectConfig c = ProjectConfig.parse("debt:\n  severity:\n    error: high\n    fatal: 3\n  cost: -1\n  scale: 2\n", FILE);
        assertThatThrownBy(() -> DebtWeights.of(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("/p/.perfwarden.yaml:6:3: error: unknown key 'scale' in debt (allowed: cost, severity)")
                .hasMessageContaining("/p/.perfwarden.yaml:3:12: error: debt.severity.error: expected a number ≥ 0, got")
                .hasMessageContaining("/p/.perfwarden.yaml:4:5: error: unknown key 'fatal' in debt.severity")
                .hasMessageContaining("/p/.perfwarden.yaml:5:9: error: debt.cost: expected a number ≥ 0, got");
        assertThatThrownBy(() -> ProjectConfig.parse("debt: [1]\n", FILE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("debt: expected a map (severity, cost)");
    }
}
