package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * interface-escape with the compiler's IR and no machine code (real Go 1.26.8 captures of its fixture): -m=2
 * alone leaves the conversion unconfirmed (a note); -m=2 with -m=4, whose {@code escAnalyze} dump of
 * {@code boxInt} holds {@code CONVIFACE Implicit any tc(1) # main.go:15:11}, confirms it (a warning quoting the
 * IR line next to the -m=2 text).
 */
class InterfaceEscapeIrTest {
    static final Path CAP = GoPerfPack.packDir().resolve("interface-escape/captures/go1.26.8");
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())), InterfaceEscapeIrTest.class.getClassLoader());
    }

    static Finding at15(String... files) throws Exception {
        return at15(CAP, files);
    }

    static Finding at15(Path cap, String... files) throws Exception {
        InputReader.Result read = new InputReader().read(List.of(files).stream().map(f -> cap.resolve(f).toString())
                .toList(), List.of(), InputStream.nullInputStream());
        return rules.run(read.facts(), Map.of()).stream()
                .filter(f -> f.rule().equals("interface-escape") && f.file().equals("main.go") && f.line() == 15)
                .findFirst().orElseThrow(() -> new AssertionError("no interface-escape finding at main.go:15"));
    }

    @Test
    void withoutMachineCodeOrIrTheConversionIsOnlyANote() throws Exception {
        Finding f = at15("m2.txt");
        assertThat(f.severity()).isEqualTo(Severity.NOTE);
        assertThat(f.message()).contains("no machine code given");
    }

    @Test
    void theIrConfirmsTheConversionAndShowsItNextToTheEscapeText() throws Exception {
        Finding f = at15("m2.txt", "m4.txt");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("implicit CONVIFACE of int to any");
        assertThat(f.evidence()).extracting(e -> e.text())
                .contains("./main.go:15:11: n * 1000 escapes to heap", ".   .   .   CONVIFACE Implicit any tc(1) # main.go:15:11");
    }

    /**
     * Go 1.19.13 (testdata/captured/go1.19.13/interface-escape, -m=4 alone: it holds the -m=2 lines too) puts both
     * the escape and the conversion at the statement's start, {@code ./main.go:15:2: n * 1000 escapes to heap} and
     * {@code CONVIFACE Implicit any tc(1) # main.go:15:2} over {@code MUL int tc(1) # main.go:15:11}.
     */
    @Test
    void go119sIrConfirmsTheConversionToo() throws Exception {
        Path cap = GoPerfPack.root().resolve("testdata/captured/go1.19.13/interface-escape");
        Finding f = at15(cap, "m4.txt");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.column()).isEqualTo(2);
        assertThat(f.message()).contains("implicit CONVIFACE of int to any");
        assertThat(f.evidence()).extracting(e -> e.text())
                .contains("./main.go:15:2: n * 1000 escapes to heap", ".   .   .   CONVIFACE Implicit any tc(1) # main.go:15:2");
        assertThat(at15(cap, "m3.txt").severity()).as("-m=3 has no tree of boxInt in 1.19").isEqualTo(Severity.NOTE);
    }
}
