package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.parse.Interner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte lexer of a whole position (a flow note's {@code at} part) reads as the String lexer does (the table below
 * is what the byte lexer read before it became the line lexer with a colon appended).
 */
class PositionLexerTest {
    @Test
    void aWholePositionFromBytesIsWhatTheStringLexerReads() {
        Interner in = new Interner();
        String[] cases = {"a.go:12", "a.go:12:5", "x/a.go:3:4", "C:x.go:3:4", "a.go:1:2:3", "a.go:12:", "a.go:12:x",
                "a.go:", "a.go", "a.go:x:3", "a.go:12345678901", "a.go:1234567890:1", "a:b:c:d:e:f:g:h:i:1:2", ":1:2",
                "a.go:7:12345678901"};
        StringBuilder got = new StringBuilder();
        for (String s : cases) {
            byte[] line = ("  at " + s + " x").getBytes(StandardCharsets.UTF_8);
            int from = 5;
            SourcePos fast = PositionLexer.sourcePos(line, from, from + s.length(), in, new int[3]);
            if (fast != null) {
                assertThat(fast).as(s).isEqualTo(PositionLexer.sourcePos(s, in));
            }
            got.append(s).append(" -> ").append(fast).append('\n');
        }
        // the byte path reads a whole FILE:LINE[:COL] whose file clean() keeps; anything else is left to the String
        assertThat(got.toString().lines().filter(l -> !l.endsWith("-> null"))).containsExactly(
                "a.go:12 -> SourcePos[file=a.go, line=12, col=0]",
                "a.go:12:5 -> SourcePos[file=a.go, line=12, col=5]",
                "x/a.go:3:4 -> SourcePos[file=x/a.go, line=3, col=4]",
                "a.go:1234567890:1 -> SourcePos[file=a.go, line=1234567890, col=1]");
    }
}
