package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.BenchmarkShare;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.disasm.BenchmarkSamples;
import dev.perfwarden.facts.disasm.HotInstruction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.perfwarden.engine.kie.RuleSetTest.cpuProfile;
import static dev.perfwarden.engine.kie.WeighingTest.PACK;
import static dev.perfwarden.engine.kie.WeighingTest.T;
import static dev.perfwarden.engine.kie.WeighingTest.functionHit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hit weighed on its instructions knows its largest share within one benchmark. bits-and-blooms/bitset v1.14.3
 * (testdata/modules/bitset, 2 s per benchmark, 13340 timed samples): (*BitSet).Set's 8 entry and exit instructions
 * hold 16 flat samples, 15 of them run by BenchmarkLemireCreate (465 timed samples), 1 by BenchmarkSetExpand (204)
 * (facts' BenchmarkSamplesTest reads them from the capture).
 */
class BenchmarkWeighingTest {
    static final String SET = "m.(*BitSet).Set";
    static final List<Long> ENTRY_EXIT = List.of(0x10L, 0x14L, 0x16L, 0x1aL, 0x40L, 0x44L, 0x45L, 0x46L);

    static HotInstruction at(long address, String op, long flat, List<BenchmarkSamples> benchmarks) {
        return new HotInstruction(SET, "a.go", 206, 0, address, op, op, "cpu", "nanoseconds", flat * 10_000_000L,
                flat / 13340.0, flat * 10_000_000L, flat / 13340.0, flat, List.of(SET + " a.go:206"), List.of(), List.of(), "",
                benchmarks, new Evidence("objdump", "x", null));
    }

    /** An instruction of {@code SET} read from objdump input {@code binary}, {@code flat} of that binary's 13340. */
    static HotInstruction in(String binary, long address, long flat, List<BenchmarkSamples> benchmarks) {
        return new HotInstruction(SET, "a.go", 206, 0, address, "JBE", "JBE", "cpu", "nanoseconds", flat * 10_000_000L,
                flat / 13340.0, flat * 10_000_000L, flat / 13340.0, flat, List.of(SET + " a.go:206"), List.of(), List.of(),
                binary, benchmarks, new Evidence("objdump", "x", dev.perfwarden.facts.core.InputPos.line(binary, 1)));
    }

    static List<Object> set() {
        return List.of(
                at(0x10L, "CMPQ", 3, List.of(new BenchmarkSamples("BenchmarkLemireCreate", 3, 3, 465))),
                at(0x14L, "JBE", 12, List.of(new BenchmarkSamples("BenchmarkLemireCreate", 11, 11, 465),
                        new BenchmarkSamples("BenchmarkSetExpand", 1, 1, 204))),
                at(0x1aL, "ADDQ", 1, List.of(new BenchmarkSamples("BenchmarkLemireCreate", 1, 1, 465))));
    }

    @Test
    void aWeighedHitNamesTheBenchmarkWhereItWeighsMost() {
        Hit h = functionHit(SET).weighedOn(ENTRY_EXIT);
        Finding f = Weighing.weigh(h, PACK, T, List.of(cpuProfile()), List.of(), List.of(), set(), true);
        // 16 of 13340: 0.12 %, under hot.line.flatShare: a note, as before
        assertThat(f.severity()).isEqualTo(Severity.NOTE);
        assertThat(f.cost().cpuShare()).isCloseTo(16 / 13340.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.cost().benchmark()).isEqualTo(new BenchmarkShare("BenchmarkLemireCreate", 15 / 465.0, 465, 15));
        assertThat(f.evidence()).last().satisfies(e -> assertThat(e.text()).endsWith(
                "; in one benchmark at most, BenchmarkLemireCreate: 15 of its 465 samples (3.2 %)"));
        // no benchmark known (a program's profile): none named
        List<Object> plain = List.of(at(0x14L, "JBE", 12, List.of()));
        Finding p = Weighing.weigh(h, PACK, T, List.of(cpuProfile()), List.of(), List.of(), plain, true);
        assertThat(p.cost().benchmark()).isNull();
        assertThat(p.evidence()).last().satisfies(e -> assertThat(e.text()).doesNotContain("benchmark"));
    }

    @Test
    void theLargestShareWinsNotTheMostSamples() {
        // 6 of BenchmarkSet's 87 (6.9 %) outweighs 15 of LemireCreate's 465 (3.2 %)
        List<Object> ins = List.of(at(0x14L, "JBE", 21, List.of(new BenchmarkSamples("BenchmarkLemireCreate", 15, 15,
                465), new BenchmarkSamples("BenchmarkSet", 6, 6, 87))));
        Finding f = Weighing.weigh(functionHit(SET).weighedOn(ENTRY_EXIT), PACK, T, List.of(cpuProfile()), List.of(),
                List.of(), ins, true);
        assertThat(f.cost().benchmark().name()).isEqualTo("BenchmarkSet");
        assertThat(f.cost().benchmark().siteSamples()).isEqualTo(6);
        assertThat(f.cost().benchmark().samples()).isEqualTo(87);
    }

    /** The engine's default thresholds with {@code hot.benchmark.share} 2 % and {@code hot.benchmark.minSamples} 5. */
    static final Weighing.Thresholds BY_BENCHMARK = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005, 5, 0,
            0.02, 5);

    @Test
    void aHitIsHotWhenItsSamplesInOneBenchmarkReachThePerBenchmarkBar() {
        Hit h = functionHit(SET).weighedOn(ENTRY_EXIT);
        // off by default: 0.12 % of the suite is a note, whatever one benchmark says
        assertThat(Weighing.weigh(h, PACK, T, List.of(cpuProfile()), List.of(), List.of(), set(), true).severity())
                .isEqualTo(Severity.NOTE);
        assertThat(Weighing.DEFAULT_BENCHMARK).isZero();
        // 15 of LemireCreate's 465 samples, 3.2 %: over 2 %, on 5 samples or more
        Finding f = Weighing.weigh(h, PACK, BY_BENCHMARK, List.of(cpuProfile()), List.of(), List.of(), set(), true);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.evidence()).last().satisfies(e -> assertThat(e.text()).endsWith(
                "; in one benchmark at most, BenchmarkLemireCreate: 15 of its 465 samples (3.2 %), over"
                        + " hot.benchmark.share 2.0 %"));
        // under the bar (4 %), or on fewer samples than hot.benchmark.minSamples (20): a note
        Weighing.Thresholds higher = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005, 5, 0, 0.04, 5);
        Weighing.Thresholds surer = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005, 5, 0, 0.02, 20);
        for (Weighing.Thresholds t : List.of(higher, surer)) {
            assertThat(Weighing.weigh(h, PACK, t, List.of(cpuProfile()), List.of(), List.of(), set(), true).severity())
                    .as("%s", t).isEqualTo(Severity.NOTE);
        }
        // a hit its rule keeps a note (inline-budget's callee proxy: Set's samples are mostly extendSet's) stays one
        assertThat(Weighing.weigh(h.notRaised(), PACK, BY_BENCHMARK, List.of(cpuProfile()), List.of(), List.of(), set(),
                true).severity()).isEqualTo(Severity.NOTE);
    }

    @Test
    void theBenchmarkIsOfTheBinaryWhoseProfileTheShareIsOf() {
        // one address named in two test binaries: bin1's share (12 flat) is the cost's, so is bin1's benchmark, though
        // bin2's BenchmarkTiny holds a larger share of its own (3 of 10): a cost's figures are of one profile
        Hit both = functionHit(SET).weighedOn(List.of(0x14L, 0x14L), List.of("objdump-1.txt", "objdump-2.txt"));
        List<Object> ins = List.of(
                in("objdump-1.txt", 0x14L, 12, List.of(new BenchmarkSamples("BenchmarkLemireCreate", 12, 12, 465))),
                in("objdump-2.txt", 0x14L, 3, List.of(new BenchmarkSamples("BenchmarkTiny", 3, 3, 10))));
        Finding f = Weighing.weigh(both, PACK, T, List.of(cpuProfile()), List.of(), List.of(), ins, true);
        assertThat(f.cost().cpuShare()).isCloseTo(12 / 13340.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.cost().benchmark()).isEqualTo(new BenchmarkShare("BenchmarkLemireCreate", 12 / 465.0, 465, 12));
        // bin2's figures when bin2 holds the larger share
        List<Object> swapped = List.of(
                in("objdump-1.txt", 0x14L, 2, List.of(new BenchmarkSamples("BenchmarkLemireCreate", 2, 2, 465))),
                in("objdump-2.txt", 0x14L, 3, List.of(new BenchmarkSamples("BenchmarkTiny", 3, 3, 10))));
        assertThat(Weighing.weigh(both, PACK, T, List.of(cpuProfile()), List.of(), List.of(), swapped, true).cost()
                .benchmark().name()).isEqualTo("BenchmarkTiny");
    }

    @Test
    void equalSharesAndSamplesNameTheFirstBenchmarkInNameOrder() {
        List<Object> ins = List.of(at(0x14L, "JBE", 10, List.of(new BenchmarkSamples("BenchmarkZ", 5, 5, 100),
                new BenchmarkSamples("BenchmarkA", 5, 5, 100))));
        Finding f = Weighing.weigh(functionHit(SET).weighedOn(ENTRY_EXIT), PACK, T, List.of(cpuProfile()), List.of(),
                List.of(), ins, true);
        assertThat(f.cost().benchmark().name()).isEqualTo("BenchmarkA");
    }

    /** A CALL of {@code m.f} at a.go:7 with {@code cum} of 1000 samples and its benchmarks' figures. */
    static HotInstruction call(long cum, List<BenchmarkSamples> benchmarks) {
        return new HotInstruction("m.f", "a.go", 7, 0, 0x14L, "CALL SI", "CALL", "cpu", "nanoseconds", 0, 0,
                cum * 10_000_000L, cum / 1000.0, 0, List.of("m.f a.go:7"), List.of(), List.of(), "", benchmarks,
                new Evidence("objdump", "x", null));
    }

    @Test
    void aCallRulesBenchmarkCountsTheCallsCumBoundedByTheLinesAsTheShareIs() {
        // 1000 samples; the CALL's cum 30 (3 %), 30 of BenchmarkA's 100 (with runtime.asyncPreempt below the call, as
        // facts before they left it out counted it), but the line's cum without preemption is 4 samples (0.4 %): the
        // share is capped at the line's, and so is the benchmark's, 4 of 100, under hot.benchmark.minSamples (5)
        List<Object> thousand = List.of(new dev.perfwarden.facts.profile.ProfileSummary("cpu.pprof", "samples", "count",
                1000, 20_000_000_000L, 10_000_000L, 0.1, 0.05, 0.01, 0), new dev.perfwarden.facts.profile.ProfileSummary(
                "cpu.pprof", "cpu", "nanoseconds", 10_000_000_000L, 20_000_000_000L, 10_000_000L, 0.1, 0.05, 0.01, 0));
        List<Object> line = List.of(RuleSetTest.lineCost("a.go", 7, "cpu", 0.001, 0.004, 0.001),
                WeighingTest.sampleCount(1, 4));
        Hit h = WeighingTest.hit(dev.perfwarden.engine.model.CostSpec.parse("cum, cpu").orElseThrow())
                .weighedOn(List.of(0x14L));
        List<Object> ins = List.of(call(30, List.of(new BenchmarkSamples("BenchmarkA", 0, 30, 100),
                new BenchmarkSamples("BenchmarkB", 0, 2, 400))));
        Finding f = Weighing.weigh(h, PACK, BY_BENCHMARK, thousand, List.of(), line, ins, true);
        assertThat(f.cost().cpuShare()).isEqualTo(0.004);
        assertThat(f.cost().benchmark()).isEqualTo(new BenchmarkShare("BenchmarkA", 0.04, 100, 4));
        assertThat(f.severity()).isEqualTo(Severity.NOTE);
        // under the line's bound, the call's cum in the benchmark counts (its flat, 0, does not): 3 of 100, hot by it
        List<Object> line10 = List.of(RuleSetTest.lineCost("a.go", 7, "cpu", 0.001, 0.004, 0.001),
                WeighingTest.sampleCount(1, 40));
        List<Object> within = List.of(call(4, List.of(new BenchmarkSamples("BenchmarkA", 0, 3, 100))));
        Finding w = Weighing.weigh(h, PACK, new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005, 1, 0, 0.02, 2),
                thousand, List.of(), line10, within, true);
        assertThat(w.cost().benchmark()).isEqualTo(new BenchmarkShare("BenchmarkA", 0.03, 100, 3));
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        // a self rule on the same CALL counts the benchmark's flat samples there: none
        Hit self = WeighingTest.hit(dev.perfwarden.engine.model.CostSpec.parse("cpu").orElseThrow())
                .weighedOn(List.of(0x14L));
        assertThat(Weighing.weigh(self, PACK, BY_BENCHMARK, thousand, List.of(), line, ins, true).cost().benchmark())
                .isNull();
    }
}
