package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FieldAppendsTest {
    private static List<String> scan(String src) {
        return FieldAppends.scan("a.go", src.getBytes(StandardCharsets.UTF_8)).stream()
                .map(a -> a.line() + ":" + a.col() + " " + a.slice() + " values=" + a.values()
                        + (a.spread() ? " spread" : ""))
                .toList();
    }

    @Test
    void aSelectorAppendedToItselfIsFoundWithItsArguments() {
        assertThat(scan("""
                package p
                func (s *S) w(p []byte) {
                \tfor _, c := range p {
                \t\ts.buf = append(s.buf, c)
                \t\tif c > 1 { s.a.b = append(s.a.b, c, f(c, 2)) }
                \t\ts.buf = append(s.buf, p...)
                \t\ts.buf = append(s.buf,
                \t\t\tc,
                \t\t)
                \t}
                }
                """)).containsExactly(
                "4:3 s.buf values=1",
                "5:14 s.a.b values=2",
                "6:3 s.buf values=1 spread",
                "7:3 s.buf values=1");
    }

    @Test
    void localsOtherSlicesAndResetsAreNot() {
        assertThat(scan("""
                package p
                func f(s *S, t *S) {
                \tbuf = append(buf, 1)
                \ts.buf = append(t.buf, 1)
                \ts.buf = append(s.buf[:0], 1)
                \tx := append(s.buf, 1)
                \ts.buf[i] = append(s.buf[i], 1)
                \ts.buf = append(s.bufs, 1)
                \ts.b = append(s.b)
                }
                """)).containsExactly("9:2 s.b values=0");
    }

    @Test
    void onlyLinesWhereALoopCallsGrowsliceGiveFacts(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("go.mod"), "module example.com/m\n\ngo 1.23\n");
        Files.writeString(root.resolve("a.go"), """
                package m
                type S struct{ buf []byte }
                func (s *S) w(p []byte) {
                \tfor _, c := range p {
                \t\ts.buf = append(s.buf, c)
                \t}
                \ts.buf = append(s.buf, 0)
                }
                """);
        GoSourceIndex idx = GoSourceIndex.build(root, GoSourceIndex.GlobalClosures.INIT);
        List<Fact> facts = List.of(call(5, true), call(7, false));
        assertThat(FieldAppends.of(facts, List.of(idx)))
                .containsExactly(new FieldAppend("a.go", 5, 3, "s.buf", 1, false));
    }

    private static RuntimeCall call(int line, boolean inLoop) {
        return new RuntimeCall("m.(*S).w", "a.go", line, 0, "runtime.growslice", RuntimeCall.GROWSLICE, inLoop,
                0x1000 + line, new Evidence("objdump", "a.go:" + line + " CALL runtime.growslice(SB)", null));
    }
}
