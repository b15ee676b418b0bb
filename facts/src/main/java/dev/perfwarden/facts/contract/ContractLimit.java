package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.prom.PromRange;

import java.util.Locale;

/**
 * One upper bound of a contract clause, as the contracts pack sees it:
 * {@code contract/<service>/<clause>} is the finding it yields. {@code kind} is the clause kind
 * (latency, memory, gc, bench), {@code metric} what is bounded (latency: p50/p90/p95/p99/avg/max;
 * memory: growth, live-max; gc: cycles, cpu, pause-max; bench: a benchstat unit such as
 * {@code sec/op}, {@code B/op}, {@code allocs/op}), {@code selector} the operation (a k6 tag or
 * scenario such as {@code route:/orders}, a histogram label; a benchmark regular expression (RE2,
 * {@link ContractRegex}) for
 * bench; "" for all). {@code limit} is in the canonical unit {@code unit} (ms, B, B/min, /min, %,
 * the bench unit); {@code written} is the limit as the file wrote it and {@code scale} the canonical
 * amount of one written unit, so messages speak the file's units. {@code forSeconds} &gt; 0: the limit
 * holds unless violated over consecutive points of a query_range {@code series} (file name glob) for
 * that long. {@code source}: the metric name measured (null: the defaults, k6
 * {@code http_req_duration} and {@code *_duration_seconds}/{@code *_latency_seconds} histograms).
 * {@code file}, {@code line}, {@code col}: where the limit is written.
 */
public record ContractLimit(String service, String clause, String kind, String metric, String selector, double limit,
                            String unit, String written, String writtenUnit, double scale, double forSeconds,
                            String series, String source, String file, int line, int col)
        implements Fact, ContractClause {

    public String ruleId() {
        return "contract/" + service + "/" + clause;
    }

    /** Whether measurement {@code m} is one this limit bounds. */
    public boolean selects(Measurement m) {
        if (!kind.equals(m.kind()) || !metric.equals(m.metric())) {
            return false;
        }
        if (source != null && !source.equals(m.name())) {
            return false;
        }
        if (source == null && !m.byDefault()) {
            return false;
        }
        if (kind.equals("bench")) {
            return selector.isEmpty() || ContractRegex.find(selector, m.selector(), this);
        }
        return selector.equals(m.selector());
    }

    /** Whether query_range series {@code r} is one this {@code for:} limit watches: file name glob and labels. */
    public boolean watches(PromRange r) {
        if (series == null || !ContractRegex.glob(series, r.file(), this)) {
            return false;
        }
        if (selector.isEmpty()) {
            return true;
        }
        for (String part : selector.split(",")) {
            int c = part.indexOf(':');
            if (c < 0 || !part.substring(c + 1).equals(r.metric().get(part.substring(0, c)))) {
                return false;
            }
        }
        return true;
    }

    /** The factor from a query_range value (Prometheus base units: seconds, bytes) to this limit's unit. */
    public double seriesScale() {
        return unit.equals("ms") ? 1000 : 1;
    }

    /** A canonical value in the file's unit: {@code 184.2ms}, {@code 15.3MB/min}. */
    public String show(double canonical) {
        double v = canonical / scale;
        String num = Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
        return num + writtenUnit;
    }

    /** {@code p95 of route:/orders}, {@code sec/op of BenchmarkParse}, {@code gc cycles}. */
    public String what() {
        String m = kind.equals("gc") && metric.equals("cycles") ? "GC cycles" : kind.equals("gc") ? "GC " + metric
                : kind.equals("memory") ? "heap " + metric : metric;
        return selector.isEmpty() ? m : m + " of " + selector;
    }

    public String where() {
        return file + ":" + line + ":" + col;
    }
}
