package dev.perfwarden.bench;

import dev.perfwarden.facts.escape.EscapeTextParser;
import dev.perfwarden.facts.logopt.json.LogoptJsonParser;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The same-output check and per-core speed of the {@code -m} text parser and the {@code -json} parser (a file
 * named {@code *.json}; a folder: each {@code *.json} file below it, in name order, as one line), for comparing two
 * builds (run each build's benchmarks.jar on the same files and diff the digests): for each file, a SHA-256 over every fact
 * (class and {@code toString}, in order), the unparsed samples and the record counts, then the CPU time of the
 * parsing thread and the bytes it allocated for each of {@code passes} parses.
 *
 * <p>Usage: {@code java -cp bench/jmh/target/benchmarks.jar dev.perfwarden.bench.ParseDigest PASSES FILE...}
 * (with {@code PASSES} 0 only the digest).
 */
public final class ParseDigest {
    private ParseDigest() {
    }

    public static void main(String[] args) throws Exception {
        int passes = Integer.parseInt(args[0]);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 1; i < args.length; i++) {
            Path root = Path.of(args[i]);
            List<Path> files;
            try (Stream<Path> s = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
                files = s.filter(Files::isRegularFile).filter(f -> !Files.isDirectory(root) || json(f)).sorted()
                        .toList();
            }
            long size = 0;
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                size += Files.size(f);
                digest(f, md);
            }
            StringBuilder line = new StringBuilder(root + " " + HexFormat.of().formatHex(md.digest()));
            for (int p = 0; p < passes; p++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long a0 = mx.getCurrentThreadAllocatedBytes();
                for (Path f : files) {
                    parse(f, null);
                }
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                long alloc = mx.getCurrentThreadAllocatedBytes() - a0;
                line.append(String.format(" | %.3f s %.1f MB/s %.1f MB alloc", cpu / 1e9,
                        size / 1e6 / (cpu / 1e9), alloc / 1e6));
            }
            System.out.println(line);
        }
    }

    private static boolean json(Path f) {
        return f.getFileName().toString().endsWith(".json");
    }

    private static void digest(Path f, MessageDigest md) {
        ParseContext ctx = parse(f, md);
        for (Object u : ctx.unparsedSamples()) {
            md.update(u.toString().getBytes(StandardCharsets.UTF_8));
        }
        md.update(("records " + ctx.records() + " unparsed " + ctx.unparsedCount()).getBytes(StandardCharsets.UTF_8));
    }

    /** One parse; each fact goes into {@code md} when it is given. */
    private static ParseContext parse(Path f, MessageDigest md) {
        InputParser parser = json(f) ? new LogoptJsonParser() : new EscapeTextParser();
        ParseContext ctx = new ParseContext(f.toString(), parser.kind(), x -> {
            if (md != null) {
                md.update((x.getClass().getName() + x + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        try {
            parser.parse(new InputSource(f.toString(), f), ctx);
        } catch (Exception e) {
            if (md != null) {
                md.update(("error " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return ctx;
    }
}
