package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pack that passes restricted mode and fails while it runs (attack probe 09: a consequence that throws): the
 * pack's fault, a {@link PackFaultException} naming the pack, the rule and its file:line (exit 2), not an internal
 * error (exit 70).
 */
class PackFaultTest {
    static final ClassLoader CL = PackFaultTest.class.getClassLoader();

    static Path pack(String name) throws Exception {
        return Path.of(PackFaultTest.class.getResource("/faults/" + name + "/pack.yaml").toURI()).getParent();
    }

    @Test
    void aConsequenceThatThrowsIsThePacksFaultNamingRuleAndLine() throws Exception {
        Pack pack = PackLoader.load(pack("thrower"));
        assertThat(RestrictedMode.check(pack, CL)).as("the pack passes restricted mode").isEmpty();
        RuleSet rules = RuleSet.build(List.of(pack), CL);
        assertThatThrownBy(() -> rules.run(SessionLimitsTest.escapes(1), Map.of()))
                .isInstanceOfSatisfying(PackFaultException.class, e -> {
                    assertThat(e).isNotInstanceOf(SessionLimitException.class);
                    assertThat(e.pack()).isEqualTo("thrower");
                    assertThat(e.rule()).isEqualTo("payload");
                    assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                    assertThat(e.getMessage()).startsWith("rule payload of pack thrower (payload/rule.drl:5) failed:"
                            + " its consequence threw java.lang.NumberFormatException: For input string: \"\u001b]0;pwned");
                });
    }
}
