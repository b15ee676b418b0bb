package dev.perfwarden.facts.input;

import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.InputParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Parse-only throughput for the benchmark harnesses ({@code bench/*.sh}): sniffs and parses each
 * file as {@code analyze} would, keeps only counts, and prints MB/s. Not part of the CLI.
 */
public final class ParseBench {
    private ParseBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ParseBench FILE...");
            System.exit(2);
        }
        for (String a : args) {
            Path p = Path.of(a);
            InputSource src = InputSource.of(p);
            Optional<InputParser> parser = Parsers.sniff(InputReader.head(src));
            if (parser.isEmpty()) {
                System.out.printf("%s: unrecognized%n", a);
                continue;
            }
            long bytes = Files.size(p);
            long[] facts = new long[1];
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ParseContext ctx = new ParseContext(a, parser.get().kind(), f -> facts[0]++);
            parser.get().parse(src, ctx);
            double secs = (System.nanoTime() - t0) / 1e9;
            // CPU time of this (the only parsing) thread: MB/s per core, fair on a shared machine
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("%s: kind=%s bytes=%d records=%d facts=%d unparsed=%d seconds=%.2f MB/s=%.1f"
                            + " cpu-seconds=%.2f MB/s-per-core=%.1f%n", a,
                    parser.get().kind().id(), bytes, ctx.records(), facts[0], ctx.unparsedCount(), secs,
                    bytes / 1e6 / secs, cpu, bytes / 1e6 / cpu);
            List<dev.perfwarden.facts.core.Unparsed> u = ctx.unparsedSamples();
            for (int i = 0; i < Math.min(5, u.size()); i++) {
                System.out.println("  unparsed " + u.get(i).format());
            }
        }
    }
}
