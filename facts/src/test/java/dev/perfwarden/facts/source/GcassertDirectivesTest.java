package dev.perfwarden.facts.source;

import dev.perfwarden.facts.contract.FunctionLimit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Directives are read from the comments {@link GoScanner#comments} finds: text that looks like a directive
 * inside a string, a raw string or a block comment is not one (a line-by-line regex read the raw string's line).
 */
class GcassertDirectivesTest {
    private static List<String> limits(String src) {
        return GcassertDirectives.of(Map.of("p/a.go", src.getBytes(StandardCharsets.UTF_8))).stream()
                .map(GcassertDirectivesTest::show).toList();
    }

    private static String show(FunctionLimit l) {
        return l.clause() + "@" + l.sourceLine() + " from " + l.line() + ":" + l.col();
    }

    @Test
    void aDirectiveOnItsOwnLineAppliesToTheNextLineWithCodeAndATrailingOneToItsOwn() {
        assertThat(limits("""
                package p

                func f(a []int) int {
                \t//gcassert:bce

                \tx := a[1]
                \treturn x + a[2] //gcassert:bce,noescape
                }
                """)).containsExactly("bce@6 from 4:2", "bce@7 from 7:18", "noescape@7 from 7:18");
    }

    @Test
    void directiveTextInStringsRawStringsAndBlockCommentsIsNotADirectiveAndTheFirstInACommentCounts() {
        assertThat(limits("""
                package p

                var s = "//gcassert:bce"
                var r = `
                //gcassert:inline
                `
                /*
                //gcassert:noescape
                */
                func f(a []int) int {
                \treturn a[0] // see "//gcassert:bce" //gcassert:foo
                }
                """)).containsExactly("bce@11 from 11:22"); // the first of the comment's two, as gcassert matches
    }

    @Test
    void columnsAreByteColumnsAfterMultiByteText() {
        assertThat(limits("package p\n\nvar x = \"é\" // gcassert:noescape\n"))
                .containsExactly("noescape@3 from 3:14");
    }
}
