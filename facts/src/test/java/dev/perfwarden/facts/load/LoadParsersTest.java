package dev.perfwarden.facts.load;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.gctrace.GcCycle;
import dev.perfwarden.facts.gctrace.GcTraceParser;
import dev.perfwarden.facts.gctrace.GcTraceSummary;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.input.Parsers;
import dev.perfwarden.facts.k6.K6Metric;
import dev.perfwarden.facts.k6.K6SummaryParser;
import dev.perfwarden.facts.prom.PromRange;
import dev.perfwarden.facts.prom.PromRangeParser;
import dev.perfwarden.facts.prom.PromSample;
import dev.perfwarden.facts.prom.PromScrape;
import dev.perfwarden.facts.prom.PromTextParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load-test parsers on real captures (examples/captured/orders-load: k6 v1.8.1, client_golang
 * scrapes, Prometheus 2.42 query_range, Go 1.26.8 gctrace): every record is a fact or counted
 * unparsed, and sniffing picks each format by content.
 */
class LoadParsersTest {
    static final Path ROOT = Path.of(System.getProperty("perfwarden.root", "..")).toAbsolutePath().normalize();
    static final Path LOAD = ROOT.resolve("examples/captured/orders-load");

    static InputReader.ParsedInput parse(Path p, InputParser parser) {
        InputReader.ParsedInput in = InputReader.parse(InputSource.of(p), parser);
        assertThat(in.stats().error()).isNull();
        return in;
    }

    static <T> List<T> of(InputReader.ParsedInput in, Class<T> c) {
        return in.facts().stream().filter(c::isInstance).map(c::cast).toList();
    }

    static InputParser sniffed(Path p) throws IOException {
        byte[] head = Files.readAllBytes(p);
        return Parsers.sniff(new InputHead(p.getFileName().toString(), false,
                java.util.Arrays.copyOf(head, Math.min(head.length, InputHead.SIZE)))).orElseThrow();
    }

    @Test
    void sniffingPicksEachFormat() throws IOException {
        assertThat(sniffed(LOAD.resolve("k6-summary-export.json"))).isInstanceOf(K6SummaryParser.class);
        assertThat(sniffed(LOAD.resolve("k6-handle-summary.json"))).isInstanceOf(K6SummaryParser.class);
        assertThat(sniffed(LOAD.resolve("scrape-03.txt"))).isInstanceOf(PromTextParser.class);
        assertThat(sniffed(LOAD.resolve("prom-p95-by-route.json"))).isInstanceOf(PromRangeParser.class);
        assertThat(sniffed(LOAD.resolve("gctrace.log"))).isInstanceOf(GcTraceParser.class);
    }

    @Test
    void k6BothSummaryFormsGiveTheSameTrend() {
        InputReader.ParsedInput export = parse(LOAD.resolve("k6-summary-export.json"), new K6SummaryParser());
        InputReader.ParsedInput handle = parse(LOAD.resolve("k6-handle-summary.json"), new K6SummaryParser());
        for (InputReader.ParsedInput in : List.of(export, handle)) {
            assertThat(in.stats().unparsed()).isZero();
            K6Metric orders = of(in, K6Metric.class).stream()
                    .filter(m -> m.name().equals("http_req_duration") && m.selector().equals("route:/orders")).findFirst().orElseThrow();
            assertThat(orders.type()).isEqualTo("trend");
            assertThat(orders.contains()).isEqualTo("time");
            assertThat(orders.value("p(95)")).isEqualTo(7.510612249999992);
            assertThat(orders.thresholds()).containsEntry("p(95)<250", true);
            assertThat(of(in, K6Metric.class)).extracting(K6Metric::selector).contains("", "route:/summary", "scenario:orders");
        }
        // every metrics entry is one record and one fact; root_group is a record of no fact
        assertThat(of(export, K6Metric.class)).hasSize((int) export.stats().records() - 1); // root_group
        assertThat(of(export, K6Metric.class)).filteredOn(m -> m.name().equals("checks")).singleElement()
                .satisfies(m -> assertThat(m.type()).isEqualTo("rate"));
    }

    @Test
    void scrapesGiveEverySampleWithItsTimeAndFamily() {
        InputReader.ParsedInput in = parse(LOAD.resolve("scrape-03.txt"), new PromTextParser());
        PromScrape scrape = of(in, PromScrape.class).get(0);
        assertThat(scrape.scrapedAtMs()).isPositive();
        List<PromSample> samples = of(in, PromSample.class);
        assertThat(samples).hasSize(scrape.samples());
        long comments = in.stats().records() - samples.size();
        assertThat(comments).as("HELP/TYPE/scraped-at lines").isEqualTo(2L * scrape.families() + 1);
        assertThat(in.stats().unparsed()).isZero();
        PromSample inf = samples.stream().filter(s -> s.name().equals("orders_http_request_duration_seconds_bucket")
                && "+Inf".equals(s.labels().get("le")) && "/orders".equals(s.labels().get("route"))).findFirst().orElseThrow();
        assertThat(inf.family()).isEqualTo("orders_http_request_duration_seconds");
        assertThat(inf.type()).isEqualTo("histogram");
        assertThat(inf.timeMs()).isEqualTo(scrape.scrapedAtMs());
    }

    @Test
    void badSampleLinesAreCountedUnparsed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("m.txt");
        Files.writeString(f, "# TYPE x counter\nx_total{a=\"1\"} 3\nx_total{a=\"1\" 4\ny notanumber\n#weird\n");
        InputReader.ParsedInput in = parse(f, new PromTextParser());
        assertThat(of(in, PromSample.class)).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("a", "1");
            assertThat(s.timeMs()).isEqualTo(-1);
        });
        assertThat(in.stats().unparsed()).isEqualTo(3);
    }

    @Test
    void queryRangeSeriesWithLabelsAndRuns() {
        InputReader.ParsedInput in = parse(LOAD.resolve("prom-p95-by-route.json"), new PromRangeParser());
        List<PromRange> series = of(in, PromRange.class);
        assertThat(series).extracting(PromRange::selector).contains("route:/orders");
        PromRange orders = series.stream().filter(r -> r.selector().equals("route:/orders")).findFirst().orElseThrow();
        assertThat(orders.step()).isEqualTo(2.0);
        assertThat(orders.longestRunAbove(0)).isEqualTo(orders.points().get(orders.points().size() - 1).t()
                - orders.points().get(0).t() + 2.0);
        assertThat(orders.longestRunAbove(1e9)).isZero();
    }

    @Test
    void gctraceLinesAsGo126PrintsThem() {
        InputReader.ParsedInput in = parse(LOAD.resolve("gctrace.log"), new GcTraceParser());
        List<GcCycle> cycles = of(in, GcCycle.class);
        assertThat(in.stats().unparsed()).isEqualTo(1); // the server's own "serving on" line
        assertThat(cycles).hasSize((int) in.stats().records() - 1);
        GcCycle first = cycles.get(0);
        assertThat(first.cycle()).isEqualTo(1);
        assertThat(first.procs()).isEqualTo(2);
        assertThat(first.stacksMB()).isZero();
        GcTraceSummary s = of(in, GcTraceSummary.class).get(0);
        assertThat(s.cycles()).isEqualTo(cycles.size());
        assertThat(s.cyclesPerMinute()).isGreaterThan(0);
    }

    @Test
    void gctraceOlderAndForcedForms(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("g.log");
        Files.writeString(f, String.join("\n",
                "gc 84 @1385.961s 2%: 0.20+4138+0.29 ms clock, 6.4+33879/40532/68952+9.3 ms cpu, 14799->15033->7927 MB, 15626 MB goal, 40 P",
                "gc 85 @1480.087s 3%: 0.24+3538+0.50 ms clock, 7.8+26004/34463/60357+16 ms cpu, 15229->15424->7997 MB, 15855 MB goal, 0 MB stacks, 0 MB globals, 40 P (forced)",
                "gc 86 @1490.000s 3% (checking for goroutine leaks): 0.1+1+0.1 ms clock, 0.1+1/1/1+0.1 ms cpu, 1->1->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P",
                "gc 87 garbage"));
        InputReader.ParsedInput in = parse(f, new GcTraceParser());
        List<GcCycle> c = of(in, GcCycle.class);
        assertThat(c).hasSize(3);
        assertThat(c.get(0).stacksMB()).isEqualTo(-1);
        assertThat(c.get(0).stwMs()).isEqualTo(0.49, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.get(1).forced()).isTrue();
        assertThat(in.stats().unparsedSamples()).singleElement().satisfies(u -> assertThat(u.reason()).isEqualTo("gc line of an unknown form"));
    }
}
