package dev.perfwarden.facts.input;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.profile.ProfileSummary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The samples of a benchmark's untimed setup are left out of a profile's facts when the sources are known, and the
 * input's note says how much. Capture: facts/src/test/resources/pprof/benchsetup (regen.sh, Go 1.26.8): BenchmarkSum
 * builds a table before {@code bb.ResetTimer()}, BenchmarkStopped one between {@code b.StopTimer()} and
 * {@code b.StartTimer()} in its loop, BenchmarkTimed one in its timed loop (Table is inlined into all three). Ground
 * truth: untimed-cpu.txt / untimed-mem.txt, sums over {@code go tool pprof -raw}'s samples (the untimed lines read
 * off the source by hand), not perfwarden's.
 */
class UntimedSamplesTest {
    static final Path DIR = InputReaderRobustnessTest.root().resolve("facts/src/test/resources/pprof/benchsetup");
    static final Path CAPTURE = DIR.resolve("go1.26.8");

    /** untimed-*.txt: {@code TYPE total N untimed N untimed-samples N}, {@code TYPE untimed BENCH N}, {@code TYPE rows.go:L all N timed N}. */
    static Map<String, Long> truth(String file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(CAPTURE.resolve(file))) {
            String[] w = line.split(" ");
            if (w.length == 4) { // TYPE untimed BENCH N
                out.put(w[0] + " " + w[1] + " " + w[2], Long.parseLong(w[3]));
            } else if (w[1].startsWith("rows.go:")) { // TYPE rows.go:L all N timed N
                out.put(w[0] + " " + w[1] + " " + w[2], Long.parseLong(w[3]));
                out.put(w[0] + " " + w[1] + " " + w[4], Long.parseLong(w[5]));
            } else { // TYPE total N untimed N untimed-samples N
                for (int i = 1; i + 1 < w.length; i += 2) {
                    out.put(w[0] + " " + w[i], Long.parseLong(w[i + 1]));
                }
            }
        }
        return out;
    }

    static InputReader.Result read(boolean sources, String profile) throws IOException {
        return new InputReader().read(List.of(CAPTURE.resolve(profile).toString()),
                sources ? List.of(DIR.resolve("src")) : List.of(), new ByteArrayInputStream(new byte[0]));
    }

    static ProfileSummary summary(InputReader.Result r, String type) {
        return r.facts().stream().filter(f -> f instanceof ProfileSummary s && s.sampleType().equals(type))
                .map(f -> (ProfileSummary) f).findFirst().orElseThrow();
    }

    static LineCost cost(InputReader.Result r, String type, int line) {
        return r.facts().stream().filter(f -> f instanceof LineCost l && l.sampleType().equals(type)
                        && l.file().endsWith("rows.go") && l.line() == line)
                .map(f -> (LineCost) f).findFirst().orElseThrow();
    }

    static long hotLineCum(List<Fact> facts, String type, int line) {
        return facts.stream().filter(f -> f instanceof HotLine h && h.sampleType().equals(type)
                && h.file().endsWith("rows.go") && h.line() == line).mapToLong(f -> ((HotLine) f).cum()).sum();
    }

    static String pct(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    @Test
    void withoutSourcesTheHeapProfileIsPprofs() throws Exception {
        Map<String, Long> t = truth("untimed-mem.txt");
        InputReader.Result r = read(false, "mem.pprof");
        long total = t.get("alloc_space total");
        assertThat(summary(r, "alloc_space").total()).isEqualTo(total);
        LineCost table = cost(r, "alloc_space", 9);
        assertThat(table.flat()).isEqualTo(t.get("alloc_space rows.go:9 all"));
        assertThat(table.flatShare()).isCloseTo((double) t.get("alloc_space rows.go:9 all") / total, within(1e-12));
        assertThat(r.inputs()).filteredOn(in -> in.kind().equals("pprof")).singleElement()
                .satisfies(in -> assertThat(in.note()).isNull());
    }

    @Test
    void withSourcesTheHeapProfileLeavesTheSetupOut() throws Exception {
        Map<String, Long> t = truth("untimed-mem.txt");
        InputReader.Result r = read(true, "mem.pprof");
        long all = t.get("alloc_space total");
        long untimed = t.get("alloc_space untimed");
        long timed = all - untimed;
        assertThat(untimed).isPositive();
        assertThat(summary(r, "alloc_space").total()).isEqualTo(timed);
        // Table's row allocation: only BenchmarkTimed's (timed) calls are left
        LineCost table = cost(r, "alloc_space", 9);
        assertThat(table.flat()).isEqualTo(t.get("alloc_space rows.go:9 timed")).isLessThan(t.get("alloc_space rows.go:9 all"));
        assertThat(table.flatShare()).isCloseTo((double) t.get("alloc_space rows.go:9 timed") / timed, within(1e-12));
        // Sum's buffer, all timed: the same bytes, a larger share
        LineCost sum = cost(r, "alloc_space", 26);
        assertThat(sum.flat()).isEqualTo(t.get("alloc_space rows.go:26 all"));
        assertThat(sum.flatShare()).isCloseTo((double) t.get("alloc_space rows.go:26 all") / timed, within(1e-12));
        long stopped = t.get("alloc_space untimed BenchmarkStopped");
        long reset = t.get("alloc_space untimed BenchmarkSum");
        assertThat(stopped + reset).isEqualTo(untimed);
        assertThat(r.inputs()).filteredOn(in -> in.kind().equals("pprof")).singleElement()
                .satisfies(in -> assertThat(in.note()).isEqualTo(t.get("alloc_space untimed-samples")
                        + " samples (" + pct(untimed, all) + " of alloc_space) of benchmark setup left out:"
                        + " BenchmarkStopped between b.StopTimer and b.StartTimer at rows_test.go:18-20 ("
                        + pct(stopped, all) + "), BenchmarkSum before bb.ResetTimer at rows_test.go:10 ("
                        + pct(reset, all) + ")"));
    }

    @Test
    void withSourcesTheCpuProfileLeavesTheSetupOut() throws Exception {
        Map<String, Long> t = truth("untimed-cpu.txt");
        InputReader.Result without = read(false, "cpu.pprof");
        InputReader.Result with = read(true, "cpu.pprof");
        long all = t.get("cpu total");
        long untimed = t.get("cpu untimed");
        assertThat(summary(without, "cpu").total()).isEqualTo(all);
        assertThat(summary(with, "cpu").total()).isEqualTo(all - untimed);
        // Table's hash loop (inlined into the benchmarks): pprof's value, then the timed calls' only
        assertThat(hotLineCum(without.facts(), "cpu", 12)).isEqualTo(t.get("cpu rows.go:12 all"));
        assertThat(hotLineCum(with.facts(), "cpu", 12)).isEqualTo(t.get("cpu rows.go:12 timed"))
                .isLessThan(t.get("cpu rows.go:12 all"));
        assertThat(hotLineCum(with.facts(), "cpu", 27)).isEqualTo(t.get("cpu rows.go:27 all"));
        long stopped = t.get("cpu untimed BenchmarkStopped");
        long reset = t.get("cpu untimed BenchmarkSum");
        assertThat(with.inputs()).filteredOn(in -> in.kind().equals("pprof")).singleElement()
                .satisfies(in -> assertThat(in.note()).isEqualTo(String.format(Locale.ROOT, "%,d", t.get("samples untimed"))
                        + " samples (" + pct(untimed, all) + " of cpu) of benchmark setup left out:"
                        + " BenchmarkStopped between b.StopTimer and b.StartTimer at rows_test.go:18-20 ("
                        + pct(stopped, all) + "), BenchmarkSum before bb.ResetTimer at rows_test.go:10 ("
                        + pct(reset, all) + ")"));
    }
    /**
     * The join of the CPU profile to machine code (HotInstruction: the instruction weighing of bounds checks, calls and
     * entries) leaves the same samples out as the profile facts, so that an instruction's share is of the timed
     * samples too; without sources it counts pprof's.
     */
    @Test
    void theInstructionJoinLeavesTheSameSetupOut() throws Exception {
        Map<String, Long> t = truth("untimed-cpu.txt");
        Path cpu = CAPTURE.resolve("cpu.pprof");
        dev.perfwarden.facts.disasm.SampledAddresses all = dev.perfwarden.facts.disasm.SampledAddresses.read(cpu,
                "cpu.pprof", "cpu");
        dev.perfwarden.facts.disasm.SampledAddresses timed = dev.perfwarden.facts.disasm.SampledAddresses.read(cpu,
                "cpu.pprof", "cpu", dev.perfwarden.facts.source.BenchmarkTimers.of(List.of(DIR.resolve("src"))));
        assertThat(all.total()).isEqualTo(t.get("cpu total"));
        assertThat(timed.total()).isEqualTo(t.get("cpu total") - t.get("cpu untimed"))
                .isEqualTo(summary(read(true, "cpu.pprof"), "cpu").total());
    }
}
