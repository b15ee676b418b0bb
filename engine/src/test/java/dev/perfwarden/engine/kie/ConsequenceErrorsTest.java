package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Java error in a then block (a fully trusted pack, compiled by Drools) is reported at its own line. */
class ConsequenceErrorsTest {
    @TempDir
    Path tmp;

    private static final String RULE = """
            package perfwarden.packs.tp;

            import dev.perfwarden.engine.rule.Hits;
            import dev.perfwarden.facts.escape.EscapeFact;

            rule "r" @severity(warning) @summary("a rule")
            when
                $e : EscapeFact()
            then
                String a = "x";
                int n = a.length();
                %s
                insert(Hits.hit(drools, $e, "m " + b, $e));
            end
            """;

    private Path pack(String statement) throws Exception {
        Path dir = tmp.resolve("tp");
        Files.createDirectories(dir.resolve("r"));
        Files.writeString(dir.resolve("pack.yaml"), "id: tp\nversion: 0.1.0\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(dir.resolve("r/doc.md"), "A rule.\n");
        Files.writeString(dir.resolve("r/rule.drl"), RULE.formatted(statement));
        return dir;
    }

    @Test
    void aCallOnAPrimitiveIsReportedAtItsLine() throws Exception {
        Path dir = pack("String b = n.foo();");
        assertThatThrownBy(() -> RuleSet.build(List.of(PackLoader.load(dir)), getClass().getClassLoader()))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("r/rule.drl:12: error: Rule Compilation error Cannot invoke foo() on the primitive"
                        + " type int");
    }

    @Test
    void anUnknownVariableIsReportedAtItsLine() throws Exception {
        Path dir = pack("String b = a + missing;");
        assertThatThrownBy(() -> RuleSet.build(List.of(PackLoader.load(dir)), getClass().getClassLoader()))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("r/rule.drl:12: error: Rule Compilation error missing cannot be resolved");
    }

    @Test
    void aNameOnSeveralLinesOrNoNameKeepsTheRuleLine() {
        String drl = RULE.formatted("String b = a.bar() + a.bar();\n    a.bar();");
        assertThat(ConsequenceErrors.line(drl, 6, "Rule Compilation error The method bar() is undefined for the type String"))
                .isEqualTo(6);
        assertThat(ConsequenceErrors.line(drl, 6, "Rule Compilation error Type mismatch: cannot convert from int to String"))
                .isEqualTo(6);
        assertThat(ConsequenceErrors.line(drl, 6, "Rule Compilation error The method length() is undefined"))
                .isEqualTo(11);
    }
}
