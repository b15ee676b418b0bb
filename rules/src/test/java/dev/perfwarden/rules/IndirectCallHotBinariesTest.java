package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.pack.PackLoader;
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
 * One module's code in two test binaries, as {@code scan --bench} keeps them (binary N: objdump-N.txt, cpu-N.pprof):
 * indirect-call-hot's capture (go1.26.8) copied as binaries 1 and 2. A call site is its source position, whatever the
 * number of binaries holding it (review4, json-iterator: "1 more site" was the same line in another binary).
 */
class IndirectCallHotBinariesTest {
    static final Path CAP = GoPerfPack.packDir().resolve("indirect-call-hot/captures/go1.26.8");
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())),
                IndirectCallHotBinariesTest.class.getClassLoader());
    }

    static List<Finding> run(Path dir) throws Exception {
        InputReader.Result read = new InputReader().read(List.of(dir.toString()), List.of(), InputStream.nullInputStream());
        return rules.run(read.facts(), Map.of());
    }

    static Path binaries(Path tmp, int profiled) throws Exception {
        // the package's -m=2 (one build of its code, as scan gives it): whether a direct call would inline the target
        Files.copy(CAP.resolve("m2.txt"), tmp.resolve("m2.txt"));
        for (int n = 1; n <= 2; n++) {
            Files.copy(CAP.resolve("objdump.txt"), tmp.resolve("objdump-" + n + ".txt"));
            if (n <= profiled) {
                Files.copy(CAP.resolve("cpu.pprof"), tmp.resolve("cpu-" + n + ".pprof"));
            }
        }
        return tmp;
    }

    @Test
    void theOtherSitesOfATargetAreOtherSourceLinesNotTheCallsCopyInAnotherBinary(@TempDir Path tmp) throws Exception {
        List<Finding> found = run(binaries(tmp, 2));
        assertThat(found).filteredOn(f -> f.rule().equals("indirect-call-hot") && f.line() == 76).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("at 1 more site (example.com/fixture/indirect-call-hot/main.go:87"
                            + " in indirect-call-hot.(*sorted).above 0.3 % of the CPU samples below each)");
                    assertThat(f.message()).doesNotContain("main.go:76 in");
                });
    }

    @Test
    void aCopyInABinaryWithoutAProfileAddsNoEvidenceToAFindingWeighedOnInstructions(@TempDir Path tmp)
            throws Exception {
        List<Finding> found = run(binaries(tmp, 1));
        List<Finding> onInstructions = found.stream().filter(f -> f.cost().basis() == Scope.INSTRUCTION).toList();
        assertThat(onInstructions).extracting(Finding::rule).contains("indirect-call-hot");
        assertThat(onInstructions).allSatisfy(f -> assertThat(f.evidence())
                .noneMatch(e -> e.at() != null && e.at().input().endsWith("objdump-2.txt")));
        assertThat(found).filteredOn(f -> f.rule().equals("indirect-call-hot") && f.line() == 76).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("at 1 more site ("));
    }
}
