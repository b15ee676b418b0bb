package dev.perfwarden.facts.source;

import dev.perfwarden.facts.escape.Captures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GoSourceIndexTest {
    private static GoSourceIndex index(GoSourceIndex.GlobalClosures style, String... pathAndSource) {
        Map<String, byte[]> m = new TreeMap<>();
        for (int i = 0; i < pathAndSource.length; i += 2) {
            m.put(pathAndSource[i], pathAndSource[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return GoSourceIndex.of(Path.of("/m"), "example.com/m", m, style);
    }

    private static List<String> names(GoSourceIndex idx, String file) {
        return idx.file(file).orElseThrow().funcs().stream().map(f -> f.name() + "@" + f.line() + ":" + f.col())
                .collect(Collectors.toList());
    }

    /** A declaration's named results (heap-lines' heapResult: a result returned bare); unnamed lists and literals give none. */
    @Test
    void namedResultsOfDeclarations() {
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT, "r.go", String.join("\n",
                "package main",
                "",
                "import \"io\"",
                "",
                "type List[T any] struct{ v T }",
                "",
                "func (it *Iterator) ReadString() (ret string) { return }",
                "func two() (n int, err error) { return }",
                "func grouped() (a, b int) { return }",
                "func arr() (x [4]int, m map[string]int) { return }",
                "func qual() (r io.Reader) { return }",
                "func unnamed() (int, error) { return 0, nil }",
                "func ptrs() (*List[int], io.Reader) { return nil, nil }",
                "func gen() (List[int]) { return List[int]{} }",
                "func single() int { f := func() (x int) { return }; return f() }",
                "func blank() (_ int, err error) { return }",
                "type Iterator struct{}"));
        Map<String, List<String>> results = new TreeMap<>();
        for (GoSourceIndex.Func f : idx.file("r.go").orElseThrow().funcs()) {
            results.put(f.name(), f.results());
        }
        assertThat(results).containsEntry("(*Iterator).ReadString", List.of("ret"))
                .containsEntry("two", List.of("n", "err")).containsEntry("grouped", List.of("a", "b"))
                .containsEntry("arr", List.of("x", "m")).containsEntry("qual", List.of("r"))
                .containsEntry("unnamed", List.of()).containsEntry("ptrs", List.of()).containsEntry("gen", List.of())
                .containsEntry("single", List.of()).containsEntry("single.func1", List.of())
                .containsEntry("blank", List.of("_", "err"));
    }

    @Test
    void declarationsMethodsGenericsAndNestedLiterals() {
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT, "a.go", String.join("\n",
                "package main",
                "",
                "import (",
                "\tstr \"strings\"",
                "\t\"example.com/m/sub\"",
                "\t_ \"embed\"",
                ")",
                "",
                "type T struct{ a int }",
                "",
                "func (t *T) Ptr() func() int { return func() int { return t.a } }",
                "func (T) Val() int {",
                "\tf := func() int {",
                "\t\tg := func() int { return 1 } // } in a comment",
                "\t\treturn g()",
                "\t}",
                "\ts := \"func() { not code }\" + `}` + string('}')",
                "\t_ = s",
                "\treturn f()",
                "}",
                "func Map[E, R any](s []E, f func(E) R) []R { return nil }",
                "type Box[E any] struct{ v E }",
                "func (b *Box[E]) Get() E { g := func() E { return b.v }; return g() }",
                "func asm(x int) int",
                "func init() {}",
                "func init() { _ = []func() int{func() int { return 7 }} }",
                "func types(f func(int) int, ch chan func()) (func() int, error) {",
                "\tvar h func() = nil",
                "\t_ = h",
                "\treturn func() int { return f(1) }, nil",
                "}",
                "func main() { _ = str.ToUpper; _ = sub.X }",
                ""));
        assertThat(names(idx, "a.go")).containsExactly(
                "(*T).Ptr@11:1", "(*T).Ptr.func1@11:39",
                "T.Val@12:1", "T.Val.func1@13:7", "T.Val.func1.1@14:8",
                "Map[...]@21:1",
                "(*Box[...]).Get@23:1", "(*Box[...]).Get.func1@23:33",
                "asm@24:1",
                "init.0@25:1", "init.1@26:1", "init.1.func1@26:32",
                "types@27:1", "types.func1@30:9",
                "main@32:1");
        GoSourceIndex.GoFile f = idx.file("a.go").orElseThrow();
        assertThat(f.imports()).containsExactly(Map.entry("str", "strings"), Map.entry("sub", "example.com/m/sub"));
        assertThat(f.pkgName()).isEqualTo("main");
        assertThat(idx.packageOf("a.go").orElseThrow().symbolPrefix()).isEqualTo("main");
        assertThat(idx.packageOf("a.go").orElseThrow().topLevel()).contains("T", "Map", "Box", "asm", "main");
        // innermost
        assertThat(idx.innermost("a.go", 14, 30).orElseThrow().name()).isEqualTo("T.Val.func1.1");
        assertThat(idx.innermost("a.go", 15, 3).orElseThrow().name()).isEqualTo("T.Val.func1");
        assertThat(idx.innermost("a.go", 17, 3).orElseThrow().name()).isEqualTo("T.Val");
        assertThat(idx.innermost("a.go", 11, 39).orElseThrow().name()).isEqualTo("(*T).Ptr.func1");
        assertThat(idx.innermost("a.go", 11, 39, true).orElseThrow().name()).isEqualTo("(*T).Ptr");
        assertThat(idx.innermost("a.go", 9, 5)).isEmpty();
        assertThat(idx.innermost("a.go", 24, 6).orElseThrow().name()).isEqualTo("asm");
    }

    @Test
    void interfaceMethodSpecsNameTheCompilersWrappers() {
        // the compiler makes a wrapper Iface.M per interface method (a method expression's function); -json
        // places its parameters at the method spec, outside every function
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT, "i.go", String.join("\n",
                "package p",
                "",
                "import \"net/http\"",
                "",
                "type (",
                "\tbmixer interface {",
                "\t\tbmix(p []byte) (tail []byte)",
                "\t\tSize() (n int)",
                "\t}",
                "\tS struct{ f func(x int) int }",
                ")",
                "",
                "type Router interface {",
                "\thttp.Handler",
                "\tUse(middlewares ...func(http.Handler) http.Handler)",
                "\tGroup(fn func(r Router),",
                "\t\tmore int) Router",
                "}",
                "",
                "type G[T any] interface{ M(v T) }",
                ""));
        assertThat(idx.file("i.go").orElseThrow().interfaceMethods()).extracting(m -> m.name() + "@" + m.line())
                .containsExactly("bmixer.bmix@7", "bmixer.Size@8", "Router.Use@15", "Router.Group@16", "G[...].M@20");
        assertThat(idx.interfaceMethodAt("i.go", 7, 8).orElseThrow().name()).isEqualTo("bmixer.bmix");
        assertThat(idx.interfaceMethodAt("i.go", 17, 3).orElseThrow().name()).isEqualTo("Router.Group");
        assertThat(idx.interfaceMethodAt("i.go", 20, 28).orElseThrow().name()).isEqualTo("G[...].M");
        // an embedded interface, a struct's func-typed field and the type line itself are no method spec
        assertThat(idx.interfaceMethodAt("i.go", 14, 3)).isEmpty();
        assertThat(idx.interfaceMethodAt("i.go", 10, 18)).isEmpty();
        assertThat(idx.interfaceMethodAt("i.go", 13, 6)).isEmpty();
        assertThat(idx.innermost("i.go", 15, 6)).isEmpty();
    }

    @Test
    void aLargeTreeParsedInParallelNamesEveryFileAsEachPackageAloneDoes() {
        // numbering (init.N, init.funcN) runs across a package's files in path order: parsing the files of a
        // large tree in parallel must not change it
        Map<String, byte[]> all = new TreeMap<>();
        List<Map<String, byte[]>> packages = new java.util.ArrayList<>();
        for (int p = 0; p < 30; p++) {
            Map<String, byte[]> pkg = new TreeMap<>();
            for (int f = 0; f < 4; f++) {
                String src = "package p" + p + "\nvar v" + f + " = func() int { return " + f + " }()\n"
                        + "func init() { println(v" + f + ") }\nfunc F" + f + "() { go func() {}() }\n";
                pkg.put("p" + p + "/f" + f + ".go", src.getBytes(StandardCharsets.UTF_8));
            }
            packages.add(pkg);
            all.putAll(pkg);
        }
        assertThat(all.size()).isGreaterThanOrEqualTo(GoSourceIndex.PARALLEL_FILES);
        GoSourceIndex big = GoSourceIndex.of(Path.of("/m"), "example.com/m", all, GoSourceIndex.GlobalClosures.INIT);
        for (Map<String, byte[]> pkg : packages) {
            assertThat(pkg.size()).isLessThan(GoSourceIndex.PARALLEL_FILES);
            GoSourceIndex alone = GoSourceIndex.of(Path.of("/m"), "example.com/m", pkg, GoSourceIndex.GlobalClosures.INIT);
            for (String file : pkg.keySet()) {
                assertThat(big.file(file)).isEqualTo(alone.file(file));
            }
        }
        assertThat(names(big, "p7/f3.go")).containsExactly("init.3@3:1", "F3@4:1", "F3.func1@4:16", "init.func4@2:10");
    }

    @Test
    void globalClosuresAreNumberedInInitializationOrderAcrossFiles() {
        String a = String.join("\n",
                "package main",
                "var x = func() int { return y() + 1 }()",
                "var y = func() int { return z }",
                "func init() { println(x) }",
                "");
        String b = String.join("\n",
                "package main",
                "var z = func() int { return 5 }()",
                "var w = []func(){func() { println(\"w\") }}",
                "var n = helper()",
                "func helper() int { return func() int { return 1 }() + x }",
                "var nested = func() func() int { return func() int { return 2 } }",
                "func main() {}",
                "");
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT, "a.go", a, "b.go", b);
        // init order: z, y, x, w, n, nested (x depends on y depends on z)
        assertThat(names(idx, "a.go")).containsExactly("init.0@4:1", "init.func2@3:9", "init.func3@2:9");
        assertThat(names(idx, "b.go")).containsExactly("helper@5:1", "helper.func1@5:28", "main@7:1",
                "init.func1@2:9", "init.func4@3:18", "init.func5@6:14", "init.func5.1@6:41");
        GoSourceIndex old = index(GoSourceIndex.GlobalClosures.GLOB, "a.go", a, "b.go", b);
        assertThat(names(old, "a.go")).contains("glob..func3@2:9");
    }

    @Test
    void realProgramMatchesTheCompilersSymbols() throws IOException {
        // objdump of nm built with -l by Go 1.23.5 and 1.26.8 (see capture.sh): these symbols exist
        GoSourceIndex idx = GoSourceIndex.build(Captures.resources().resolve("nm"), GoSourceIndex.GlobalClosures.INIT);
        List<String> all = idx.files().values().stream().flatMap(f -> f.funcs().stream())
                .map(f -> Symbols(idx, f)).collect(Collectors.toList());
        assertThat(all).contains("main.init.func1", "main.init.func2", "main.init.func3", "main.init.func4",
                "main.init.func5", "main.init.func6", "main.init.func7", "main.(*T).Ptr", "main.(*T).Ptr.func1",
                "main.T.Val", "main.T.Val.func1", "main.T.Val.func1.1", "main.init.0", "main.init.0.func1",
                "main.seq", "main.seq.func1", "main.useSeq", "main.outer", "main.outer.func1", "main.outer.func1.1",
                "main.main", "main.main.func1", "main.main.func2", "main.main.func3", "main.(*worker).run",
                "main.(*worker).run.func1", "main.(*worker).loop", "main.Map[...]", "main.(*Box[...]).Each",
                "main.(*Box[...]).Each.func1", "main.(*Box[...]).Get", "example.com/nm/sub.Hello",
                "example.com/nm/sub.Hello.func1", "example.com/nm/sub.Gen[...]", "example.com/nm/sub.Gen[...].func1");
        // the init order of order.go: zz (line 11) is init.func4, yy (9) init.func5, xx (7) init.func6
        assertThat(names(idx, "order.go")).contains("init.func4@11:10", "init.func5@9:10", "init.func6@7:10",
                "init.func7@15:26");
        assertThat(idx.modulePath()).isEqualTo("example.com/nm");
        assertThat(idx.match("/home/someone/nm/sub/sub.go")).contains("sub/sub.go");
        assertThat(idx.match("./main.go")).contains("main.go");
        assertThat(idx.match("other/main.go")).isEmpty();
    }

    private static String Symbols(GoSourceIndex idx, GoSourceIndex.Func f) {
        return dev.perfwarden.facts.symbols.Symbols.qualify(idx.packageOf(f.file()).orElseThrow().symbolPrefix(),
                f.name());
    }

    @Test
    void initOrderSeesThroughShadowingAndLoopVariables() {
        // goTool := goTool() still depends on the package-level goTool; i, s, key are locals
        String a = String.join("\n",
                "package p",
                "var a = once(func() int { goTool, err := goTool(); _ = err; return goTool })",
                "var b = once(func() int { for i, s := range list { key := s + i; _ = key }; return 0 })",
                "var goTool = once(func() int { return 1 })",
                "var i, s, key = 1, 2, 3",
                "var list = []int{i}",
                "func once(f func() int) func() int { return f }",
                "");
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT, "a.go", a);
        // order: goTool (a needs it), a, then i/s/key and list (b needs list, list needs i), b
        assertThat(names(idx, "a.go")).contains("init.func1@4:19", "init.func2@2:14", "init.func3@3:14");
    }

    @Test
    void buildConstraintsDecideWhichFilesAreNumbered() {
        BuildConstraints linux = BuildConstraints.DEFAULT;
        byte[] none = "package p\n".getBytes(StandardCharsets.UTF_8);
        assertThat(linux.matches("x_linux.go", none)).isTrue();
        assertThat(linux.matches("x_windows.go", none)).isFalse();
        assertThat(linux.matches("x_linux_arm64.go", none)).isFalse();
        assertThat(linux.matches("x_amd64.go", none)).isTrue();
        assertThat(linux.matches("x_plan9_test.go", none)).isFalse();
        assertThat(linux.matches("x.go", "//go:build unix && !cgo\n\npackage p\n".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(linux.matches("x.go", "// Copyright\n\n//go:build nethttpomithttp2\n\npackage p\n"
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(linux.matches("x.go", "//go:build (js && wasm) || windows\npackage p\n"
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(new BuildConstraints("windows", "amd64", false).matches("x_windows.go", none)).isTrue();
        // an init in a file the target does not compile does not shift the numbers
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT,
                "a_plan9.go", "package main\nfunc init() {}\n", "b.go", "package main\nfunc init() {}\n");
        assertThat(names(idx, "b.go")).containsExactly("init.0@2:1");
    }

    @Test
    void oddSourceNeverThrows() {
        GoSourceIndex idx = index(GoSourceIndex.GlobalClosures.INIT, "x.go", "package x\nfunc f( {\n\"unterminated\n/* open",
                "y.go", "not go at all {{{", "z.go", "");
        assertThat(idx.file("x.go")).isPresent();
        assertThat(idx.file("y.go")).isEmpty();
    }
}
