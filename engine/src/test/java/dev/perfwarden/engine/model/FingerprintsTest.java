package dev.perfwarden.engine.model;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {
    static final String F = "example.com/m.box";

    @Test
    void fingerprintSurvivesLineShifts() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
        Finding before = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16)), Map.of()).get(0);
        Finding after = rules.run(List.of(TestPacks.boxed(F, "box.go", 40, 3, 16)), Map.of()).get(0);
        assertThat(after.line()).isEqualTo(40);
        assertThat(after.evidence().get(0).text()).isNotEqualTo(before.evidence().get(0).text());
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());

        Finding slowA = rules.run(List.of(TestPacks.slow(F, "box.go", 20, "runtime.convT64", 500)), Map.of()).get(0);
        Finding slowB = rules.run(List.of(TestPacks.slow(F, "box.go", 31, "runtime.convT64", 500)), Map.of()).get(0);
        assertThat(slowB.fingerprint()).isEqualTo(slowA.fingerprint());

        Finding otherFn = rules.run(List.of(TestPacks.boxed(F + "2", "box.go", 12, 9, 16)), Map.of()).get(0);
        assertThat(otherFn.fingerprint()).isNotEqualTo(before.fingerprint());
    }

    @Test
    void theInstanceAFindingNamesDoesNotChangeItsFingerprint() {
        List<Evidence> ev = List.of(Evidence.of("escape-text", "./map.go:556:6: cannot inline (*Map[go.shape.int]).M"));
        String shape = Fingerprints.of("inline-budget", "example.com/m.(*Map[go.shape.string,go.shape.int]).M", ev);
        assertThat(Fingerprints.of("inline-budget", "example.com/m.(*Map[...]).M", ev)).isEqualTo(shape);
        assertThat(Fingerprints.of("inline-budget", "example.com/m.(*Map[string,int]).M", ev)).isEqualTo(shape);
        assertThat(Fingerprints.of("inline-budget", "example.com/m.(*Set[...]).M", ev)).isNotEqualTo(shape);
    }

    @Test
    void evidenceOfOneFunctionsInstancesDiffersOnlyByShapesAndGivesOneFingerprint() {
        String site = "example.com/m.(*Map[...]).Load";
        String intShape = Fingerprints.of("r", site, List.of(Evidence.of("escape-text",
                "./map.go:12:6: parameter m leaks to {heap} for (*Map[go.shape.int,go.shape.int]).Load with derefs=0:")));
        String structShape = Fingerprints.of("r", site, List.of(Evidence.of("escape-text",
                "./map.go:12:6: parameter m leaks to {heap} for (*Map[go.shape.struct { a [4]int },go.shape.int]).Load"
                        + " with derefs=0:")));
        assertThat(structShape).isEqualTo(intShape);
        // a dictionary wrapper names its type arguments, and lists without a shape are code, not an instance
        assertThat(Fingerprints.collapseShapeArgs("map.go: cannot inline (*Map[string,int]).Load"))
                .isEqualTo("map.go: cannot inline (*Map[string,int]).Load");
        assertThat(Fingerprints.collapseShapeArgs("a.go: make([]byte, 16) escapes to heap in F[go.shape.[16]uint8]:"))
                .isEqualTo("a.go: make([]byte, 16) escapes to heap in F[...]:");
        assertThat(Fingerprints.collapseShapeArgs("x[go.shape.int unclosed")).isEqualTo("x[go.shape.int unclosed");
        // a non-generic function calling two shapes on two lines (testdata/go/shapes: run calls Index[go.shape.int]
        // at main.go:77 and Index[go.shape.string] at main.go:78) has two findings: the shapes tell them apart
        String callsInt = Fingerprints.of("hot-call-not-inlined", "main.run", List.of(Evidence.of("objdump",
                "  main.go:77\t0x49f1e0\t\te8fbfcffff\tCALL main.Index[go.shape.int](SB)")));
        String callsString = Fingerprints.of("hot-call-not-inlined", "main.run", List.of(Evidence.of("objdump",
                "  main.go:78\t0x49f21a\t\te861fdffff\tCALL main.Index[go.shape.string](SB)")));
        assertThat(callsString).isNotEqualTo(callsInt);
    }

    @Test
    void normalisationStripsPositionsAddressesAndProfileEvidence() {
        assertThat(Fingerprints.normalise("escape-text", "./box.go:12:9: x escapes to heap"))
                .isEqualTo("box.go: x escapes to heap");
        assertThat(Fingerprints.normalise("objdump", "  box.go:12\t0x4a1b20\t\te8a1b2c3d4\tCALL runtime.convT64(SB)"))
                .isEqualTo("box.go 0x CALL runtime.convT64(SB)");
        assertThat(Fingerprints.normalise("asm-listing", "\t0x0012 00018 (box.go:12)\tCALL\truntime.convT64(SB)"))
                .isEqualTo("0x (box.go) CALL runtime.convT64(SB)");
        Evidence esc = new Evidence("escape-text", "./box.go:12:9: x escapes to heap", InputPos.line("m2.txt", 3));
        Evidence prof = new Evidence("pprof", "box: cum 12.4 %", null);
        Evidence prof2 = new Evidence("pprof", "box: cum 30.0 %", null);
        assertThat(Fingerprints.of("r", F, List.of(esc, prof))).isEqualTo(Fingerprints.of("r", F, List.of(prof2, esc)));
        assertThat(Fingerprints.of("r", F, List.of(esc))).isNotEqualTo(Fingerprints.of("q", F, List.of(esc)));
    }

    @Test
    void whiteSpaceIsFoldedWhateverItsKindAndATextWithoutAPatternsCharacterIsLeftAsItIs() {
        assertThat(Fingerprints.normalise("bench", "a\tb\u000Bc\fd\re\nf  g h")).isEqualTo("a b c d e f g h");
        assertThat(Fingerprints.normalise("escape-text", " x  escapes ")).isEqualTo("x escapes");
        assertThat(Fingerprints.normalise("escape-text", "x\u00a0escapes\u2028")).isEqualTo("x\u00a0escapes");
        assertThat(Fingerprints.normalise("escape-text", "no position, address or folder here"))
                .isEqualTo("no position, address or folder here");
        assertThat(Fingerprints.normalise("objdump", "0x10 at 0x1A;box.go:3 x/y.go")).isEqualTo("0x at 0x;box.go y.go");
    }
}
