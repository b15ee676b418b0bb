package dev.perfwarden.bench;

import dev.perfwarden.facts.input.InputParser;
import dev.perfwarden.facts.input.InputSource;
import dev.perfwarden.facts.input.ParseContext;
import dev.perfwarden.facts.input.Parsers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark per parser, each on a real capture of the bundled example ({@code examples/captured/orders},
 * Go 1.26.8): time per parse of the whole file. Divide the file's size by it for MB/s (bench/jmh.sh prints
 * both). Facts are counted, not kept, so the figure is the parser's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBench {
    /** kind id → capture file under examples/captured/orders. */
    @Param({"escape-text:m2.txt", "logopt-json:json", "asm-listing:S.txt", "objdump:objdump.txt", "ssa:bce.txt",
            "pprof:cpu.pprof", "pprof:mem.pprof", "bench:bench.txt"})
    public String input;

    private InputParser parser;
    private InputSource source;
    private java.util.List<Path> files;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        String[] kv = input.split(":", 2);
        parser = Parsers.all().stream().filter(p -> p.kind().id().equals(kv[0])).findFirst()
                .orElseThrow(() -> new IllegalStateException("no parser " + kv[0]));
        Path p = Root.path("examples/captured/orders/" + kv[1]);
        try (var s = Files.walk(p)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        source = new InputSource(p.toString(), p);
    }

    @Benchmark
    public long parse() throws Exception {
        long[] n = new long[1];
        for (Path f : files) {
            ParseContext ctx = new ParseContext(f.toString(), parser.kind(), x -> n[0]++);
            parser.parse(new InputSource(f.toString(), f), ctx);
            n[0] += ctx.records();
        }
        return n[0];
    }
}
