package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.asm.WriteBarrierCheck;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.escape.Captures;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.HotLine;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Facts of one program read from different inputs join on module-relative file and canonical symbol:
 * objdump of a {@code -trimpath} binary ({@code example.com/fixture/x/main.go} in TEXT headers), the
 * {@code -S} listing (absolute paths), {@code -m} text ({@code ./main.go}) and pprof profiles of the
 * test binary (absolute paths; package main under its import path).
 */
class CrossInputJoinTest {
    private static final Path PACKS = Captures.root().resolve("rules/packs/go-perf");

    private static List<Fact> read(String rule, String version) throws Exception {
        Path cap = PACKS.resolve(rule).resolve("captures").resolve(version);
        assumeTrue(Files.isDirectory(cap), cap + " not captured");
        return new InputReader().read(List.of(cap.toString()), List.of(PACKS.resolve(rule).resolve("fixture")),
                InputStream.nullInputStream()).facts();
    }

    private static <T> List<T> of(List<Fact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    @Test
    void machineCodeOfEveryInputCarriesTheModuleRelativeFile() throws Exception {
        for (String v : List.of("go1.23.5", "go1.26.8")) {
            List<Fact> facts = read("write-barrier-hot", v);
            List<WriteBarrierCheck> checks = of(facts, WriteBarrierCheck.class);
            assertThat(checks).as(v).isNotEmpty();
            assertThat(checks).as(v + ": objdump and -S facts").extracting(WriteBarrierCheck::file)
                    .containsOnly("main.go");
            Set<String> inputs = checks.stream().map(c -> c.evidence().input()).collect(Collectors.toSet());
            assertThat(inputs).as(v).contains("objdump", "asm-listing");
            // the same line from the -m text and from objdump
            assertThat(of(facts, EscapeFact.class)).extracting(EscapeFact::file).contains("main.go");
        }
    }

    @Test
    void inlinedLinesUnderTheTextHeaderPathAndProfilesJoinTheCompilerOutput() throws Exception {
        for (String v : List.of("go1.23.5", "go1.26.8")) {
            List<Fact> facts = read("malloc-hot", v);
            // objdump of main.main: tokenize's line 19 inlined, printed under the -trimpath TEXT header path (and
            // maps.go's line 19, inlined there too), each named by its module-relative file
            assertThat(of(facts, RuntimeCall.class)).as(v)
                    .filteredOn(c -> c.symbol().equals("main.main") && c.line() == 19)
                    .isNotEmpty()
                    .extracting(RuntimeCall::file).contains("main.go").containsOnly("main.go", "maps.go");
            // the heap profile of the test binary: absolute file, package main under its import path
            List<HotLine> sites = of(facts, HotLine.class).stream()
                    .filter(l -> l.sampleType().equals("alloc_space") && l.line() == 19 && l.flat() > 0)
                    .collect(Collectors.toList());
            assertThat(sites).as(v).isNotEmpty();
            assertThat(sites).extracting(HotLine::file).containsOnly("main.go");
            assertThat(sites).extracting(HotLine::symbol).containsOnly("main.tokenize");
            assertThat(of(facts, HotFunction.class)).extracting(HotFunction::symbol)
                    .contains("main.tokenize", "runtime.mallocgc")
                    .doesNotContain("example.com/fixture/malloc-hot.tokenize");
            // ... and so they meet the escape result of that line
            assertThat(of(facts, EscapeFact.class)).as(v)
                    .anyMatch(e -> e.file().equals("main.go") && e.line() == 19 && e.symbol().equals("main.tokenize"));
        }
    }

    @Test
    void theTrimpathFormMatchesOnlyTheIndexedModule(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/x.go"), "package sub\n\nfunc F() {}\n");
        FunctionResolver r = FunctionResolver.of(List.of(dir), null);
        assertThat(r.relativePath("example.com/m/sub/x.go")).isEqualTo("sub/x.go");
        assertThat(r.relativePath("example.com/other/sub/x.go")).isEqualTo("example.com/other/sub/x.go");
        assertThat(r.relativePath("example.com/m/sub/y.go")).isEqualTo("example.com/m/sub/y.go");
    }

    @Test
    void aCompilerMadeWrapperIsAttributedAsTheCompilerNamesItNotToInit() throws Exception {
        // examples/orders pricing.go:39 is `Apply(ctx *Context, amount Cents) Cents` in `type Rule interface`: the
        // compiler's method-expression wrapper Rule.Apply leaks ctx; -m=2 names it ("for Rule.Apply"), the -json
        // record names no function and the source has none around the position
        Path root = Captures.root();
        List<Fact> facts = new InputReader().read(List.of(root.resolve("examples/captured/orders/m2.txt").toString(),
                        root.resolve("examples/captured/orders/json").toString()),
                List.of(root.resolve("examples/orders")), InputStream.nullInputStream()).facts();
        List<EscapeFact> at39 = of(facts, EscapeFact.class).stream()
                .filter(e -> e.file().equals("internal/pricing/pricing.go") && e.line() == 39).toList();
        assertThat(at39).extracting(e -> e.evidence().input()).contains("escape-text", "logopt-json");
        assertThat(at39).extracting(EscapeFact::symbol)
                .containsOnly("example.com/orders/internal/pricing.Rule.Apply");
    }

    @Test
    void withoutTextTheInterfaceMethodSpecNamesTheWrapper() throws Exception {
        // the same wrapper from -json alone: the record names no function, so the position's method spec in
        // `type Rule interface` names it (before: pricing.init)
        Path root = Captures.root();
        List<Fact> facts = new InputReader().read(List.of(root.resolve("examples/captured/orders/json").toString()),
                List.of(root.resolve("examples/orders")), InputStream.nullInputStream()).facts();
        List<EscapeFact> at39 = of(facts, EscapeFact.class).stream()
                .filter(e -> e.file().equals("internal/pricing/pricing.go") && e.line() == 39).toList();
        assertThat(at39).isNotEmpty();
        assertThat(at39).extracting(EscapeFact::symbol)
                .containsOnly("example.com/orders/internal/pricing.Rule.Apply");
        assertThat(at39).extracting(EscapeFact::attribution).containsOnly(Attributable.BY_SOURCE);
    }
}
