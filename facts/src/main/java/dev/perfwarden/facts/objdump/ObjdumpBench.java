package dev.perfwarden.facts.objdump;

import dev.perfwarden.facts.asm.AsmFunction;
import dev.perfwarden.facts.asm.AsmOptions;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput check for {@link ObjdumpParser} on a large objdump (see {@code bench/objdump.sh}):
 * parses the file {@code --runs} times into a sink that only counts facts, and prints one
 * {@code key: value} line per figure (bytes, lines, TEXT blocks, instructions, unparsed, facts per
 * type, wall time and MB/s per run, peak RSS from {@code /proc/self/status} VmHWM).
 *
 * <p>Usage: {@code ObjdumpBench FILE [--runs N] [--instructions] [--no-direct-calls]}
 */
public final class ObjdumpBench {
    private ObjdumpBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ObjdumpBench FILE [--runs N] [--instructions] [--no-direct-calls]");
            System.exit(2);
        }
        Path file = Paths.get(args[0]);
        int runs = 1;
        AsmOptions options = new AsmOptions(false, true);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--instructions" -> options = options.withInstructions();
                case "--no-direct-calls" -> options = options.withoutDirectCalls();
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        long bytes = Files.size(file);
        ObjdumpParser parser = new ObjdumpParser(options);
        System.out.println("file: " + file);
        System.out.println("bytes: " + bytes);
        System.out.println("instructions-option: " + options.instructions());
        for (int run = 1; run <= runs; run++) {
            Map<String, long[]> counts = new TreeMap<>();
            long[] insns = {0};
            ParseContext ctx = new ParseContext(file.toString(), InputKind.OBJDUMP, (Fact f) -> {
                counts.computeIfAbsent(f.getClass().getSimpleName(), k -> new long[1])[0]++;
                if (f instanceof AsmFunction fn) {
                    insns[0] += fn.instructions();
                }
            });
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = processCpuNanos();
            long t0 = System.nanoTime();
            parser.parse(InputSource.of(file), ctx);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            double proc = (processCpuNanos() - p0) / 1e9;
            System.out.printf("run %d: wall %.3f s (%.1f MB/s), parser thread cpu %.3f s (%.1f MB/s), process cpu %.3f s%n",
                    run, secs, bytes / 1e6 / secs, cpu, bytes / 1e6 / cpu, proc);
            if (run == runs) {
                System.out.println("lines: " + ctx.records());
                System.out.println("text-blocks: " + counts.getOrDefault("AsmFunction", new long[1])[0]);
                System.out.println("instructions: " + insns[0]);
                System.out.println("unparsed: " + ctx.unparsedCount());
                for (Unparsed u : ctx.unparsedSamples().subList(0, Math.min(5, ctx.unparsedSamples().size()))) {
                    System.out.println("  " + u.format());
                }
                counts.forEach((k, v) -> System.out.println("facts." + k + ": " + v[0]));
            }
        }
        System.out.println("peak-rss-kb: " + vmHwmKb());
        System.out.println("max-heap-mb: " + Runtime.getRuntime().maxMemory() / (1 << 20));
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** VmHWM (peak resident set) of this JVM in KiB, or -1 when /proc is not there. */
    static long vmHwmKb() throws IOException {
        Path status = Paths.get("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String l : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
