package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pathological but valid Go: deep nesting must not overflow the stack (the scan is iterative). */
class DeepSourceTest {
    static final int DEPTH = 20_000;

    @Test
    void twentyThousandNestedFuncLiteralsAreIndexedWithoutRecursion() {
        StringBuilder src = new StringBuilder("package p\n\nfunc f() {\n");
        for (int i = 0; i < DEPTH; i++) {
            src.append("_ = func() {\n");
        }
        src.append("println()\n");
        for (int i = 0; i < DEPTH; i++) {
            src.append("}\n");
        }
        src.append("}\n\nfunc g() {}\n");
        GoSourceIndex idx = GoSourceIndex.of(Path.of("/m"), "example.com/m",
                Map.of("p.go", src.toString().getBytes(StandardCharsets.UTF_8)), GoSourceIndex.GlobalClosures.INIT);
        List<GoSourceIndex.Func> funcs = idx.file("p.go").orElseThrow().funcs();
        assertThat(funcs.get(0).name()).isEqualTo("f");
        assertThat(funcs.get(1).name()).isEqualTo("f.func1");
        assertThat(funcs.get(2).name()).isEqualTo("f.func1.1");
        assertThat(funcs.get(3).name()).isEqualTo("f.func1.1.1");
        assertThat(funcs.get(3).line()).isEqualTo(6);
        int depth = GoFileParser.MAX_LITERAL_DEPTH;
        assertThat(funcs).hasSize(1 + depth + 1);
        assertThat(funcs.get(funcs.size() - 1).name()).isEqualTo("g");
        // the innermost line belongs to the deepest indexed literal
        GoSourceIndex.Func inner = idx.innermost("p.go", 4 + DEPTH, 1).orElseThrow();
        assertThat(inner.line()).isEqualTo(3 + depth);
        assertThat(inner.name()).startsWith("f.func1.1").hasSize("f.func1".length() + 2 * (depth - 1));
    }

    @Test
    void deeplyNestedTypesAreSkippedWithoutRecursion() {
        String stars = "*".repeat(DEPTH);
        String chans = "chan ".repeat(DEPTH);
        String src = "package p\n\nfunc f() {\n_ = func() " + stars + "int { return nil }\n_ = func() " + chans
                + "int { return nil }\n}\n";
        GoSourceIndex idx = GoSourceIndex.of(Path.of("/m"), "example.com/m",
                Map.of("p.go", src.getBytes(StandardCharsets.UTF_8)), GoSourceIndex.GlobalClosures.INIT);
        assertThat(idx.file("p.go").orElseThrow().funcs()).extracting(GoSourceIndex.Func::name)
                .containsExactly("f", "f.func1", "f.func2");
    }
}
