package dev.perfwarden.contracts.bench;

import dev.perfwarden.facts.bench.BenchParser;
import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.parse.InputSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * perfwarden's bench comparison against benchstat's own output on the real base/head pair
 * (examples/captured/orders-bench, made by examples/load/regen-bench.sh, benchstat.csv written by
 * golang.org/x/perf/cmd/benchstat on the same two files): every row's verdict (~ or the delta), p-value,
 * n, medians and confidence-interval percentages equal benchstat's.
 */
class BenchCompareTest {
    static final Path ROOT = Path.of(System.getProperty("perfwarden.root", "..")).toAbsolutePath().normalize();
    static final Path PAIR = ROOT.resolve("examples/captured/orders-bench");

    static List<BenchResult> read(Path p) {
        InputReader.ParsedInput in = InputReader.parse(InputSource.of(p), new BenchParser());
        assertThat(in.stats().error()).isNull();
        return in.facts().stream().filter(f -> f instanceof BenchResult).map(f -> (BenchResult) f).toList();
    }

    /** benchstat -format csv rows: "pkg|unit|benchmark" → [base, baseCI, head, headCI, vs base, P]. */
    static Map<String, String[]> benchstatCsv() throws IOException {
        return BenchstatPairsTest.csv(PAIR);
    }

    @Test
    void verdictsEqualBenchstatOnTheRealPair() throws IOException {
        List<BenchCompare.Row> rows = BenchCompare.compare(read(PAIR.resolve("base.txt")), read(PAIR.resolve("head.txt")),
                BenchCompare.DEFAULT_ALPHA);
        Map<String, String[]> expected = benchstatCsv();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(10);
        List<String> keys = new ArrayList<>();
        for (BenchCompare.Row r : rows) {
            String key = r.pkg() + "|" + r.unit() + "|" + r.benchmark();
            keys.add(key);
            String[] want = expected.get(key);
            assertThat(want).as("benchstat has row %s", key).isNotNull();
            assertThat(r.deltaText()).as("vs base of %s", key).isEqualTo(want[4]);
            assertThat(r.pText()).as("p and n of %s", key).isEqualTo(want[5]);
            assertThat(r.base().median()).as("base median of %s", key).isCloseTo(Double.parseDouble(want[0]),
                    org.assertj.core.data.Percentage.withPercentage(1e-9));
            assertThat(r.head().median()).as("head median of %s", key).isCloseTo(Double.parseDouble(want[2]),
                    org.assertj.core.data.Percentage.withPercentage(1e-9));
            assertThat(r.base().pctRange()).as("base CI of %s", key).isEqualTo(want[1]);
            assertThat(r.head().pctRange()).as("head CI of %s", key).isEqualTo(want[3]);
        }
        assertThat(keys).containsExactlyElementsOf(expected.keySet());
        assertThat(rows).filteredOn(r -> r.delta() != null).extracting(BenchCompare.Row::benchmark)
                .contains("Pipeline-2", "Price-2");
    }

    @Test
    void evidenceNumbersCarryNoTrailingZeros() {
        assertThat(dev.perfwarden.engine.rule.Fmt.num(182929)).isEqualTo("182929");
        assertThat(dev.perfwarden.engine.rule.Fmt.num(2234)).isEqualTo("2234");
        assertThat(dev.perfwarden.engine.rule.Fmt.num(32)).isEqualTo("32");
        assertThat(dev.perfwarden.engine.rule.Fmt.num(0.5)).isEqualTo("0.5");
        assertThat(dev.perfwarden.engine.rule.Fmt.num(1742985.5)).isEqualTo("1.74299e+06");
        assertThat(dev.perfwarden.engine.rule.Fmt.num(1.5e9)).isEqualTo("1.5e+09");
    }

    @Test
    void exactDistributionWithoutTiesMatchesTheTextbook() {
        // n1 = n2 = 4, complete separation: U = 0, p = 2 / C(8,4) = 0.0286 (benchstat's uTestMinP[4])
        MannWhitney.Result r = MannWhitney.test(new double[]{1, 2, 3, 4}, new double[]{5, 6, 7, 8});
        assertThat(r.u()).isEqualTo(0);
        assertThat(r.p()).isCloseTo(0.02857142857142857, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(MannWhitney.minP(3, 3)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(MannWhitney.test(new double[]{1, 1}, new double[]{1, 1}).allEqual()).isTrue();
    }

    @Test
    void fewSamplesGiveAnUnboundedInterval() {
        assertThat(MedianCI.of(new double[]{1, 2, 3, 4, 5}, 0.95).pctRange()).isEqualTo("∞");
        assertThat(MedianCI.of(new double[]{1, 2, 3, 4, 5, 6}, 0.95).pctRange()).isNotEqualTo("∞");
    }
}
