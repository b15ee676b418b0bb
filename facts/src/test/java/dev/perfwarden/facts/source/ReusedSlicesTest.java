package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReusedSlicesTest {
    private static final Path FASTJSON = Path.of("../testdata/modules/fastjson/src");
    private static final Path CHI = Path.of("../testdata/modules/chi/src");

    private static RuntimeCall growslice(String file, int line) {
        return new RuntimeCall("m.f", file, line, 0, "runtime.growslice", RuntimeCall.GROWSLICE, true, 0x1000,
                new Evidence("objdump", file + ":" + line + " CALL runtime.growslice(SB)", null));
    }

    private static List<String> found(Path root, RuntimeCall... calls) throws IOException {
        GoSourceIndex idx = GoSourceIndex.build(root, GoSourceIndex.GlobalClosures.INIT);
        List<String> out = new ArrayList<>();
        for (ReusedSlice r : ReusedSlices.of(List.<Fact>of(calls), List.of(idx))) {
            out.add(r.file() + ":" + r.line() + " " + r.slice() + " reset " + r.resetAt() + (r.byField() ? " field" : " local"));
        }
        return out;
    }

    @Test
    void fastjsonsParserBuffersAreResetWhereThePackageTruncatesThem() throws IOException {
        // getKV (parser.go:506) appends to o.kvs, which Object.reset truncates at 463; parseArray appends to a.a
        // (198) after truncating it in the same function (188), though v.a = v.a[:0] is at 182 too
        assertThat(found(FASTJSON, growslice("parser.go", 506), growslice("parser.go", 198),
                growslice("parser.go", 71)))
                .containsExactly("parser.go:71 c.vs reset parser.go:64 field",
                        "parser.go:198 a.a reset parser.go:188 field",
                        "parser.go:506 o.kvs reset parser.go:463 field");
    }

    @Test
    void aFreshSliceOfTheUnescaperIsNoReusedOne() throws IOException {
        // unescapeStringBestEffort: b := s2b(s[:n]) ... b = append(b, ...): never truncated to length 0
        assertThat(found(FASTJSON, growslice("parser.go", 276), growslice("parser.go", 313))).isEmpty();
    }

    @Test
    void chisRouteParamsAreResetInFindRouteAndNotConfusedWithURLParams() throws IOException {
        assertThat(found(CHI, growslice("tree.go", 458)))
                .containsExactly("tree.go:458 rctx.routeParams.Values reset tree.go:376 field");
    }

    @Test
    void localsMatchOnlyInTheirFunctionAndFieldsByTheirPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.23\n");
        Files.writeString(dir.resolve("a.go"), String.join("\n",
                "package m",
                "",
                "type T struct{ buf []int; other struct{ buf []int }; out []int }",
                "",
                "func (t *T) reset() { t.buf = t.buf[:0] }",
                "",
                "func (t *T) fill(n int) {",
                "\tfor i := 0; i < n; i++ {",
                "\t\tt.buf = append(t.buf, i)", // 9: field buf, reset at 5
                "\t\tt.other.buf = append(t.other.buf, i)", // 10: other.buf matches buf by its last name
                "\t\tt.out = append(t.out, i)", // 11: truncated only by a test
                "\t}",
                "}",
                "",
                "func local(n int) []int {",
                "\tvar s []int",
                "\tfor j := 0; j < 3; j++ {",
                "\t\ts = s[:0]",
                "\t\tfor i := 0; i < n; i++ {",
                "\t\t\ts = append(s, i)", // 20: local s, reset at 18
                "\t\t}",
                "\t}",
                "\treturn s",
                "}",
                "",
                "func fresh(n int) []int {",
                "\tvar s []int",
                "\tfor i := 0; i < n; i++ {",
                "\t\ts = append(s, i)", // 29: another function's s
                "\t}",
                "\tdst := scratch[:0]",
                "\tfor i := 0; i < n; i++ {",
                "\t\tdst = append(dst, i)", // 33: dst := scratch[:0] at 31
                "\t}",
                "\treturn append(s, dst...)",
                "}",
                "",
                "var scratch []int",
                ""));
        Files.writeString(dir.resolve("a_test.go"), "package m\n\nfunc resetOut(t *T) { t.out = t.out[:0] }\n");
        assertThat(found(dir, growslice("a.go", 9), growslice("a.go", 10), growslice("a.go", 11),
                growslice("a.go", 20), growslice("a.go", 29), growslice("a.go", 33)))
                .containsExactly("a.go:9 t.buf reset a.go:5 field",
                        "a.go:10 t.other.buf reset a.go:5 field",
                        "a.go:20 s reset a.go:18 local",
                        "a.go:33 dst reset a.go:31 local");
    }

    @Test
    void fieldPathsMatchWhenOneEndsWithTheOther() {
        assertThat(ReusedSlices.sameField("routeParams.Values", "Values")).isTrue();
        assertThat(ReusedSlices.sameField("routeParams.Values", "URLParams.Values")).isFalse();
        assertThat(ReusedSlices.sameField("kvs", "kvs")).isTrue();
        assertThat(ReusedSlices.sameField("bkvs", "kvs")).isFalse();
    }
}
