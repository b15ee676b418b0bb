package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What indirect-call-hot and itab-dispatch-hot make of a dominant target's inlining decision, on indirect-call-hot's
 * Go 1.26.8 capture (objdump, cpu.pprof, m2.txt) copied into a temporary directory, the -m=2 edited where a test says
 * so. main.go:197 calls (*poly).area (declared at main.go:178, cannot inline: cost 86); main.go:21 calls sq.area
 * (can inline, cost 28), 79 % of the samples below the CALL.
 */
class IndirectCallDecisionTest {
    static final Path CAP = GoPerfPack.packDir().resolve("indirect-call-hot/captures/go1.26.8");
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())),
                IndirectCallDecisionTest.class.getClassLoader());
    }

    static List<Finding> run(Path dir, Map<String, Object> params) throws Exception {
        InputReader.Result read = new InputReader().read(List.of(dir.toString()), List.of(), InputStream.nullInputStream());
        return rules.run(read.facts(), params);
    }

    static Path capture(Path tmp, String m2) throws Exception {
        Files.copy(CAP.resolve("objdump.txt"), tmp.resolve("objdump.txt"));
        Files.copy(CAP.resolve("cpu.pprof"), tmp.resolve("cpu.pprof"));
        if (m2 != null) {
            Files.writeString(tmp.resolve("m2.txt"), m2);
        }
        return tmp;
    }

    static Finding at(List<Finding> found, String rule, int line) {
        return found.stream().filter(f -> f.rule().equals(rule) && f.line() == line && f.file().endsWith("main.go"))
                .findFirst().orElseThrow(() -> new AssertionError(rule + " main.go:" + line + " not found in " + found));
    }

    /**
     * A can-inline decision about another function declared on the same line (here a func literal (*poly).area.func1,
     * a line added to the real -m=2) is not the dominant target's: (*poly).area stays not inlinable, a note.
     */
    @Test
    void aDecisionAboutAnotherFunctionOnTheSameLineIsNotTheTargets(@TempDir Path tmp) throws Exception {
        String m2 = Files.readString(CAP.resolve("m2.txt"))
                + "./main.go:178:20: can inline (*poly).area.func1 with cost 4 as: func() float64 { return 0 }\n";
        List<Finding> found = run(capture(tmp, m2), Map.of());
        for (String rule : List.of("indirect-call-hot", "itab-dispatch-hot")) {
            Finding f = at(found, rule, 197);
            assertThat(f.severity().name()).isEqualToIgnoringCase("note");
            assertThat(f.message()).contains("is not inlinable (").doesNotContain("can be inlined");
        }
        assertThat(at(found, "indirect-call-hot", 21).severity().name()).isEqualToIgnoringCase("warning");
    }

    /**
     * A CALL whose samples went no deeper (all at the CALL, or only runtime.asyncPreempt: HotInstruction.reached
     * empty) has no dominant target: a note that says so, not a warning. The capture's main.go:21 CALL (sq.area, a
     * warning) with its reached emptied, as the join leaves it for such samples.
     */
    @Test
    void aCallWithNoSampleBelowItIsANote(@TempDir Path tmp) throws Exception {
        Files.copy(CAP.resolve("m2.txt"), tmp.resolve("m2.txt"));
        InputReader.Result read = new InputReader().read(List.of(capture(tmp, null).toString()), List.of(),
                InputStream.nullInputStream());
        List<Object> facts = new java.util.ArrayList<>();
        for (Object o : read.facts()) {
            if (o instanceof HotInstruction h && h.line() == 21 && h.op().equals("CALL") && h.file().endsWith("main.go")) {
                o = new HotInstruction(h.symbol(), h.file(), h.line(), h.col(), h.address(), h.text(), h.op(),
                        h.sampleType(), h.unit(), h.flat(), h.flatShare(), h.cum(), h.cumShare(), h.flatSamples(),
                        h.frames(), List.of(), List.of(), h.binary(), h.benchmarks(), h.evidence());
            }
            facts.add(o);
        }
        List<Finding> found = rules.run(facts, Map.of());
        for (String rule : List.of("indirect-call-hot", "itab-dispatch-hot")) {
            Finding f = at(found, rule, 21);
            assertThat(f.severity().name()).as(rule).isEqualToIgnoringCase("note");
            assertThat(f.message()).as(rule).contains("no sample went below the call");
        }
    }

    /**
     * Without an inlining decision about the dominant target (no -m=2 of its package: scan compiles the module's own
     * packages with -m=2, not its dependencies) the note names the package that lacks it.
     */
    @Test
    void withoutTheTargetsDecisionTheNoteNamesItsPackage(@TempDir Path tmp) throws Exception {
        List<Finding> found = run(capture(tmp, null), Map.of());
        for (String rule : List.of("indirect-call-hot", "itab-dispatch-hot")) {
            Finding f = at(found, rule, 21);
            assertThat(f.severity().name()).as(rule).isEqualToIgnoringCase("note");
            assertThat(f.message()).as(rule).contains("has no inlining decision among the inputs: its package"
                    + " example.com/fixture/indirect-call-hot was not compiled with -m=2 or -json");
        }
    }

    /**
     * indirect.dominantShare is a bar the top target's share must reach (share >= dominantShare dominates): at exactly
     * main.go:21's share (sq.area's, 79 %) the call is a warning, just above it a note "no target dominates"; the
     * parameter is overridden as --param does (RuleSet's overrides).
     */
    @Test
    void theDominantShareIsABarReachedAtExactlyItsValueAndCanBeOverridden(@TempDir Path tmp) throws Exception {
        Files.copy(CAP.resolve("m2.txt"), tmp.resolve("m2.txt"));
        InputReader.Result read = new InputReader().read(List.of(capture(tmp, null).toString()), List.of(),
                InputStream.nullInputStream());
        double share = read.facts().stream()
                .filter(o -> o instanceof HotInstruction h && h.line() == 21 && h.op().equals("CALL")
                        && h.file().endsWith("main.go") && !h.reached().isEmpty())
                .mapToDouble(o -> ((HotInstruction) o).reached().get(0).share()).findFirst().orElseThrow();
        assertThat(share).isBetween(0.6, 0.9);
        List<Finding> at = rules.run(read.facts(), Map.of("indirect.dominantShare", share));
        List<Finding> above = rules.run(read.facts(), Map.of("indirect.dominantShare", Math.nextUp(share)));
        for (String rule : List.of("indirect-call-hot", "itab-dispatch-hot")) {
            assertThat(at(at, rule, 21).severity().name()).as(rule).isEqualToIgnoringCase("warning");
            Finding f = at(above, rule, 21);
            assertThat(f.severity().name()).as(rule).isEqualToIgnoringCase("note");
            assertThat(f.message()).as(rule).contains("no target dominates: sq.area");
        }
    }
}
