package dev.perfwarden.contracts.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * perfwarden's bench comparison equals benchstat's on every row of every real base/head pair:
 * examples/captured/bench-pairs/* (standard-library benchmarks under Go 1.25.14 and 1.26.8, made by
 * examples/load/regen-bench-pairs.sh, one pair with -count 3) and examples/captured/orders-bench (a
 * custom b.ReportMetric unit, an allocation added in a loop). benchstat.csv is what
 * golang.org/x/perf/cmd/benchstat printed for each pair: for each row the centers, the CI percentages,
 * the delta or ~, and p with n must be equal; a benchmark of one side only must be reported as unmatched.
 */
class BenchstatPairsTest {
    static final Path ROOT = BenchCompareTest.ROOT;
    /** Centers: the same median, up to the last bit of a float sum ((a+b)/2 of scaled values). */
    static final org.assertj.core.data.Percentage CLOSE = org.assertj.core.data.Percentage.withPercentage(1e-10);

    static Stream<Path> pairs() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("examples/captured/bench-pairs"))) {
            s.filter(p -> Files.isRegularFile(p.resolve("benchstat.csv"))).sorted().forEach(out::add);
        }
        out.add(ROOT.resolve("examples/captured/orders-bench"));
        return out.stream();
    }

    /** "pkg|unit|benchmark" → benchstat's CSV cells after the name (3 for one side, 6 for a pair). */
    static Map<String, String[]> csv(Path dir) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        String pkg = "";
        String unit = "";
        for (String line : Files.readAllLines(dir.resolve("benchstat.csv"))) {
            if (line.startsWith("pkg: ")) {
                pkg = line.substring(5);
            } else if (line.startsWith(",base.txt")) {
                continue;
            } else if (line.startsWith(",")) {
                unit = line.split(",")[1];
            } else if (!line.isBlank() && line.contains(",") && !line.startsWith("geomean")) {
                String[] c = line.split(",", -1);
                rows.put(pkg + "|" + unit + "|" + c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everyRowEqualsBenchstat(Path dir) throws IOException {
        var base = BenchCompareTest.read(dir.resolve("base.txt"));
        var head = BenchCompareTest.read(dir.resolve("head.txt"));
        List<BenchCompare.Row> rows = BenchCompare.compare(base, head, BenchCompare.DEFAULT_ALPHA);
        Map<String, String[]> want = csv(dir);
        Map<String, BenchCompare.Row> got = new LinkedHashMap<>();
        rows.forEach(r -> got.put(r.pkg() + "|" + r.unit() + "|" + r.benchmark(), r));
        List<String> paired = new ArrayList<>();
        int oneSided = 0;
        for (Map.Entry<String, String[]> e : want.entrySet()) {
            String key = e.getKey();
            String[] c = e.getValue();
            boolean bothSides = c.length >= 6 && !c[0].isEmpty() && !c[2].isEmpty();
            if (!bothSides) {
                oneSided++;
                assertThat(got).as("benchstat compares nothing for %s", key).doesNotContainKey(key);
                continue;
            }
            paired.add(key);
            BenchCompare.Row r = got.get(key);
            assertThat(r).as("perfwarden has row %s", key).isNotNull();
            assertThat(r.base().median()).as("base center of %s", key).isCloseTo(Double.parseDouble(c[0]), CLOSE);
            assertThat(r.base().pctRange()).as("base CI of %s", key).isEqualTo(c[1]);
            assertThat(r.head().median()).as("head center of %s", key).isCloseTo(Double.parseDouble(c[2]), CLOSE);
            assertThat(r.head().pctRange()).as("head CI of %s", key).isEqualTo(c[3]);
            assertThat(r.deltaText()).as("vs base of %s", key).isEqualTo(c[4]);
            assertThat(r.pText()).as("p and n of %s", key).isEqualTo(c[5]);
        }
        assertThat(got.keySet()).as("no row benchstat does not have").containsExactlyElementsOf(paired);
        assertThat(BenchCompare.unmatched(base, head)).hasSize(oneSided);
    }

    @Test
    void thePairsCoverWhatTheIssueAsksFor() throws IOException {
        List<Path> ps = pairs().toList();
        assertThat(ps).hasSizeGreaterThanOrEqualTo(10);
        List<String[]> all = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (Path p : ps) {
            csv(p).forEach((k, v) -> {
                all.add(v);
                units.add(k.split("\\|")[1]);
            });
        }
        assertThat(all).as("significant changes").anyMatch(c -> c.length >= 6 && c[4].endsWith("%"));
        assertThat(all).as("ties: every sample equal").anyMatch(c -> c.length >= 6 && c[4].equals("~") && c[5].startsWith("p=1.000"));
        assertThat(all).as("too few runs for a verdict").anyMatch(c -> c.length >= 6 && c[5].endsWith("n=3"));
        assertThat(units).as("a custom b.ReportMetric unit").contains("orders/op");
    }
}
