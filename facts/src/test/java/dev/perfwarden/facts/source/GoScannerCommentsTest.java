package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** GoScanner's comments-only mode: comments outside literals, byte columns, whether code precedes them. */
class GoScannerCommentsTest {

    private static List<GoScanner.Comment> comments(String go) {
        return GoScanner.comments(go.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commentsOutsideStringsRunesAndRawStringsOnly() {
        String go = """
                package p // trailing
                // alone
                var s = "not // a comment" + `raw // neither
                still raw` // after a raw string
                var r = '/' /* block */ // after a block
                /* spans
                lines */ // after its end
                """;
        assertThat(comments(go)).extracting(GoScanner.Comment::text, GoScanner.Comment::line,
                        GoScanner.Comment::col, GoScanner.Comment::block, GoScanner.Comment::afterCode)
                .containsExactly(
                        tuple("// trailing", 1, 11, false, true),
                        tuple("// alone", 2, 1, false, false),
                        tuple("// after a raw string", 4, 12, false, true),
                        tuple("/* block */", 5, 13, true, true),
                        tuple("// after a block", 5, 25, false, true),
                        tuple("/* spans\nlines */", 6, 1, true, false),
                        tuple("// after its end", 7, 10, false, true));
    }

    @Test
    void columnsAreBytesLikeTheCompilersAndLineEndsAreNotText() {
        List<GoScanner.Comment> cs = comments("var é = 1 // x\r\n\t// y");
        assertThat(cs).extracting(GoScanner.Comment::text, GoScanner.Comment::col)
                .containsExactly(tuple("// x", 12), tuple("// y", 2));
    }

    @Test
    void unterminatedLiteralsAndCommentsEndAtTheEndOfTheFile() {
        assertThat(comments("var s = \"open // no\nx := 1 // yes\n/* open")).extracting(GoScanner.Comment::text)
                .containsExactly("// yes", "/* open");
    }
}
