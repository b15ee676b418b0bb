package dev.perfwarden.contracts.bench;

import dev.perfwarden.engine.rule.Fmt;
import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.facts.contract.BenchComparison;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * benchstat's comparison of a base and a head benchmark run: per package, unit and benchmark, the
 * medians with their 95 % confidence intervals, the Mann-Whitney U p-value, and the delta, shown
 * as {@code ~} (null) when p exceeds α. Units are normalised as benchstat does ({@code ns/op} is
 * shown as {@code sec/op}, {@code MB/s} as {@code B/s}). Rows come in benchstat's order: package as
 * first met, {@code sec/op} first then units as first met, benchmarks as first met.
 */
public final class BenchCompare {
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double CONFIDENCE = 0.95;

    private BenchCompare() {
    }

    /** One row; {@code delta} is null when not significant (benchstat's {@code ~}). */
    public record Row(String pkg, String benchmark, String unit, MedianCI base, MedianCI head, Double delta, double p,
                      int nBase, int nHead, boolean allEqual, BenchComparison fact) {
        /** benchstat's {@code vs base} column: {@code ~}, {@code +20.10%}, {@code 0.00%}, {@code ?}. */
        public String deltaText() {
            if (delta == null) {
                return "~";
            }
            if (base.median() == head.median()) {
                return "0.00%";
            }
            if (base.median() == 0) {
                return "?";
            }
            String d = MedianCI.fixed(delta * 100, 2);
            return (d.startsWith("-") ? d : "+" + d) + "%";
        }

        /** {@code p=0.000 n=10} or {@code p=0.015 n=8+10}. */
        public String pText() {
            return "p=" + MedianCI.fixed(p, 3) + " n=" + (nBase == nHead ? "" + nBase : nBase + "+" + nHead);
        }
    }

    record Key(String pkg, String name, String unit) {
    }

    public static List<Row> compare(List<BenchResult> base, List<BenchResult> head, double alpha) {
        Map<Key, BenchResult> b = index(base);
        Map<Key, BenchResult> h = index(head);
        Map<String, Integer> pkgOrder = new LinkedHashMap<>();
        Map<String, Integer> unitOrder = new LinkedHashMap<>();
        Map<String, Integer> nameOrder = new LinkedHashMap<>();
        for (Key k : b.keySet()) {
            pkgOrder.putIfAbsent(k.pkg, pkgOrder.size());
            unitOrder.putIfAbsent(k.unit, k.unit.equals("sec/op") ? -1 : unitOrder.size());
            nameOrder.putIfAbsent(k.name, nameOrder.size());
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Key, BenchResult> e : b.entrySet()) {
            BenchResult hr = h.get(e.getKey());
            if (hr == null) {
                continue;
            }
            rows.add(row(e.getKey(), e.getValue(), hr, alpha));
        }
        rows.sort(Comparator.<Row>comparingInt(r -> pkgOrder.get(r.pkg()))
                .thenComparingInt(r -> unitOrder.get(r.unit()))
                .thenComparingInt(r -> nameOrder.get(r.benchmark())));
        return rows;
    }

    /** Benchmarks of one side only (benchstat leaves their other column empty). */
    public static List<String> unmatched(List<BenchResult> base, List<BenchResult> head) {
        Map<Key, BenchResult> b = index(base);
        Map<Key, BenchResult> h = index(head);
        List<String> out = new ArrayList<>();
        b.keySet().stream().filter(k -> !h.containsKey(k)).forEach(k -> out.add("base only: " + k.pkg + " " + k.name + " " + k.unit));
        h.keySet().stream().filter(k -> !b.containsKey(k)).forEach(k -> out.add("head only: " + k.pkg + " " + k.name + " " + k.unit));
        return out;
    }

    private static Row row(Key k, BenchResult base, BenchResult head, double alpha) {
        double scale = scale(base.unit());
        double[] x1 = base.samples().stream().mapToDouble(v -> v * scale).toArray();
        double[] x2 = head.samples().stream().mapToDouble(v -> v * scale).toArray();
        MedianCI c1 = MedianCI.of(x1, CONFIDENCE);
        MedianCI c2 = MedianCI.of(x2, CONFIDENCE);
        MannWhitney.Result mw = MannWhitney.test(x1, x2);
        double rawDelta = c1.median() == 0 ? Double.NaN : c2.median() / c1.median() - 1;
        Double delta = mw.p() > alpha ? null : rawDelta;
        boolean higherBetter = k.unit.endsWith("/s");
        List<Evidence> ev = List.of(
                Evidence.of(InputKind.BENCH, "base " + base.fullName() + ": median " + Fmt.num(base.median()) + " " + base.unit()
                        + " over " + x1.length + " runs", base.at()),
                Evidence.of(InputKind.BENCH, "head " + head.fullName() + ": median " + Fmt.num(head.median()) + " " + head.unit()
                        + " over " + x2.length + " runs", head.at()));
        BenchComparison fact = new BenchComparison(k.pkg, k.name, base.name(), k.unit, c1.median(), c2.median(), rawDelta,
                mw.p(), MannWhitney.minP(x1.length, x2.length), x1.length, x2.length, higherBetter, mw.allEqual(), ev);
        return new Row(k.pkg, k.name, k.unit, c1, c2, delta, mw.p(), x1.length, x2.length, mw.allEqual(), fact);
    }

    private static Map<Key, BenchResult> index(List<BenchResult> results) {
        Map<Key, BenchResult> m = new LinkedHashMap<>();
        for (BenchResult r : results) {
            String name = r.fullName().startsWith("Benchmark") ? r.fullName().substring("Benchmark".length()) : r.fullName();
            m.putIfAbsent(new Key(r.pkg(), name, unit(r.unit())), r);
        }
        return m;
    }

    /** benchstat's unit: {@code ns/op} → {@code sec/op}, {@code MB/s} → {@code B/s}, others as printed. */
    public static String unit(String u) {
        switch (u) {
            case "ns/op":
                return "sec/op";
            case "MB/s":
                return "B/s";
            default:
                return u;
        }
    }

    static double scale(String u) {
        switch (u) {
            case "ns/op":
                return 1e-9;
            case "MB/s":
                return 1e6;
            default:
                return 1;
        }
    }
}
