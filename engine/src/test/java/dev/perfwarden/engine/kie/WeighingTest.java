package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.PackRef;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.profile.ProfileSite;
import dev.perfwarden.facts.profile.ProfileSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.perfwarden.engine.kie.RuleSetTest.cpuProfile;
import static dev.perfwarden.engine.kie.RuleSetTest.heapProfile;
import static dev.perfwarden.engine.kie.RuleSetTest.lineCost;
import static org.assertj.core.api.Assertions.assertThat;

/** How {@code @cost} chooses what a hit is weighed by. */
class WeighingTest {
    static final PackRef PACK = new PackRef("p", "p", "1.0.0");
    static final Weighing.Thresholds T = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005);

    static Hit hit(CostSpec cost) {
        return new Hit("r", "p", Severity.NOTE, Severity.WARNING, Scope.LINE, "m.f", "a.go", 7, 3, "msg", List.of(),
                cost);
    }

    @Test
    void aRuleAboutTheCallIsWeighedByTheLinesCumulativeCost() {
        // a call line: its own work 0.1 %, the callee's 30 %
        List<Object> lines = List.of(lineCost("a.go", 7, "cpu", 0.001, 0.3, 0.001));
        Finding call = Weighing.weigh(hit(CostSpec.parse("cum, cpu").orElseThrow()), PACK, T, List.of(cpuProfile()),
                List.of(), lines);
        assertThat(call.severity()).isEqualTo(Severity.WARNING);
        assertThat(call.cost()).isEqualTo(new Cost(0.3, null, Scope.LINE, "cum"));
        assertThat(call.cost().format()).isEqualTo("cpu 30.0 % (line, cum)");
        Finding own = Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile()), List.of(), lines);
        assertThat(own.severity()).isEqualTo(Severity.NOTE);
        assertThat(own.cost()).isEqualTo(new Cost(0.001, null, Scope.LINE, "self"));
    }

    /** The engine's default thresholds with go-perf's {@code hot.alloc.cpuShare} (0.005): bytes weighed by their CPU. */
    static final Weighing.Thresholds BY_CPU = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005, 5, 0.005);

    /**
     * A fresh scan of segmentio/ksuid v1.0.4: AppendCompressed's append held 13.6 % of the heap profile's bytes, a
     * warning, but the benchmarks allocate 882 kB in all and the CPU profile shows the allocator and the collector
     * under 0.5 %: a share of bytes that cost nothing is no cost, whatever {@code hot.alloc.cpuShare} says. The same
     * line where the allocator holds 15 % of the CPU is hot.
     */
    @Test
    void aShareOfBytesThatCostNoCpuIsNotHot() {
        List<Object> lines = List.of(lineCost("a.go", 7, "alloc_space", 0, 0.136, 0));
        ProfileSummary idle = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1_000_000_000L, 2_000_000_000L,
                10_000_000L, 0.003, 0.001, 0.01, 0);
        Finding cheap = Weighing.weigh(hit(CostSpec.parse("cum").orElseThrow()), PACK, T, List.of(idle, heapProfile()),
                List.of(), lines);
        assertThat(cheap.severity()).isEqualTo(Severity.NOTE);
        assertThat(cheap.cost().allocShare()).isEqualTo(0.136); // still measured and ranked
        assertThat(cheap.evidence()).last().extracting(Evidence::text).isEqualTo("a.go:7: cum 13.6 % of alloc_space,"
                + " but the allocator and the collector hold 0.40 % of the cpu samples (0.4 samples), under"
                + " hot.line.flatShare (0.50 %): bytes that cost no CPU worth measuring");
        ProfileSummary busy = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1_000_000_000L, 2_000_000_000L,
                10_000_000L, 0.15, 0.03, 0.01, 0);
        assertThat(Weighing.weigh(hit(CostSpec.parse("cum").orElseThrow()), PACK, T, List.of(busy, heapProfile()),
                List.of(), lines).severity()).isEqualTo(Severity.WARNING);
        // 0.77 % of the samples, but 4 of 522 (ksuid's capture): under hot.minSamples, noise
        ProfileSummary few = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 5_220_000_000L, 13_000_000_000L,
                10_000_000L, 0.0, 0.0077, 0.01, 0);
        assertThat(Weighing.weigh(hit(CostSpec.parse("cum").orElseThrow()), PACK, T, List.of(few, heapProfile()),
                List.of(), lines).severity()).isEqualTo(Severity.NOTE);
        // no CPU profile: nothing tells that the bytes cost nothing
        assertThat(Weighing.weigh(hit(CostSpec.parse("cum").orElseThrow()), PACK, T, List.of(heapProfile()),
                List.of(), lines).severity()).isEqualTo(Severity.WARNING);
        assertThat(T.allocCpu()).isZero(); // the engine's default: the share of the bytes, demoted only as above
    }

    /**
     * {@code hot.alloc.cpuShare} (go-perf: 0.005) weighs a line's bytes by the CPU they cost when a CPU profile of the
     * heap profile's binary is given: its share of the bytes times the allocator's and the collector's share, against
     * that share and hot.minSamples. segmentio/ksuid v1.0.4 as committed (testdata/modules/ksuid): AppendCompressed's
     * append holds 14.1 % of 825 kB, the allocator 0.0 % and the collector 5 of 522 samples (0.96 %): enough for the
     * engine's default, which looks at all the bytes, but the line's part is 0.14 % of the CPU.
     */
    @Test
    void withACpuProfileOfItsBinaryALinesBytesAreWeighedByTheCpuTheyCost() {
        CostSpec cum = CostSpec.parse("cum").orElseThrow();
        List<Object> lines = List.of(lineCost("a.go", 7, "alloc_space", 0, 0.141, 0));
        ProfileSummary ksuid = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 5_220_000_000L, 13_000_000_000L,
                10_000_000L, 0.0, 0.0096, 0.01, 0);
        assertThat(Weighing.weigh(hit(cum), PACK, T, List.of(ksuid, heapProfile()), List.of(), lines).severity())
                .isEqualTo(Severity.WARNING);
        Finding cheap = Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(ksuid, heapProfile()), List.of(), lines);
        assertThat(cheap.severity()).isEqualTo(Severity.NOTE);
        assertThat(cheap.cost().allocShare()).isEqualTo(0.141); // still measured and ranked
        assertThat(cheap.evidence()).last().extracting(Evidence::text).isEqualTo("a.go:7: cum 14.1 % of alloc_space,"
                + " which cost about 0.14 % of the cpu samples, its share of the allocator's 0.00 % and the collector's"
                + " 0.96 % (5 samples): under hot.alloc.cpuShare (0.50 %)");
        // a hit whose severity weighing does not decide (alloc-heavy-line's warning: @hotSeverity its @severity, weighed
        // by bytes only) keeps it, and no word on what its bytes cost: the rule says why it reports them
        Hit fixed = new Hit("r", "p", Severity.WARNING, Severity.WARNING, Scope.LINE, "m.f", "a.go", 7, 3, "msg",
                List.of(), CostSpec.parse("self, alloc").orElseThrow());
        List<Object> ownBytes = List.of(lineCost("a.go", 7, "alloc_space", 0.141, 0.141, 0.141));
        Finding kept = Weighing.weigh(fixed, PACK, BY_CPU, List.of(ksuid, heapProfile()), List.of(), ownBytes);
        assertThat(kept.severity()).isEqualTo(Severity.WARNING);
        assertThat(kept.evidence()).isEmpty();
        // tidwall/btree btreeg.go:1588 (iter moved to heap): 99.9 % of the bytes where the allocator holds 7.1 % and
        // the collector 9.1 % of 1,000 samples: 16.2 % of the CPU, hot
        List<Object> iter = List.of(lineCost("a.go", 7, "alloc_space", 0, 0.999, 0));
        ProfileSummary btree = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 10_000_000_000L, 20_000_000_000L,
                10_000_000L, 0.071, 0.091, 0.01, 0);
        assertThat(Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(btree, heapProfile()), List.of(), iter).severity())
                .isEqualTo(Severity.WARNING);
        // at the bar: 5 % of the bytes where the two hold 10 % of 1,000 samples is 0.5 %, 5 samples; 4.9 % is not
        ProfileSummary tenth = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 10_000_000_000L, 20_000_000_000L,
                10_000_000L, 0.06, 0.04, 0.01, 0);
        for (double bytes : new double[] {0.049, 0.05}) {
            List<Object> l = List.of(lineCost("a.go", 7, "alloc_space", 0, bytes, 0));
            assertThat(Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(tenth, heapProfile()), List.of(), l).severity())
                    .as("bytes %s", bytes).isEqualTo(bytes < 0.05 ? Severity.NOTE : Severity.WARNING);
        }
        // 0.5 % of the CPU of 100 samples: 0.5 samples' worth, but as sure as the allocator's and the collector's 10
        // samples (hot.minSamples is asked of those) and the heap profile's share: hot
        ProfileSummary small = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1_000_000_000L, 2_000_000_000L,
                10_000_000L, 0.06, 0.04, 0.01, 0);
        List<Object> half = List.of(lineCost("a.go", 7, "alloc_space", 0, 0.05, 0));
        assertThat(Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(small, heapProfile()), List.of(), half).severity())
                .isEqualTo(Severity.WARNING);
        // the two on 4 samples (4 %): noise, whatever the line's share of the bytes
        ProfileSummary four = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1_000_000_000L, 2_000_000_000L,
                10_000_000L, 0.02, 0.02, 0.01, 0);
        List<Object> most = List.of(lineCost("a.go", 7, "alloc_space", 0, 0.9, 0));
        Finding noise = Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(four, heapProfile()), List.of(), most);
        assertThat(noise.severity()).isEqualTo(Severity.NOTE);
        assertThat(noise.evidence()).last().extracting(Evidence::text).isEqualTo("a.go:7: cum 90.0 % of alloc_space,"
                + " but the allocator and the collector hold 4.00 % of the cpu samples (4 samples), under"
                + " hot.minSamples (5): bytes that cost no CPU worth measuring");
        // no CPU profile, or only one of another binary: the share of the bytes decides, as without the parameter
        assertThat(Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(heapProfile()), List.of(), lines).severity())
                .isEqualTo(Severity.WARNING);
        ProfileSummary otherCpu = new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 5_220_000_000L, 0, 10_000_000L,
                0.0, 0.0096, 0.01, 0, 0, List.of(), "id-a", 0);
        ProfileSummary heapB = new ProfileSummary("mem.pprof", "alloc_space", "bytes", 1_000_000, 0, 512, 1, 0, 0, 0, 0,
                List.of(), "id-b", 0);
        assertThat(Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(otherCpu, heapB), List.of(), lines).severity())
                .isEqualTo(Severity.WARNING);
        ProfileSummary heapA = new ProfileSummary("mem.pprof", "alloc_space", "bytes", 1_000_000, 0, 512, 1, 0, 0, 0, 0,
                List.of(), "id-a", 0);
        assertThat(Weighing.weigh(hit(cum), PACK, BY_CPU, List.of(otherCpu, heapA), List.of(), lines).severity())
                .isEqualTo(Severity.NOTE);
        // a hit weighed by its instructions (and its line's own bytes) is hot by them on the same terms
        Hit check = hit(CostSpec.DEFAULT).weighedOn(List.of(0x10L));
        List<Object> ins = List.of(at("m.f", 0x10L, 0, 0, 522));
        List<Object> own = List.of(lineCost("a.go", 7, "alloc_space", 0.141, 0.141, 0.141));
        List<Object> ownIter = List.of(lineCost("a.go", 7, "alloc_space", 0.999, 0.999, 0.999));
        assertThat(Weighing.weigh(check, PACK, T, List.of(ksuid, heapProfile()), List.of(), own, ins, true)
                .severity()).isEqualTo(Severity.WARNING);
        assertThat(Weighing.weigh(check, PACK, BY_CPU, List.of(ksuid, heapProfile()), List.of(), own, ins, true)
                .severity()).isEqualTo(Severity.NOTE);
        assertThat(Weighing.weigh(check, PACK, BY_CPU, List.of(btree, heapProfile()), List.of(), ownIter, ins, true)
                .severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void bytesDoNotMakeACpuOnlyRuleHotNorRankIt() {
        // chi mux.go:503: an interface call in a loop, no CPU samples, 1 % of the bytes allocated below it
        List<Object> lines = List.of(lineCost("a.go", 7, "alloc_space", 0, 0.0101, 0));
        Finding cpuOnly = Weighing.weigh(hit(CostSpec.parse("cum, cpu").orElseThrow()), PACK, T,
                List.of(cpuProfile(), heapProfile()), List.of(), lines);
        assertThat(cpuOnly.severity()).isEqualTo(Severity.NOTE);
        assertThat(cpuOnly.cost()).isEqualTo(new Cost(0.0, null, Scope.LINE, "cum"));
        Finding both = Weighing.weigh(hit(CostSpec.parse("cum").orElseThrow()), PACK, T,
                List.of(cpuProfile(), heapProfile()), List.of(), lines);
        assertThat(both.severity()).isEqualTo(Severity.WARNING);
        assertThat(both.cost().allocShare()).isEqualTo(0.0101);
        // weighed by the CPU the bytes cost (hot.alloc.cpuShare): 1.01 % of the bytes where the allocator and the
        // collector hold 15 % is 0.15 % of the CPU, a note, still ranked by its bytes
        Finding byCpu = Weighing.weigh(hit(CostSpec.parse("cum").orElseThrow()), PACK, BY_CPU,
                List.of(cpuProfile(), heapProfile()), List.of(), lines);
        assertThat(byCpu.severity()).isEqualTo(Severity.NOTE);
        assertThat(byCpu.cost()).isEqualTo(both.cost());
        // a heap profile alone for a CPU-only rule: nothing measured, the rule's own severity
        Finding heapOnly = Weighing.weigh(hit(CostSpec.parse("cpu").orElseThrow()), PACK, T,
                List.of(heapProfile()), List.of(), lines);
        assertThat(heapOnly.severity()).isEqualTo(Severity.NOTE);
        assertThat(heapOnly.cost()).isEqualTo(Cost.NONE);
    }

    @Test
    void anAllocationRuleIsNotHotByCpuOnALineThatAllocatedNothing() {
        // google/uuid uuid.go:96: invalidLengthError{len(s)} boxed by runtime.convT64 on a line with 4.7 % of the CPU;
        // the heap profile has no bytes there (lengths below 256 come from the runtime's static table)
        List<Object> noBytes = List.of(lineCost("a.go", 7, "cpu", 0.047, 0.047, 0.047));
        Finding boxed = Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile(), heapProfile()), List.of(),
                noBytes);
        assertThat(boxed.severity()).isEqualTo(Severity.NOTE);
        assertThat(boxed.cost()).isEqualTo(new Cost(0.047, 0.0, Scope.LINE, "self"));
        // without a heap profile the CPU is all there is to weigh it by
        Finding cpuOnly = Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile()), List.of(), noBytes);
        assertThat(cpuOnly.severity()).isEqualTo(Severity.WARNING);
        // with bytes on the line (at least hot.alloc.minShare of them), the CPU there counts
        List<Object> someBytes = List.of(lineCost("a.go", 7, "cpu", 0.047, 0.047, 0.047),
                lineCost("a.go", 7, "alloc_space", 0.006, 0.006, 0.006));
        Finding allocates = Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile(), heapProfile()),
                List.of(), someBytes);
        assertThat(allocates.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void anAllocationRuleIsNotHotByCpuOnALineWhoseBytesAreBelowTheFloor() {
        // examples/captured/orders pricing.go:17 (Cents.String): fmt.Sprintf("%s%d.%02d", sign, c/100, c%100) on a line
        // with 0.6 % of the CPU samples; the boxings are convTstring of "" or "-" and convT64 of values below 100, so the
        // heap profile saw 0.0009 % of the bytes there: measured, but not a cost that matters
        List<Object> tiny = List.of(lineCost("a.go", 7, "cpu", 0.0059, 0.0059, 0.0059),
                lineCost("a.go", 7, "alloc_space", 0.0000093, 0.0000093, 0.0000093));
        Finding boxed = Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile(), heapProfile()), List.of(),
                tiny);
        assertThat(boxed.severity()).isEqualTo(Severity.NOTE);
        assertThat(boxed.cost()).isEqualTo(new Cost(0.0059, 0.0000093, Scope.LINE, "self"));
        // the floor is hot.alloc.minShare: a pack (or --param) that sets it to 0 makes any measured byte enough
        Weighing.Thresholds anyByte = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0);
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, anyByte, List.of(cpuProfile(), heapProfile()), List.of(),
                tiny).severity()).isEqualTo(Severity.WARNING);
        // just below and at the default floor (0.5 %, the bar a hot line's CPU clears)
        for (double bytes : new double[] {0.0049, 0.005}) {
            List<Object> l = List.of(lineCost("a.go", 7, "cpu", 0.0059, 0.0059, 0.0059),
                    lineCost("a.go", 7, "alloc_space", bytes, bytes, bytes));
            assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile(), heapProfile()), List.of(), l)
                    .severity()).as("bytes %s", bytes).isEqualTo(bytes < 0.005 ? Severity.NOTE : Severity.WARNING);
        }
        // bytes alone at hot.alloc.share make it hot whatever the line's CPU, by the engine's default
        List<Object> heavy = List.of(lineCost("a.go", 7, "alloc_space", 0.02, 0.02, 0.02));
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile(), heapProfile()), List.of(), heavy)
                .severity()).isEqualTo(Severity.WARNING);
        // weighed by the CPU they cost (hot.alloc.cpuShare 0.5 %): 2 % of the bytes where the allocator and the
        // collector hold 15 % of the CPU is 0.3 %, a note; with a heap profile alone, the share of the bytes decides
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, BY_CPU, List.of(cpuProfile(), heapProfile()), List.of(),
                heavy).severity()).isEqualTo(Severity.NOTE);
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, BY_CPU, List.of(heapProfile()), List.of(), heavy)
                .severity()).isEqualTo(Severity.WARNING);
    }

    static HotInstruction at(String symbol, long address, long flat, long cum, double total) {
        return new HotInstruction(symbol, "a.go", 7, 0, address, "JBE 0x5665e6", "JBE", "cpu", "nanoseconds",
                flat * 10_000_000L, flat / total, cum * 10_000_000L, cum / total, flat, List.of(symbol + " a.go:7"),
                new Evidence("objdump", "x", null));
    }

    @Test
    void aHitThatNamesItsInstructionsIsWeighedByTheirFlatSamplesWhenTheProfileIsJoined() {
        // bitset v1.14.3 bitset.go:514 (NextSetMany): the line holds 0.6 % of the CPU samples, but its check's branch
        // (JBE at 0x5665ab) and the store after it (0x5665ad) have no sample whose leaf is there; the compare before
        // them (0x5665a8) has 4 of runtime.asyncPreempt entered from it (cum, not flat) and is not named
        List<Object> lines = List.of(lineCost("a.go", 7, "cpu", 0.006, 0.006, 0.006));
        Hit check = hit(CostSpec.parse("cpu").orElseThrow()).weighedOn(List.of(0x5665abL, 0x5665adL));
        List<Object> ins = List.of(at("m.f", 0x5665a8L, 0, 4, 1161), at("m.f", 0x5665a5L, 1, 3, 1161));
        Finding cold = Weighing.weigh(check, PACK, T, List.of(cpuProfile()), List.of(), lines, ins, true);
        assertThat(cold.severity()).isEqualTo(Severity.NOTE);
        assertThat(cold.cost()).isEqualTo(new Cost(0.0, null, Scope.INSTRUCTION, "self"));
        assertThat(cold.cost().format()).isEqualTo("cpu 0 % (instruction)");
        assertThat(cold.evidence()).last().satisfies(e -> assertThat(e.text()).isEqualTo("a.go:7: its 2 instructions"
                + " hold 0 % of cpu samples (0 flat: 0x5665ab 0, 0x5665ad 0); the whole line: self 0.6 % of cpu samples"));
        // murmur3 murmur128.go:67: 8 flat samples of 1264 at its JA (0x52e923), 0 at the loop's first load after it,
        // 0.6 %: hot; an instruction of another function at the same address does not count
        Hit hot = hit(CostSpec.parse("cpu").orElseThrow()).weighedOn(List.of(0x52e923L, 0x52e89dL));
        List<Object> sampled = List.of(at("m.f", 0x52e923L, 8, 11, 1264), at("m.g", 0x52e89dL, 50, 50, 1264));
        Finding warm = Weighing.weigh(hot, PACK, T, List.of(cpuProfile()), List.of(), lines, sampled, true);
        assertThat(warm.severity()).isEqualTo(Severity.WARNING);
        assertThat(warm.cost().cpuShare()).isCloseTo(8 / 1264.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(warm.cost().basis()).isEqualTo(Scope.INSTRUCTION);
        // without the join (the profile is of another binary, or no objdump): the line, as before
        Finding unjoined = Weighing.weigh(check, PACK, T, List.of(cpuProfile()), List.of(), lines, List.of(), false);
        assertThat(unjoined.severity()).isEqualTo(Severity.WARNING);
        assertThat(unjoined.cost()).isEqualTo(new Cost(0.006, null, Scope.LINE, "self"));
        // nor does a hit without instructions change
        assertThat(Weighing.weigh(hit(CostSpec.parse("cpu").orElseThrow()), PACK, T, List.of(cpuProfile()), List.of(),
                lines, ins, true).cost().basis()).isEqualTo(Scope.LINE);
        // "instruction" is a cost basis, not a rule's @scope
        assertThat(Scope.byId("instruction")).isEmpty();
    }

    /** A function-scoped hit ({@code @scope(function)}, as inline-budget's) of {@code symbol}. */
    static Hit functionHit(String symbol) {
        return new Hit("r", "p", Severity.NOTE, Severity.WARNING, Scope.FUNCTION, symbol, "a.go", 7, 6, "msg",
                List.of(), CostSpec.parse("cpu").orElseThrow());
    }

    @Test
    void aFunctionHitThatNamesInstructionsIsWeighedByTheirFlatSamplesNotTheFunctionsCum() {
        // tidwall/btree (*IterG[shape]).Release: 14.1 % cum (14 of 99 samples), of which 1 flat sample is on its entry
        // and exit instructions (ADDQ $0x28, SP at 0x565442); the rest is its body and tr.unlock
        String shape = "m.(*IterG[go.shape.int]).Release";
        List<Object> fns = List.of(new dev.perfwarden.facts.profile.HotFunction("m.(*IterG[...]).Release", "cpu",
                "nanoseconds", 0, 0, 140_000_000L, 14 / 99.0, shape));
        List<Long> entryExit = List.of(0x565380L, 0x565384L, 0x56538aL, 0x56538bL, 0x56538eL, 0x565442L, 0x565446L,
                0x565447L);
        // objdump names the instance's machine code by its site key
        List<Object> ins = List.of(at("m.(*IterG[...]).Release", 0x565442L, 1, 1, 99),
                at("m.(*IterG[...]).Release", 0x565412L, 6, 6, 99));
        Finding cold = Weighing.weigh(functionHit(shape).weighedOn(entryExit), PACK, T, List.of(cpuProfile()), fns,
                List.of(), ins, true);
        // 1.0 % is over hot.line.flatShare, but 1 sample is under hot.minSamples
        assertThat(cold.severity()).isEqualTo(Severity.NOTE);
        assertThat(cold.cost().basis()).isEqualTo(Scope.INSTRUCTION);
        assertThat(cold.cost().cpuShare()).isCloseTo(1 / 99.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cold.evidence()).last().satisfies(e -> assertThat(e.text()).isEqualTo(shape + ": the 8 instructions"
                + " hold 1.0 % of cpu samples (1 flat: 0x565380 0, 0x565384 0, 0x56538a 0, 0x56538b 0, 0x56538e 0,"
                + " 0x565442 1, 0x565446 0, 0x565447 0); the whole function " + shape + ": cum 14.1 % of cpu samples"));
        // by the function's cum it was hot
        assertThat(Weighing.weigh(functionHit(shape), PACK, T, List.of(cpuProfile()), fns, List.of(), ins, true)
                .severity()).isEqualTo(Severity.WARNING);
        // 8 flat samples of 1264 on the entry: the call itself is hot
        List<Object> hotEntry = List.of(at("m.(*IterG[...]).Release", 0x565380L, 8, 8, 1264));
        Finding warm = Weighing.weigh(functionHit(shape).weighedOn(entryExit), PACK, T, List.of(cpuProfile()), fns,
                List.of(), hotEntry, true);
        assertThat(warm.severity()).isEqualTo(Severity.WARNING);
        assertThat(warm.cost().cpuShare()).isCloseTo(8 / 1264.0, org.assertj.core.data.Offset.offset(1e-12));
        // a call-site refusal reported in the caller names its callee's entry and exit: they count
        Finding callee = Weighing.weigh(functionHit("m.big").weighedOn(entryExit), PACK, T, List.of(cpuProfile()),
                List.of(), List.of(), hotEntry, true);
        assertThat(callee.severity()).isEqualTo(Severity.WARNING);
        // without the join: the function's cum, as before
        Finding unjoined = Weighing.weigh(functionHit(shape).weighedOn(entryExit), PACK, T, List.of(cpuProfile()), fns,
                List.of(), List.of(), false);
        assertThat(unjoined.severity()).isEqualTo(Severity.WARNING);
        assertThat(unjoined.cost().basis()).isEqualTo(Scope.FUNCTION);
    }

    /** An instruction of {@code symbol} read from the objdump input {@code binary}, with {@code flat} of 154 samples. */
    static HotInstruction of(String binary, String symbol, long address, String op, long flat) {
        return new HotInstruction(symbol, "a.go", 7, 0, address, op, op, "cpu", "nanoseconds", flat * 10_000_000L,
                flat / 154.0, flat * 10_000_000L, flat / 154.0, flat, List.of(symbol + " a.go:7"), List.of(), List.of(), binary,
                List.of(), new Evidence("objdump", "x", dev.perfwarden.facts.core.InputPos.line(binary, 1)));
    }

    @Test
    void anAddressCountsTheSamplesOfTheBinaryItWasNamedInOnly() {
        // review4, json-iterator: ToFloat64's exit POPQ BP is at 0x597517 in bin10 (objdump-10.txt, never profiled);
        // in bin4 (cpu-4.pprof, objdump-4.txt) 0x597517 is WriteInt64's RET, with 1 flat sample. inline-defer-recover
        // names ToFloat64's entry and exit: that sample is not its
        String toFloat = "github.com/json-iterator/go.(*numberLazyAny).ToFloat64";
        Hit frame = functionHit(toFloat).weighedOn(List.of(0x597400L, 0x597517L), "objdump-10.txt");
        assertThat(frame.binaries()).containsExactly("objdump-10.txt", "objdump-10.txt");
        List<Object> ins = List.of(of("objdump-4.txt", "github.com/json-iterator/go.(*Stream).WriteInt64", 0x597517L,
                "RET", 1));
        Finding f = Weighing.weigh(frame, PACK, T, List.of(cpuProfile()), List.of(), List.of(), ins, true);
        assertThat(f.cost()).isEqualTo(new Cost(0.0, null, Scope.INSTRUCTION, "self"));
        assertThat(f.evidence()).noneMatch(e -> e.text().contains("0x597517 1"));
        // the same instruction of bin10 counts; a hit whose binaries are not known counts any (as before)
        List<Object> own = List.of(of("objdump-10.txt", toFloat, 0x597517L, "POPQ", 1));
        assertThat(Weighing.weigh(frame, PACK, T, List.of(cpuProfile()), List.of(), List.of(), own, true).cost()
                .cpuShare()).isCloseTo(1 / 154.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Weighing.weigh(functionHit(toFloat).weighedOn(List.of(0x597400L, 0x597517L)), PACK, T,
                List.of(cpuProfile()), List.of(), List.of(), ins, true).cost().cpuShare()).isGreaterThan(0);
        // one address named in two binaries, with samples in both (two profiles, each share of its own): the larger
        // binary's share, never the sum (3 of bin10's, not 2 + 3); bin7's 5 are of an address the hit did not name there
        Hit both = functionHit(toFloat).weighedOn(List.of(0x597517L, 0x597517L), List.of("objdump-4.txt",
                "objdump-10.txt"));
        List<Object> two = List.of(of("objdump-4.txt", toFloat, 0x597517L, "POPQ", 2), of("objdump-10.txt", toFloat,
                0x597517L, "POPQ", 3), of("objdump-7.txt", toFloat, 0x597517L, "POPQ", 5));
        Finding larger = Weighing.weigh(both, PACK, T, List.of(cpuProfile()), List.of(), List.of(), two, true);
        assertThat(larger.cost().cpuShare()).isCloseTo(3 / 154.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(larger.evidence()).last().satisfies(e -> assertThat(e.text()).contains("(3 flat: 0x597517 3)"));
        // one binary per address, or none
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> functionHit(toFloat).weighedOn(List.of(1L, 2L),
                List.of("objdump-4.txt"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 binaries for 2 instruction addresses");
    }

    static HotInstruction insn(long address, String text, long flat, long cum, double total) {
        return new HotInstruction("m.f", "a.go", 7, 0, address, text, text.substring(0, text.indexOf(' ')), "cpu",
                "nanoseconds", flat * 10_000_000L, flat / total, cum * 10_000_000L, cum / total, flat,
                List.of("m.f a.go:7"), new Evidence("objdump", "x", null));
    }

    @Test
    void aCallRuleThatNamesItsCallIsWeighedByWhatTheCallReached() {
        // chi mux.go:503, w.Header().Add("Allow", m) in the 405 handler's loop: the line's cum is 1.9 % (Header.Add's
        // map work, 140 of its 190 ms at CALL net/http.Header.Add), but the interface call w.Header() (MOVQ 0x18(AX),
        // CX at 0x6be420, CALL CX at 0x6be427) reached nothing the profile saw: a note, whatever the line costs
        List<Object> lines = List.of(lineCost("a.go", 7, "cpu", 0.0013, 0.019, 0.0013), sampleCount(1, 15));
        List<Object> profiles = List.of(cpuProfile(), samplesProfile());
        CostSpec cum = CostSpec.parse("cum, cpu").orElseThrow();
        Hit header = hit(cum).weighedOn(List.of(0x6be420L, 0x6be427L));
        List<Object> ins = List.of(insn(0x6be427L, "CALL CX", 0, 0, 100), insn(0x6be460L, "CALL net/http.Header.Add(SB)",
                0, 14, 100));
        Finding cold = Weighing.weigh(header, PACK, T, profiles, List.of(), lines, ins, true);
        assertThat(cold.severity()).isEqualTo(Severity.NOTE);
        assertThat(cold.cost()).isEqualTo(new Cost(0.0, null, Scope.INSTRUCTION, "cum"));
        assertThat(cold.cost().format()).isEqualTo("cpu 0 % (instruction, cum)");
        assertThat(cold.evidence()).last().satisfies(e -> assertThat(e.text()).isEqualTo("a.go:7: its 2 instructions"
                + " hold 0 % of cpu samples (0 samples: 0x6be420 0, 0x6be427 CALL CX cum 0); the whole line: cum 1.9 %"
                + " of cpu samples"));
        // the same hit weighed by its line (no join): a warning, as before
        assertThat(Weighing.weigh(header, PACK, T, profiles, List.of(), lines, List.of(), false).cost())
                .isEqualTo(new Cost(0.019, null, Scope.LINE, "cum"));
        // tidwall/btree bsearch, btreeg.go:100: the func-value call tr.less (CALL SI) holds 3.9 % cum, and the
        // instruction before it (its load) 2 flat: hot by hot.line.cumShare, counted in samples (the CALL's cum over
        // the profile's period: 39 + 2 of 1000)
        Hit less = hit(cum).weighedOn(List.of(0x10L, 0x14L));
        List<Object> called = List.of(insn(0x10L, "MOVQ 0(DX), SI", 2, 2, 1000), insn(0x14L, "CALL SI", 0, 39, 1000));
        List<Object> thousand = List.of(new dev.perfwarden.facts.profile.ProfileSummary("cpu.pprof", "samples", "count",
                1000, 20_000_000_000L, 10_000_000L, 0.1, 0.05, 0.01, 0), new dev.perfwarden.facts.profile.ProfileSummary(
                "cpu.pprof", "cpu", "nanoseconds", 10_000_000_000L, 20_000_000_000L, 10_000_000L, 0.1, 0.05, 0.01, 0));
        List<Object> line100 = List.of(lineCost("a.go", 7, "cpu", 0.1, 0.202, 0.1), sampleCount(100, 202));
        Finding hot = Weighing.weigh(less, PACK, T, thousand, List.of(), line100, called, true);
        assertThat(hot.severity()).isEqualTo(Severity.WARNING);
        assertThat(hot.cost().cpuShare()).isCloseTo(0.041, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(hot.evidence()).last().satisfies(e -> assertThat(e.text()).startsWith("a.go:7: its 2 instructions"
                + " hold 4.1 % of cpu samples (41 samples: 0x10 MOVQ flat 2, 0x14 CALL SI cum 39)"));
        // the CALL's cum counts runtime.asyncPreempt below it, the line's cum does not: the line bounds the call
        // (fastjson parser.go:253 on a loaded host: 44.7 % at the CALL, 25.4 % as line)
        List<Object> line253 = List.of(lineCost("a.go", 7, "cpu", 0.01, 0.254, 0.01), sampleCount(1, 25));
        Finding bounded = Weighing.weigh(less, PACK, T, profiles, List.of(), line253,
                List.of(insn(0x14L, "CALL SI", 0, 45, 100)), true);
        assertThat(bounded.cost().cpuShare()).isEqualTo(0.254);
        assertThat(bounded.evidence()).last().satisfies(e -> assertThat(e.text()).isEqualTo("a.go:7: its 2 instructions"
                + " hold 25.4 % of cpu samples (25 samples: 0x10 0, 0x14 CALL SI cum 45); the whole line: cum 25.4 % of"
                + " cpu samples without preemption, which bounds the call's: its share is capped at the line's"));
        // hot.minSamples on the samples the call reached: 4 of 100 (4 %) is a handful
        List<Object> few = List.of(insn(0x14L, "CALL SI", 0, 4, 100));
        assertThat(Weighing.weigh(less, PACK, T, profiles, List.of(), lines, few, true).severity())
                .isEqualTo(Severity.NOTE);
        List<Object> five = List.of(insn(0x14L, "CALL SI", 0, 5, 100));
        assertThat(Weighing.weigh(less, PACK, T, profiles, List.of(), lines, five, true).severity())
                .isEqualTo(Severity.WARNING);
        // a main package's test binary: objdump (and so the hit) says example.com/m.f, its profile facts main.f
        Hit inMain = new Hit("r", "p", Severity.NOTE, Severity.WARNING, Scope.LINE, "example.com/fixture/ich.total",
                "a.go", 7, 3, "msg", List.of(), cum).weighedOn(List.of(0x14L));
        HotInstruction renamed = new HotInstruction("main.total", "a.go", 7, 0, 0x14L, "CALL SI", "CALL", "cpu",
                "nanoseconds", 0, 0, 50_000_000L, 0.05, 0, List.of("main.total a.go:7"), new Evidence("objdump", "x", null));
        assertThat(Weighing.weigh(inMain, PACK, T, profiles, List.of(), line100, List.of(renamed), true).cost().cpuShare())
                .isEqualTo(0.05);
        assertThat(Weighing.sameFunction("main.total", "example.com/m.total")).isTrue();
        assertThat(Weighing.sameFunction("main.total", "example.com/m.totals")).isFalse();
        assertThat(Weighing.sameFunction("main.(*T).f", "example.com/m.(*T).f")).isTrue();
        assertThat(Weighing.sameFunction("example.com/n.total", "example.com/m.total")).isFalse();
        // a self rule naming the same CALL counts its flat samples only
        Finding self = Weighing.weigh(hit(CostSpec.parse("cpu").orElseThrow()).weighedOn(List.of(0x14L)), PACK, T,
                profiles, List.of(), lines, five, true);
        assertThat(self.cost()).isEqualTo(new Cost(0.0, null, Scope.INSTRUCTION, "self"));
    }

    @Test
    void costMetadataIsReadStrictly() {
        assertThat(CostSpec.parse(null)).contains(CostSpec.DEFAULT);
        assertThat(CostSpec.parse("self, cpu, alloc")).contains(CostSpec.DEFAULT);
        assertThat(CostSpec.parse("cpu")).contains(new CostSpec(false, true, false));
        assertThat(CostSpec.parse("alloc cum")).contains(new CostSpec(true, false, true));
        assertThat(CostSpec.parse("self, cum")).isEmpty();
        assertThat(CostSpec.parse("flat")).isEmpty();
    }

    /** The samples/count sample type of a Go CPU profile (100 samples), beside cpu/nanoseconds. */
    static dev.perfwarden.facts.profile.ProfileSummary samplesProfile() {
        return new dev.perfwarden.facts.profile.ProfileSummary("cpu.pprof", "samples", "count", 100, 2_000_000_000L,
                10_000_000L, 0.1, 0.05, 0.01, 0);
    }

    static dev.perfwarden.facts.profile.LineCost sampleCount(long self, long cum) {
        return new dev.perfwarden.facts.profile.LineCost("a.go", 7, "samples", "count", self, self / 100.0, cum,
                cum / 100.0, self, self / 100.0, 1);
    }

    @Test
    void aShareOfAHandfulOfSamplesIsNotHot() {
        // lz4 v4.1.33 cpu-3 (xxh32's test binary, 190 samples): a line with 2 samples held 1.1 %, over the 0.5 % bar
        List<Object> few = List.of(lineCost("a.go", 7, "cpu", 0.011, 0.011, 0.011), sampleCount(2, 2));
        List<Object> profiles = List.of(cpuProfile(), samplesProfile());
        Finding noise = Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, profiles, List.of(), few);
        assertThat(noise.severity()).isEqualTo(Severity.NOTE);
        assertThat(noise.cost()).isEqualTo(new Cost(0.011, null, Scope.LINE, "self")); // still ranked by its share
        // hot.minSamples (default 5) met on the very measure the rule is weighed by (self here)
        List<Object> enough = List.of(lineCost("a.go", 7, "cpu", 0.011, 0.011, 0.011), sampleCount(10, 40));
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, profiles, List.of(), enough).severity())
                .isEqualTo(Severity.WARNING);
        List<Object> cumOnly = List.of(lineCost("a.go", 7, "cpu", 0.011, 0.011, 0.011), sampleCount(3, 40));
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, profiles, List.of(), cumOnly).severity())
                .isEqualTo(Severity.NOTE);
        assertThat(Weighing.weigh(hit(CostSpec.parse("cum, cpu").orElseThrow()), PACK, T, profiles, List.of(),
                cumOnly).severity()).isEqualTo(Severity.WARNING);
        // a pack (or --param hot.minSamples=2) that lowers it
        Weighing.Thresholds two = new Weighing.Thresholds(0.02, 0.005, 0.005, 0.01, 0.005, 2,
                Weighing.DEFAULT_ALLOC_CPU);
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, two, profiles, List.of(), few).severity())
                .isEqualTo(Severity.WARNING);
        // a profile without a samples/count type (not Go's): nothing to count, the share alone decides
        assertThat(Weighing.weigh(hit(CostSpec.DEFAULT), PACK, T, List.of(cpuProfile()), List.of(), few).severity())
                .isEqualTo(Severity.WARNING);
        assertThat(T.minSamples()).isEqualTo(5);
    }

    /** One profile's summary of a sample type, of a named binary. */
    private static ProfileSummary summary(String input, String type, long total) {
        return new ProfileSummary(input, type, type.equals("samples") ? "count" : type.equals("cpu") ? "nanoseconds"
                : "bytes", total, 0, 1, 0, 0, 0, 0, 0, List.of(), "id-" + input, 0);
    }

    /** One profile's own line a.go:7 (a ProfileSite), {@code value} of its {@code total}, self and cum alike. */
    private static ProfileSite own(String input, String type, long value, long total) {
        double share = (double) value / total;
        return ProfileSite.of(new LineCost("a.go", 7, type, "", value, share, value, share, value, share, 1, input),
                "id-" + input);
    }

    /**
     * scan --bench's several test binaries: a line's cost is its share of one binary's profile, not of their merge;
     * of the binary where it weighs most among those where it holds hot.minSamples samples (30 % of a small binary's
     * 10 samples is 3 samples, noise; 2 % of the main binary's 1,000 is 20), and the cost names that profile.
     */
    @Test
    void withSeveralBinariesALineIsWeighedByTheProfileOfOneBinary() {
        List<Object> profiles = List.of(summary("/c/cpu-1.pprof", "cpu", 1000), summary("/c/cpu-1.pprof", "samples", 1000),
                summary("/c/cpu-2.pprof", "cpu", 10), summary("/c/cpu-2.pprof", "samples", 10));
        List<Object> merged = List.of(new LineCost("a.go", 7, "cpu", "nanoseconds", 23, 23 / 1010.0, 23, 23 / 1010.0,
                23, 23 / 1010.0, 2));
        List<Object> sites = List.of(own("/c/cpu-1.pprof", "cpu", 20, 1000), own("/c/cpu-1.pprof", "samples", 20, 1000),
                own("/c/cpu-2.pprof", "cpu", 3, 10), own("/c/cpu-2.pprof", "samples", 3, 10));
        Finding f = Weighing.weigh(hit(CostSpec.parse("cpu").orElseThrow()), PACK, T, profiles, List.of(), merged,
                List.of(), false, sites);
        assertThat(f.cost()).isEqualTo(new Cost(0.02, null, Scope.LINE, "self", List.of("cpu-1.pprof")));
        assertThat(f.cost().format()).isEqualTo("cpu 2.0 % (line, cpu-1.pprof)");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.evidence()).last().extracting(e -> e.text())
                .isEqualTo("a.go:7: self 2.0 % of cpu samples (cpu-1.pprof)");
        // the small binary alone: its 30 % of 10 samples is the cost, and too few samples to make it hot
        Finding small = Weighing.weigh(hit(CostSpec.parse("cpu").orElseThrow()), PACK, T, profiles, List.of(), merged,
                List.of(), false, sites.subList(2, 4));
        assertThat(small.cost()).isEqualTo(new Cost(0.3, null, Scope.LINE, "self", List.of("cpu-2.pprof")));
        assertThat(small.severity()).isEqualTo(Severity.NOTE);
    }

    /**
     * A hit whose rule judged it by one heap profile (malloc-hot: the bytes of its CPU profile's binary) is measured
     * in that profile, as its message says, even where another binary's profile holds more of the line's bytes.
     */
    @Test
    void aHitWeighedByANamedProfileIsMeasuredInIt() {
        List<Object> profiles = List.of(summary("/c/mem-1.pprof", "alloc_space", 100), summary("/c/mem-2.pprof",
                "alloc_space", 100));
        List<Object> sites = List.of(own("/c/mem-1.pprof", "alloc_space", 50, 100),
                own("/c/mem-2.pprof", "alloc_space", 94, 100));
        Hit h = hit(CostSpec.parse("cum, alloc").orElseThrow());
        assertThat(Weighing.weigh(h, PACK, T, profiles, List.of(), List.of(), List.of(), false, sites).cost())
                .isEqualTo(new Cost(null, 0.94, Scope.LINE, "cum", List.of("mem-2.pprof")));
        assertThat(Weighing.weigh(h.weighedBy(List.of("/c/mem-1.pprof")), PACK, T, profiles, List.of(), List.of(),
                List.of(), false, sites).cost()).isEqualTo(new Cost(null, 0.5, Scope.LINE, "cum", List.of("mem-1.pprof")));
    }
}
