package dev.perfwarden.rules;

import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.ExternalCodeFilter;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.analysis.TestCodeFilter;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap lines' callers (lib/heap-lines.drl heapCallers, LineCaller facts) on gc-pressure's fixture, every captured
 * Go version: quoted (returns.go:40) is called three times by skipKeys for each call by readKey, both from
 * BenchmarkKeys; the message names both call sites, the larger first, each with the frame that called it, as
 * go tool pprof -lines -peek shows them. A benchmark's own caller (testing.(*B).runN) is standard-library code and
 * is not named. The shares come from sampled bytes (-memprofilerate=512), so they are checked as ranges.
 */
class HeapCallersTest {
    static RuleSet rules;

    @BeforeAll
    static void build() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())));
    }

    static List<Finding> gcPressure(String version) throws Exception {
        Path rule = GoPerfPack.root().resolve("rules/packs/go-perf/gc-pressure");
        InputReader.Result read = new InputReader().read(List.of(rule.resolve("captures/" + version).toString()),
                List.of(rule.resolve("fixture")), InputStream.nullInputStream());
        Options o = Options.defaults().withFilter(new ExternalCodeFilter(read.sourceRoots()))
                .withFilter(new TestCodeFilter());
        return Analysis.run(read.facts(), read.inputs(), rules, o).findings().stream()
                .filter(f -> f.rule().equals("gc-pressure")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.23.5", "go1.24.13", "go1.25.14", "go1.26.8"})
    void aHeapLineNamesItsLargestCallersWithTheirShares(String version) throws Exception {
        List<Finding> fs = gcPressure(version);
        Finding quoted = fs.stream().filter(f -> f.file().endsWith("returns.go") && f.line() == 40).findFirst()
                .orElseThrow();
        assertThat(quoted.severity()).isEqualTo(Severity.NOTE);
        assertThat(quoted.message()).containsPattern("; its callers in mem\\.pprof: (6\\d|7\\d|8\\d)\\.\\d % of its bytes"
                + " through main\\.skipKeys at returns\\.go:53 \\((6\\d|7\\d|8\\d)\\.\\d % from main\\.BenchmarkKeys at"
                + " main_test\\.go:67\\), (1\\d|2\\d|3\\d)\\.\\d % of its bytes through main\\.readKey at returns\\.go:64"
                + " \\((1\\d|2\\d|3\\d)\\.\\d % from main\\.BenchmarkKeys at main_test\\.go:68\\)\\. The garbage collector")
                .contains("see its callers above.");
        Finding ctor = fs.stream().filter(f -> f.file().endsWith("returns.go") && f.line() == 18).findFirst()
                .orElseThrow();
        assertThat(ctor.message()).contains("; its callers in mem.pprof: 100.0 % of its bytes through"
                + " main.BenchmarkNewBuffer at main_test.go:53. The garbage collector");
    }
}
