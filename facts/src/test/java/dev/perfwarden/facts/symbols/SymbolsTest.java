package dev.perfwarden.facts.symbols;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolsTest {
    @Test
    void oldCompilerPrefixesBecomeTheGo120Spelling() {
        assertThat(Symbols.normalize("go.itab.*os.File,io.Writer")).isEqualTo("go:itab.*os.File,io.Writer");
        assertThat(Symbols.normalize("type.int64")).isEqualTo("type:int64");
        assertThat(Symbols.normalize("type..eq.main.T")).isEqualTo("type:.eq.main.T");
        assertThat(Symbols.normalize("type:int64")).isEqualTo("type:int64");
    }

    @Test
    void abiSuffixAndShapesAreDropped() {
        assertThat(Symbols.normalize("runtime.memmove.abi0")).isEqualTo("runtime.memmove");
        assertThat(Symbols.normalize("main.Map[go.shape.int]")).isEqualTo("main.Map[...]");
        assertThat(Symbols.normalize("main.Map[go.shape.[]int,go.shape.string]")).isEqualTo("main.Map[...]");
        assertThat(Symbols.normalize("main.(*List[go.shape.int]).Push")).isEqualTo("main.(*List[...]).Push");
        assertThat(Symbols.normalize("main.Map[...].func1")).isEqualTo("main.Map[...].func1");
    }

    @Test
    void compilerNamesAreQualifiedWithThePackagePrefix() {
        assertThat(Symbols.qualify("main", "(*T).M")).isEqualTo("main.(*T).M");
        assertThat(Symbols.qualify("example.com/m/pkg", "closure.func1")).isEqualTo("example.com/m/pkg.closure.func1");
        assertThat(Symbols.qualify("main", "Map[go.shape.int]")).isEqualTo("main.Map[...]");
    }

    @Test
    void packageOfSplitsAfterTheLastSlash() {
        assertThat(Symbols.packageOf("example.com/m/pkg.(*T).M")).isEqualTo("example.com/m/pkg");
        assertThat(Symbols.packageOf("main.f.func1")).isEqualTo("main");
        assertThat(Symbols.packageOf("runtime.mallocgc")).isEqualTo("runtime");
        assertThat(Symbols.packageOf("example.com/m.Map[...]")).isEqualTo("example.com/m");
    }

    @Test
    void instanceNamesKeepTheShapeOrTheDictionaryWrappersTypeArguments() {
        // as pprof and objdump print xsync's shape body and -m=2 its dictionary wrapper (testdata/modules/xsync)
        String shape = "github.com/puzpuzpuz/xsync/v4.(*Map[go.shape.struct {},go.shape.bool]).Compute";
        assertThat(Symbols.normalizeInstance(shape)).isEqualTo(shape);
        assertThat(Symbols.normalizeInstance("runtime.memmove.abi0")).isEqualTo("runtime.memmove");
        String site = "github.com/puzpuzpuz/xsync/v4.(*Map[...]).Compute";
        assertThat(Symbols.instanceOf(site, "xsync.(*Map[struct {},bool]).Compute"))
                .isEqualTo("github.com/puzpuzpuz/xsync/v4.(*Map[struct {},bool]).Compute");
        assertThat(Symbols.instanceOf(site, "xsync.(*Map[go.shape.struct {},go.shape.bool]).Compute")).isEqualTo(shape);
        assertThat(Symbols.instanceOf("main.Map[...]", "Map[go.shape.[]int,go.shape.string]"))
                .isEqualTo("main.Map[go.shape.[]int,go.shape.string]");
        // nothing printed to pair with, or not one list each: the site key, never a guess
        assertThat(Symbols.instanceOf(site, "")).isEqualTo(site);
        assertThat(Symbols.instanceOf("main.f", "f")).isEqualTo("main.f");
        assertThat(Symbols.instanceOf("main.F[...].G[...]", "F[int].G[int]")).isEqualTo("main.F[...].G[...]");
    }
}
