package dev.perfwarden.rules;

import dev.perfwarden.engine.analysis.Analysis;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.ExternalCodeFilter;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.analysis.ReportInvariants;
import dev.perfwarden.engine.analysis.TestCodeFilter;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.ProfileSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The go-perf pack over real captures (the README example and testdata/go/sites, Go 1.26.8 and 1.23.5),
 * with the default scope: the report satisfies the {@link ReportInvariants} of issue 9, and what the sites
 * program was written to show comes out as a Go performance engineer would read it.
 */
class RealCaptureReportTest {
    static RuleSet rules;

    @BeforeAll
    static void build() throws Exception {
        rules = RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())));
    }

    record Run(InputReader.Result read, AnalysisResult result) {
    }

    static Run analyse(String capture, String source) throws Exception {
        Path root = GoPerfPack.root();
        InputReader.Result read = new InputReader().read(List.of(root.resolve(capture).toString()),
                List.of(root.resolve(source)), InputStream.nullInputStream());
        Options o = Options.defaults().withFilter(new ExternalCodeFilter(read.sourceRoots()))
                .withFilter(new TestCodeFilter());
        return new Run(read, Analysis.run(read.facts(), read.inputs(), rules, o));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"examples/captured/orders, examples/orders",
            "testdata/captured/go1.26.8/sites, testdata/go/sites",
            "testdata/captured/go1.23.5/sites, testdata/go/sites"})
    void defaultReportsSatisfyTheInvariants(String capture, String source) throws Exception {
        Run run = analyse(capture, source);
        assertThat(run.read().facts()).as("a CPU profile is among the captures")
                .anyMatch(f -> f instanceof ProfileSummary s && s.sampleType().equals("cpu"));
        assertThat(run.result().findings()).isNotEmpty();
        assertThat(ReportInvariants.violations(run.result(), run.read().sourceRoots())).isEmpty();
        // ranked: costs never increase down the report
        List<Double> weights = run.result().findings().stream().map(f -> f.cost().weight()).toList();
        for (int i = 1; i < weights.size(); i++) {
            assertThat(weights.get(i)).as("finding %d", i).isLessThanOrEqualTo(weights.get(i - 1));
        }
        // every error was measured hot on its own site
        assertThat(run.result().findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .allSatisfy(f -> assertThat(f.cost().weight()).as(f.location()).isPositive());
    }

    @Test
    void theColdErrorPathOfAHotFunctionIsANote() throws Exception {
        Run run = analyse("testdata/captured/go1.26.8/sites", "testdata/go/sites");
        double parseCum = run.read().facts().stream()
                .filter(f -> f instanceof HotFunction h && h.sampleType().equals("cpu") && h.symbol().equals("main.Parse"))
                .mapToDouble(f -> ((HotFunction) f).cumShare()).max().orElse(0);
        assertThat(parseCum).as("main.Parse is hot in the benchmark's profile").isGreaterThan(0.02);
        // fmt.Errorf("bad digit %q at %d in %s", c, i, s): its arguments escape on a line that never ran (main.go:50)
        List<Finding> errorPath = run.result().findings().stream()
                .filter(f -> f.file().equals("main.go") && f.line() == 50).toList();
        assertThat(errorPath).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.cost().basis()).isEqualTo(Scope.LINE);
            assertThat(f.cost().cpuShare()).isZero();
        });
    }

    @Test
    void valuesBoxedByDifferentCallsOnOneLineAreNotEachGivenTheFirstCall() throws Exception {
        // report.go:54: fmt.Sprintf("%3d x %-8s %10s", l.Qty, l.SKU, amounts[i]): the machine code calls
        // runtime.convT64 (l.Qty, amounts[i]) and runtime.convTstring (l.SKU) on the line
        Run run = analyse("examples/captured/orders", "examples/orders");
        List<Finding> boxed = run.result().findings().stream()
                .filter(f -> f.rule().equals("interface-escape") && f.file().equals("report.go") && f.line() == 54).toList();
        // three values of one line weighed by that line's samples: one finding, the other two folded in with their columns
        assertThat(boxed).singleElement().satisfies(f -> assertThat(f.related())
                .filteredOn(r -> r.rule().equals("interface-escape")).extracting(Finding.Related::column)
                .containsExactly(64, 77));
        List<String> messages = new java.util.ArrayList<>(List.of(boxed.get(0).message()));
        boxed.get(0).related().stream().filter(r -> r.rule().equals("interface-escape")).forEach(r -> messages.add(r.message()));
        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m)
                .contains("main.Receipt boxes or allocates several values on this line (CALL runtime.convT64, runtime.convTstring)")
                .doesNotContain("for it on this line"));
    }

    @Test
    void testCodeAndCodeOutsideTheModuleAreHiddenAndCounted() throws Exception {
        Run run = analyse("testdata/captured/go1.26.8/sites", "testdata/go/sites");
        Path root = GoPerfPack.root();
        InputReader.Result read = run.read();
        AnalysisResult all = Analysis.run(read.facts(), read.inputs(), rules, Options.defaults());
        long inTests = all.findings().stream().filter(f -> f.file().endsWith("_test.go")).count();
        assertThat(inTests).as("the benchmark file has findings of its own").isPositive();
        assertThat(run.result().summary().hidden()).containsEntry(TestCodeFilter.REASON, (int) inTests);
        assertThat(run.result().findings()).noneMatch(f -> f.file().endsWith("_test.go"));
        assertThat(root).isNotNull();
    }
}
