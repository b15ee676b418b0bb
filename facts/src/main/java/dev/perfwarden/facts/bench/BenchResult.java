package dev.perfwarden.facts.bench;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputPos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark and one unit of a {@code go test -bench} run, after all its repeats
 * ({@code -count}) were read: {@code samples} holds the value of each result line in input order,
 * {@code iterations} the iteration count of the same lines, {@code median} their median.
 *
 * <p>{@code name} is the benchmark name without the GOMAXPROCS suffix
 * ({@code BenchmarkSub/n=1}), {@code fullName} as printed ({@code BenchmarkSub/n=1-2}),
 * {@code procs} the suffix (1 when there is none). {@code pkg} is the {@code pkg:} config value
 * in force ("" when none), {@code config} every config key in force (goos, goarch, pkg, cpu, user
 * keys). Units are as printed: {@code ns/op}, {@code B/op}, {@code allocs/op}, {@code MB/s} and
 * custom {@code ReportMetric} units such as {@code widgets/op}. Results of the same name with
 * different configurations (another package, another commit key) are different facts.
 * {@code at} is the first result line.
 */
@FactDoc(name = "bench-result", inputs = {"bench"},
        value = "One benchmark and one unit of a `go test -bench` run, over all its repeats.")
public record BenchResult(String pkg,
                          @FieldDoc("benchmark name without the -N suffix (`BenchmarkSub/n=1`)") String name,
                          @FieldDoc("as printed") String fullName, int procs,
                          @FieldDoc("`ns/op`, `B/op`, `allocs/op`, `MB/s` or a custom unit") String unit,
                          @FieldDoc("the value of each result line") List<Double> samples,
                          @FieldDoc("the median of the samples") double median, Map<String, String> config, List<Long> iterations, InputPos at)
        implements Fact {
    public BenchResult {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(unit, "unit");
        samples = List.copyOf(samples);
        iterations = List.copyOf(iterations);
        // sorted, so that toString (fact dumps, ParseDigest) is the same in every JVM: Map.copyOf iterates in a
        // per-JVM order
        config = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(config));
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
    }

    /** The Go function of the top-level benchmark: {@code pkg.BenchmarkSub} ({@code main} when pkg is unknown). */
    public String symbol() {
        int slash = name.indexOf('/');
        String top = slash < 0 ? name : name.substring(0, slash);
        return (pkg.isEmpty() ? "main" : pkg) + "." + top;
    }

    /**
     * The {@code key=value} (benchfmt) or {@code key:value} (proposal 14313) parts of a
     * sub-benchmark name, in order: {@code BenchmarkSub/n=1/mode:fast} gives {@code n=1, mode=fast}.
     */
    public Map<String, String> nameParts() {
        Map<String, String> parts = new LinkedHashMap<>();
        String[] segs = name.split("/");
        for (int i = 1; i < segs.length; i++) {
            int eq = segs[i].indexOf('=');
            int colon = segs[i].indexOf(':');
            int cut = eq > 0 ? eq : colon;
            if (cut > 0) {
                parts.put(segs[i].substring(0, cut), segs[i].substring(cut + 1));
            }
        }
        return parts;
    }

    /** Smallest sample. */
    public double min() {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Largest sample. */
    public double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
