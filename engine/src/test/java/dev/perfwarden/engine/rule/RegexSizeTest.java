package dev.perfwarden.engine.rule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RE2 matches in linear time, but in time linear in the input times the compiled program, and RE2/J bounds each
 * repetition count (1000) without bounding their nesting: {@code ((a{100}){100}){100}} compiles to a million
 * instructions (93 MB, 2.4 s, measured with re2j 1.7), one level more runs out of memory. {@link Regex#problem}
 * refuses a pattern whose repetitions multiply past {@link Regex#MAX_SIZE} before compiling it.
 */
class RegexSizeTest {
    @Test
    void nestedRepetitionsThatMultiplyPastTheBoundAreRefusedBeforeCompiling() {
        assertThat(Regex.size("((a{100}){100}){100}")).isEqualTo(1_000_000);
        assertThat(Regex.problem("((((a{100}){100}){100}){100})")).get().asString()
                .startsWith("its repetitions multiply to about 100000000 copies of its parts (at most 20000)");
        assertThat(Regex.problem("(a{1000}){1000}")).isPresent();
        assertThat(Regex.problem("(x{10,}){10,3000}")).isPresent();
    }

    @Test
    void patternsOfRealRulesAreWellWithinTheBound() {
        assertThat(Regex.size("abc")).isEqualTo(3);
        assertThat(Regex.size("[a-z]+Buf")).isEqualTo(4);
        assertThat(Regex.size("(ab|cd){3}")).isEqualTo(12);
        assertThat(Regex.problem("\\d{4}-\\d{2}-\\d{2}")).isEmpty();
        assertThat(Regex.problem("[0-9a-f]{64}|sha256:[0-9a-f]{64}")).isEmpty();
        assertThat(Regex.problem("^(runtime\\.)?(mallocgc|growslice|newobject)$")).isEmpty();
        assertThat(Regex.problem("[{}(]{3}")).isEmpty(); // brackets inside a class are not groups
    }

    @Test
    void anInvalidPatternIsStillReportedByTheCompiler() {
        assertThat(Regex.problem("(a")).get().asString().contains("missing closing )");
        assertThat(Regex.problem("a{1001}")).get().asString().isEqualTo("invalid repeat count");
    }
}
