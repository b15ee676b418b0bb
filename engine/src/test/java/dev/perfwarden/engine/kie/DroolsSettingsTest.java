package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DroolsSettingsTest {
    @Test
    void theMatchesOperatorKeepsItsCompiledPatternsOnceARuleSetIsLoaded() throws Exception {
        RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        assertThat(System.getProperty(DroolsSettings.MATCHES_CACHE)).isNotNull();
        // what Drools read: its cache holds a pattern after one evaluation (without the setting it holds none)
        Class<?> op = Class.forName("org.drools.model.operators.MatchesOperator");
        Object matches = op.getField("INSTANCE").get(null);
        Method eval = op.getMethod("eval", String.class, String.class);
        Method size = op.getDeclaredMethod("mapSize");
        size.setAccessible(true);
        assertThat(eval.invoke(matches, "make([]int, 0, n)", "make\\(\\[\\][^,]*,[^,]*,.*\\)")).isEqualTo(true);
        assertThat((int) size.invoke(matches)).isPositive();
    }
}
