package dev.perfwarden.engine.ruletest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixture annotations: rule ids, Go version constraints, and optionally the message text and severity. */
class AnnotationsTest {
    @Test
    void idsAloneAsBefore() {
        assertThat(Annotations.parseLine("m.go", 3, "x := 1 // want \"a-b\" \"c-d\""))
                .extracting(Expectation::rule, Expectation::message, Expectation::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a-b", null, null),
                        org.assertj.core.groups.Tuple.tuple("c-d", null, null));
    }

    @Test
    void aTextThatIsNoRuleIdIsWhatTheMessageMustContainAndABracketedWordTheSeverity() {
        assertThat(Annotations.parseLine("m.go", 3,
                "x := 1 // want go>=1.22 \"alloc-in-loop\" \"moved to the \\\"heap\\\"\" [warning] \"other-rule\""))
                .extracting(Expectation::rule, Expectation::message, Expectation::severity, Expectation::constraint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alloc-in-loop", "moved to the \"heap\"",
                                "warning", "go>=1.22"),
                        org.assertj.core.groups.Tuple.tuple("other-rule", null, null, "go>=1.22"));
    }

    @Test
    void aTextBeforeAnyIdIsAnError() {
        assertThatThrownBy(() -> Annotations.parseLine("m.go", 7, "// want \"not an id\""))
                .hasMessageContaining("m.go:7");
    }
}
