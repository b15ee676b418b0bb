package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The fuzzing harness shared by {@link ParserFuzzTest} (the suite's short run) and
 * {@link ParserFuzzLongRun} ({@code fuzz/parsers.sh}): real captures of every format, mutated
 * (truncated, bytes flipped, chunks spliced in from other captures, lines repeated or deleted),
 * read as {@code analyze} reads them.
 */
final class ParserFuzz {
    /** Seeds: one or more real captures per parser (Go 1.26.8 unless named otherwise). */
    static final List<String> SEEDS = List.of(
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/m1.txt",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/m2.txt",
            "rules/packs/go-perf/interface-escape/captures/go1.26.8/m3.txt",
            "rules/packs/go-perf/interface-escape/captures/go1.26.8/m4.txt",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/json/main/main.json",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/S.txt",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/objdump.txt",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/objdump-gnu.txt",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/ssa-collect.txt",
            "rules/packs/go-perf/growslice-in-loop/captures/go1.26.8/ssa-collect.html",
            "examples/captured/orders/bce.txt",
            "examples/captured/orders/bench.txt",
            "examples/captured/orders/cpu.pprof",
            "examples/captured/orders/mem.pprof",
            "testdata/captured/legacy-heap/go1.26.8/compile-mem.out");
    /** Text seeds are cut to this size: parsers are line-oriented, more lines add time, not cases. */
    static final int MAX_SEED = 24 * 1024;
    static final Duration PER_CASE = Duration.ofSeconds(20);

    private static final Map<String, byte[]> CACHE = new HashMap<>();

    private ParserFuzz() {
    }

    static Path root() {
        return InputReaderRobustnessTest.ROOT;
    }

    static synchronized byte[] seed(int i) {
        return CACHE.computeIfAbsent(SEEDS.get(i), s -> {
            try {
                byte[] b = Files.readAllBytes(root().resolve(s));
                boolean binary = s.endsWith(".pprof");
                return binary || b.length <= MAX_SEED ? b : Arrays.copyOf(b, MAX_SEED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A deterministic mutation of seed {@code i} driven by {@code rnd}. */
    static byte[] mutate(int i, long rnd) {
        Random r = new Random(rnd);
        byte[] b = seed(i).clone();
        int ops = 1 + r.nextInt(4);
        for (int k = 0; k < ops; k++) {
            switch (r.nextInt(6)) {
                case 0 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
                case 1 -> { // flip bytes
                    for (int n = 1 + r.nextInt(8); n > 0 && b.length > 0; n--) {
                        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 2 -> { // splice a chunk of another capture in
                    byte[] o = seed(r.nextInt(SEEDS.size()));
                    if (o.length > 0) {
                        int from = r.nextInt(o.length);
                        int len = Math.min(o.length - from, 1 + r.nextInt(2048));
                        int at = b.length == 0 ? 0 : r.nextInt(b.length);
                        b = splice(b, at, Arrays.copyOfRange(o, from, from + len));
                    }
                }
                case 3 -> { // repeat a range (lines or records)
                    if (b.length > 1) {
                        int from = r.nextInt(b.length);
                        int len = Math.min(b.length - from, 1 + r.nextInt(4096));
                        b = splice(b, from, Arrays.copyOfRange(b, from, from + len));
                    }
                }
                case 4 -> { // delete a range
                    if (b.length > 1) {
                        int from = r.nextInt(b.length);
                        int len = Math.min(b.length - from, 1 + r.nextInt(1024));
                        byte[] c = new byte[b.length - len];
                        System.arraycopy(b, 0, c, 0, from);
                        System.arraycopy(b, from + len, c, from, b.length - from - len);
                        b = c;
                    }
                }
                default -> { // insert special bytes: NUL, CR, a huge number, a long line
                    String[] junk = {"\u0000", "\r\n", "99999999999999999999999", "-9223372036854775808",
                        "x".repeat(5000), "\uFEFF", "\n\n\n", "{", "}", "0x", ":"};
                    byte[] j = junk[r.nextInt(junk.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    b = splice(b, b.length == 0 ? 0 : r.nextInt(b.length), j);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] chunk) {
        byte[] c = new byte[b.length + chunk.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(chunk, 0, c, at, chunk.length);
        System.arraycopy(b, at, c, at + chunk.length, b.length - at);
        return c;
    }

    /**
     * Reads one mutated capture as {@code analyze} does and checks the contract: no exception but
     * the documented input errors (which name the file), bounded time, consistent counts, and
     * profile values within their totals.
     */
    static void check(int seed, long rnd, Path dir) throws Exception {
        byte[] data = mutate(seed, rnd);
        String name = Path.of(SEEDS.get(seed)).getFileName().toString();
        Path f = dir.resolve(name);
        Files.write(f, data);
        InputReader.Result r = assertTimeoutPreemptively(PER_CASE,
                () -> new InputReader(Parsers.all(), 1).read(List.of(f.toString()), new ByteArrayInputStream(new byte[0])),
                () -> "seed " + SEEDS.get(seed) + " rnd " + rnd);
        assertThat(r.inputs()).hasSize(1);
        InputStats s = r.inputs().get(0);
        if (s.failed()) {
            assertThat(s.error()).as("seed %s rnd %d", SEEDS.get(seed), rnd).startsWith(f.toString());
            assertThat(s.error()).doesNotContain("Exception"); // a message of ours, not a leaked exception
        }
        assertThat(s.records()).isNotNegative();
        assertThat(s.unparsed()).isNotNegative();
        Map<String, Long> totals = new HashMap<>();
        List<HotFunction> hot = new ArrayList<>();
        for (Fact fact : r.facts()) {
            if (fact instanceof ProfileSummary ps) {
                totals.put(ps.sampleType(), ps.total());
            } else if (fact instanceof HotFunction h) {
                hot.add(h);
            }
        }
        for (HotFunction h : hot) {
            long total = totals.get(h.sampleType());
            assertThat(Math.abs(h.flat())).as(h.toString()).isLessThanOrEqualTo(total);
            assertThat(Math.abs(h.cum())).as(h.toString()).isLessThanOrEqualTo(total);
        }
        Files.deleteIfExists(f);
    }
}
