package dev.perfwarden.rules;

import dev.perfwarden.engine.doc.RuleReference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rules.md carries a generated reference (go-perf's DSL sentences, the YAML fact types and their
 * fields). It must equal what {@link RuleReference} renders now; {@code -Dperfwarden.update=true}
 * rewrites it.
 */
class RuleReferenceDocTest {
    private static final Path DOC = Path.of("../docs/rules.md");
    private static final Path DSL = Path.of("packs/go-perf/go-perf.dsl");

    @Test
    void generatedReferenceIsCurrent() throws Exception {
        String dsl = Files.exists(DSL) ? Files.readString(DSL, StandardCharsets.UTF_8) : null;
        String expected = RuleReference.render("rules/packs/go-perf/go-perf.dsl", dsl);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("perfwarden.update")) {
            Files.writeString(DOC, RuleReference.replace(doc, expected), StandardCharsets.UTF_8);
            doc = Files.readString(DOC, StandardCharsets.UTF_8);
        }
        assertThat(RuleReference.current(doc))
                .as("the generated reference in docs/rules.md is stale; run"
                        + " mvn -pl rules -am test -Dtest=RuleReferenceDocTest -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dperfwarden.update=true")
                .isEqualTo(expected);
    }
}
