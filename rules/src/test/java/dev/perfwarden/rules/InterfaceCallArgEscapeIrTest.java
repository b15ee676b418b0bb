package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * interface-call-arg-escape with the compiler's IR and no machine code (real captures of its fixture): -m=2 alone
 * cannot tell an interface call from a call of a function that keeps its argument (no finding); with -m=4, whose
 * {@code escAnalyze} dump of every function holds the {@code CALLINTER} at each flow's call position, the four
 * sites the fixture wants are found and its negative twins are not; with -m=3, only the call inlined elsewhere
 * ({@code firstByte}'s {@code r.Read} inlined into {@code main}: chain {@code main.go:74:16 main.go:18:8}) is
 * dumped, so only that site is confirmed.
 */
class InterfaceCallArgEscapeIrTest {
    static final Path CAPS = GoPerfPack.packDir().resolve("interface-call-arg-escape/captures");
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())),
                InterfaceCallArgEscapeIrTest.class.getClassLoader());
    }

    static List<Finding> run(String version, String... files) throws Exception {
        InputReader.Result read = new InputReader().read(List.of(files).stream()
                .map(f -> CAPS.resolve(version).resolve(f).toString()).toList(), List.of(), InputStream.nullInputStream());
        return rules.run(read.facts(), Map.of()).stream().filter(f -> f.rule().equals("interface-call-arg-escape")).toList();
    }

    static List<String> lines(List<Finding> fs) {
        return fs.stream().map(f -> f.file() + ":" + f.line()).sorted().toList();
    }

    @Test
    void theEscapeTextAloneIsNotEnough() throws Exception {
        assertThat(run("go1.26.8", "m2.txt")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.23.5", "go1.24.13", "go1.25.14", "go1.26.8"})
    void everyFunctionsIrConfirmsTheInterfaceCalls(String version) throws Exception {
        List<Finding> fs = run(version, "m2.txt", "m4.txt");
        assertThat(lines(fs)).containsExactly("main.go:17", "main.go:24", "main.go:37", "main.go:42");
        Finding sum = fs.stream().filter(f -> f.line() == 42).findFirst().orElseThrow();
        assertThat(sum.message()).startsWith("parameter p leaks to the heap because it is passed to h.Write(p) at line 43,"
                + " a call through an interface method (CALLINTER in the compiler's IR; no machine code of main.sum given");
        assertThat(sum.evidence()).extracting(e -> e.text()).contains(
                "./main.go:42:23: leaking param: p",
                ".   .   CALLINTER STRUCT-struct { io.n int; io.err error } tc(1) # main.go:43:9");
    }

    @Test
    void minusM3DumpsOnlyTheCallsInlinedElsewhere() throws Exception {
        List<Finding> fs = run("go1.26.8", "m2.txt", "m3.txt");
        assertThat(lines(fs)).containsExactly("main.go:17");
        assertThat(fs.get(0).evidence()).extracting(e -> e.text()).contains(
                ".   .   CALLINTER STRUCT-struct { io.n int; io.err error } tc(1) # main.go:74:16 main.go:18:8");
    }

    @Test
    void machineCodeWinsOverTheIrWhereTheFunctionHasAny() throws Exception {
        // the linked binary has no main.firstByte (inlined into its only caller): its site is confirmed from the
        // IR; the other three functions have machine code, whose itab call decides
        List<Finding> fs = run("go1.26.8", "m2.txt", "m4.txt", "objdump.txt");
        assertThat(lines(fs)).containsExactly("main.go:17", "main.go:24", "main.go:37", "main.go:42");
        assertThat(fs).filteredOn(f -> f.message().contains("CALLINTER")).extracting(Finding::line).containsExactly(17);
        assertThat(run("go1.26.8", "m2.txt", "objdump.txt")).extracting(Finding::line).containsExactly(24, 37, 42);
    }
}
