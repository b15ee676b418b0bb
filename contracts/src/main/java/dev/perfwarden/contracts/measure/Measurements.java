package dev.perfwarden.contracts.measure;

import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.contracts.bench.BenchCompare;
import dev.perfwarden.facts.contract.Measurement;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.gctrace.GcTraceSummary;
import dev.perfwarden.facts.k6.K6Metric;
import dev.perfwarden.facts.prom.PromSample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the parsers' facts into {@link Measurement}s in the canonical units the contracts pack
 * compares (no verdicts here: the pack decides). Sources:
 * <ul>
 *   <li>k6 trends: {@code http_req_duration} (the default latency source) and other time trends,
 *       per sub-metric selector, p50 (med)/p90/p95/p99/avg/max in ms;</li>
 *   <li>Prometheus scrapes: histograms ({@code *_duration_seconds}/{@code *_latency_seconds} are
 *       default latency sources) → quantiles as {@code histogram_quantile} over the buckets'
 *       increase between the first and last timed scrape (the cumulative buckets of one scrape
 *       when only one has a time), overall and per value of each label; the GC cycle counter
 *       ({@code go_gc_cycles_total_gc_cycles_total}, else {@code go_gc_duration_seconds_count})
 *       → cycles per minute; {@code go_gc_duration_seconds{quantile="1"}} → longest pause;
 *       {@code go_memstats_heap_alloc_bytes} → growth per minute (least-squares slope);</li>
 *   <li>gctrace: cycles per minute, GC CPU %, longest pause, live heap maximum and growth (the
 *       runtime's MB are MiB);</li>
 *   <li>benchmarks (the head run): median per benchmark and benchstat unit.</li>
 * </ul>
 */
public final class Measurements {
    static final double MIB = 1024.0 * 1024;
    static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};
    static final String[] Q_NAMES = {"p50", "p90", "p95", "p99"};

    private Measurements() {
    }

    public static List<Measurement> derive(List<? extends Fact> facts) {
        List<Measurement> out = new ArrayList<>();
        List<PromSample> prom = new ArrayList<>();
        for (Fact f : facts) {
            if (f instanceof K6Metric k) {
                k6(k, out);
            } else if (f instanceof GcTraceSummary g) {
                gctrace(g, out);
            } else if (f instanceof BenchResult b) {
                out.add(new Measurement("bench", BenchCompare.unit(b.unit()), b.name(),
                        b.median() * (b.unit().equals("ns/op") ? 1e-9 : b.unit().equals("MB/s") ? 1e6 : 1),
                        BenchCompare.unit(b.unit()), b.name(), true, b.at().input(),
                        List.of(Evidence.of(dev.perfwarden.facts.core.InputKind.BENCH, b.fullName() + ": median "
                                + dev.perfwarden.engine.rule.Fmt.num(b.median()) + " " + b.unit() + " over " + b.samples().size() + " runs", b.at()))));
            } else if (f instanceof PromSample s) {
                prom.add(s);
            }
        }
        prometheus(prom, out);
        return out;
    }

    private static void k6(K6Metric k, List<Measurement> out) {
        if (!k.type().equals("trend") || !k.contains().equals("time")) {
            return;
        }
        boolean byDefault = k.name().equals("http_req_duration");
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("med", "p50");
        stats.put("p(50)", "p50");
        stats.put("p(90)", "p90");
        stats.put("p(95)", "p95");
        stats.put("p(99)", "p99");
        stats.put("avg", "avg");
        stats.put("max", "max");
        java.util.Set<String> done = new java.util.HashSet<>();
        stats.forEach((stat, metric) -> {
            double v = k.value(stat);
            if (!Double.isNaN(v) && done.add(metric)) {
                out.add(new Measurement("latency", metric, k.selector(), v, "ms", k.name(), byDefault, k.input(),
                        List.of(k.evidence())));
            }
        });
    }

    private static void gctrace(GcTraceSummary g, List<Measurement> out) {
        List<Evidence> span = List.of(g.first().evidence(), g.last().evidence());
        if (!Double.isNaN(g.cyclesPerMinute())) {
            out.add(new Measurement("gc", "cycles", "", g.cyclesPerMinute(), "/min", "gctrace", true, g.input(), span));
            out.add(new Measurement("memory", "growth", "", g.liveGrowthMBPerMinute() * MIB, "B/min", "gctrace", true,
                    g.input(), span));
        }
        out.add(new Measurement("gc", "cpu", "", g.cpuPercent(), "%", "gctrace", true, g.input(), List.of(g.last().evidence())));
        out.add(new Measurement("gc", "pause-max", "", g.maxPauseMs(), "ms", "gctrace", true, g.input(),
                List.of(new Evidence("gctrace", "longest stop-the-world pause " + String.format(java.util.Locale.ROOT, "%.3g", g.maxPauseMs()) + " ms", g.maxPauseAt()))));
        out.add(new Measurement("memory", "live-max", "", g.maxLiveMB() * MIB, "B", "gctrace", true, g.input(),
                List.of(new Evidence("gctrace", "largest live heap " + g.maxLiveMB() + " MB", g.maxLiveAt()))));
    }

    /** One scrape: its time and samples. */
    record Scrape(String input, long time, List<PromSample> samples) {
    }

    private static void prometheus(List<PromSample> samples, List<Measurement> out) {
        if (samples.isEmpty()) {
            return;
        }
        Map<String, Scrape> byInput = new LinkedHashMap<>();
        for (PromSample s : samples) {
            byInput.computeIfAbsent(s.input(), i -> new Scrape(i, s.timeMs(), new ArrayList<>())).samples().add(s);
        }
        List<Scrape> timed = byInput.values().stream().filter(s -> s.time() >= 0)
                .sorted(Comparator.comparingLong(Scrape::time)).toList();
        Scrape last = timed.isEmpty() ? new ArrayList<>(byInput.values()).get(byInput.size() - 1) : timed.get(timed.size() - 1);
        Scrape first = timed.size() >= 2 ? timed.get(0) : null;
        histograms(first, last, out);
        if (first != null) {
            double minutes = (last.time() - first.time()) / 60000.0;
            String counter = find(last, "go_gc_cycles_total_gc_cycles_total") != null ? "go_gc_cycles_total_gc_cycles_total"
                    : "go_gc_duration_seconds_count";
            PromSample a = find(first, counter);
            PromSample b = find(last, counter);
            if (a != null && b != null && minutes > 0) {
                double inc = b.value() >= a.value() ? b.value() - a.value() : b.value();
                out.add(new Measurement("gc", "cycles", "", inc / minutes, "/min", counter, true, b.input(),
                        List.of(a.evidence(), b.evidence())));
            }
            List<double[]> heap = new ArrayList<>();
            List<Evidence> ev = new ArrayList<>();
            for (Scrape s : timed) {
                PromSample h = find(s, "go_memstats_heap_alloc_bytes");
                if (h != null) {
                    heap.add(new double[]{s.time() / 60000.0, h.value()});
                    if (ev.isEmpty()) {
                        ev.add(h.evidence());
                    }
                }
            }
            if (heap.size() >= 2) {
                PromSample h = find(last, "go_memstats_heap_alloc_bytes");
                if (h != null) {
                    ev.add(h.evidence());
                }
                out.add(new Measurement("memory", "growth", "", slope(heap), "B/min", "go_memstats_heap_alloc_bytes", true,
                        last.input(), ev));
            }
        }
        PromSample worst = null;
        for (Scrape s : byInput.values()) {
            for (PromSample p : s.samples()) {
                if (p.name().equals("go_gc_duration_seconds") && "1".equals(p.labels().get("quantile"))
                        && (worst == null || p.value() > worst.value())) {
                    worst = p;
                }
            }
        }
        if (worst != null && !Double.isNaN(worst.value())) {
            out.add(new Measurement("gc", "pause-max", "", worst.value() * 1000, "ms", "go_gc_duration_seconds", true,
                    worst.input(), List.of(worst.evidence())));
        }
    }

    static double slope(List<double[]> xy) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = xy.size();
        for (double[] p : xy) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double den = n * sxx - sx * sx;
        return den == 0 ? Double.NaN : (n * sxy - sx * sy) / den;
    }

    private static PromSample find(Scrape s, String name) {
        for (PromSample p : s.samples()) {
            if (p.name().equals(name) && p.labels().isEmpty()) {
                return p;
            }
        }
        return null;
    }

    /** Buckets of each histogram series: family → labels without le → le → value (one scrape). */
    private static Map<String, Map<Map<String, String>, Map<Double, PromSample>>> buckets(Scrape s) {
        Map<String, Map<Map<String, String>, Map<Double, PromSample>>> out = new TreeMap<>();
        for (PromSample p : s.samples()) {
            if (!p.type().equals("histogram") || !p.name().equals(p.family() + "_bucket") || !p.labels().containsKey("le")) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>(p.labels());
            double le;
            try {
                le = parseLe(labels.remove("le"));
            } catch (NumberFormatException e) {
                continue;
            }
            out.computeIfAbsent(p.family(), f -> new LinkedHashMap<>()).computeIfAbsent(labels, l -> new TreeMap<>()).put(le, p);
        }
        return out;
    }

    static double parseLe(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static void histograms(Scrape first, Scrape last, List<Measurement> out) {
        var lastB = buckets(last);
        var firstB = first == null ? Map.<String, Map<Map<String, String>, Map<Double, PromSample>>>of() : buckets(first);
        for (var fam : lastB.entrySet()) {
            String family = fam.getKey();
            double toMs = family.endsWith("_seconds") ? 1000 : 1;
            boolean byDefault = family.endsWith("_duration_seconds") || family.endsWith("_latency_seconds");
            // increase of each bucket of each series over the window
            Map<Map<String, String>, Map<Double, Double>> inc = new LinkedHashMap<>();
            List<Evidence> ev = new ArrayList<>();
            for (var series : fam.getValue().entrySet()) {
                Map<Double, PromSample> before = firstB.getOrDefault(family, Map.of()).getOrDefault(series.getKey(), Map.of());
                Map<Double, Double> d = new TreeMap<>();
                series.getValue().forEach((le, p) -> {
                    PromSample b = before.get(le);
                    d.put(le, b == null || p.value() < b.value() ? p.value() : p.value() - b.value());
                });
                inc.put(series.getKey(), d);
            }
            // selectors: "" (all series), and k:v for each label value
            Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
            groups.put("", new ArrayList<>(inc.keySet()));
            for (Map<String, String> labels : inc.keySet()) {
                labels.forEach((k, v) -> groups.computeIfAbsent(k + ":" + v, x -> new ArrayList<>()).add(labels));
            }
            for (var g : groups.entrySet()) {
                Map<Double, Double> sum = new TreeMap<>();
                List<Evidence> gev = new ArrayList<>();
                for (Map<String, String> labels : g.getValue()) {
                    inc.get(labels).forEach((le, v) -> sum.merge(le, v, Double::sum));
                    PromSample inf = fam.getValue().get(labels).get(Double.POSITIVE_INFINITY);
                    if (inf != null && gev.size() < 4) {
                        Map<Double, PromSample> before = firstB.getOrDefault(family, Map.of()).getOrDefault(labels, Map.of());
                        PromSample binf = before.get(Double.POSITIVE_INFINITY);
                        if (binf != null) {
                            gev.add(binf.evidence());
                        }
                        gev.add(inf.evidence());
                    }
                }
                for (int i = 0; i < QUANTILES.length; i++) {
                    double v = HistogramQuantile.of(QUANTILES[i], sum);
                    if (!Double.isNaN(v)) {
                        out.add(new Measurement("latency", Q_NAMES[i], g.getKey(), v * toMs, toMs == 1000 ? "ms" : "",
                                family, byDefault, last.input(), gev));
                    }
                }
            }
        }
    }
}
