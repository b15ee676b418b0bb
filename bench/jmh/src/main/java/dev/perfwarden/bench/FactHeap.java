package dev.perfwarden.bench;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.Parsers;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heap the facts of one input hold once parsed: parses the file with the parser of the given kind, keeps
 * every fact, and prints the used heap after a full collection with and without them, and the parsing thread's
 * CPU time (one cold parse: compare runs of the same JVM flags only).
 * Run with {@code -XX:+UseSerialGC} so that a collection leaves only what is reachable.
 *
 * <p>Usage: {@code FactHeap KIND FILE}, e.g. {@code FactHeap escape-text /tmp/scale/std40.txt}.
 */
public final class FactHeap {
    private FactHeap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FactHeap KIND FILE");
            System.exit(2);
        }
        InputParser parser = Parsers.all().stream().filter(p -> p.kind().id().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parser " + args[0]));
        Path file = Path.of(args[1]);
        long before = usedAfterGc();
        List<Fact> facts = new ArrayList<>();
        ParseContext ctx = new ParseContext(file.toString(), parser.kind(), facts::add);
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        parser.parse(new InputSource(file.toString(), file), ctx);
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        ((ArrayList<Fact>) facts).trimToSize();
        long held = usedAfterGc() - before;
        Map<String, Integer> byType = new TreeMap<>();
        for (Fact f : facts) {
            byType.merge(f.getClass().getSimpleName(), 1, Integer::sum);
        }
        System.out.printf("%s: %,d facts, %,d bytes held (%.1f MiB), %.1f bytes a fact; parse %,d ms CPU%n", file,
                facts.size(), held, held / 1048576.0, (double) held / Math.max(1, facts.size()), cpu / 1_000_000);
        byType.forEach((k, v) -> System.out.printf("  %-20s %,d%n", k, v));
    }

    private static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
