package dev.perfwarden.engine.pack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** DRL syntax errors say what is wrong, at the line and column of the token Drools stopped at. */
class DrlSyntaxErrorsTest {
    static String rule(String lhs) {
        return "package p;\nrule \"r\"\nwhen\n" + lhs + "\nthen\n    insert($s);\nend\n";
    }

    @Test
    void aMissingCommaBetweenConstraintsIsNamed() {
        DrlInspector.Result r = DrlInspector.inspect(rule("    $s : EscapeFact(kind == \"a(\", line > 1\n"
                + "                    file == \"x\")"));
        assertThat(r.errors()).first().satisfies(e -> {
            assertThat(e.message()).startsWith("expected ',' between constraints, before 'file' in rule \"r\"");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.column()).isEqualTo(21);
        });
    }

    @Test
    void aNumberRightAfterAConstraintIsAMissingCommaToo() {
        DrlInspector.Result r = DrlInspector.inspect(rule("    $s : EscapeFact(line > 100 200)"));
        assertThat(r.errors()).first().satisfies(e -> {
            assertThat(e.message()).startsWith("expected ',' between constraints, before '200' in rule \"r\""
                    + " ([ERR 102] mismatched input '200' in pattern");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(32);
        });
    }

    @Test
    void anyOtherMismatchSaysWhatWasUnexpected() {
        DrlInspector.Result r = DrlInspector.inspect(rule("    $s : EscapeFact(kind == \"a\") ) x"));
        assertThat(r.errors()).isNotEmpty();
        assertThat(r.errors().get(0).message()).doesNotStartWith("expected ','");
    }
}
