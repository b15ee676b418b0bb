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
}
