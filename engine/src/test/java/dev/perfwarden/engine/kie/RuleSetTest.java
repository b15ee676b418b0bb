package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.testfacts.Boxed;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.profile.ProfileSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.rule.Rule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetTest {
    static final String F = "example.com/m.box";
    static RuleSet rules;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() throws PackException {
        rules = RuleSet.build(List.of(PackLoader.load(TestPacks.testpack())));
    }

    static ProfileSummary cpuProfile() {
        return new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1_000_000_000L, 2_000_000_000L, 10_000_000L,
                0.1, 0.05, 0.01, 0);
    }

    static HotFunction hotFn(String symbol, double cumShare) {
        return new HotFunction(symbol, "cpu", "nanoseconds", 1000, cumShare / 2, 2000, cumShare);
    }

    static HotLine hotLine(String file, int line, double flatShare) {
        return new HotLine(F, file, line, "cpu", "nanoseconds", 1000, flatShare, 1000, flatShare);
    }

    /** What a line costs, as the pprof parser emits it (cum ≥ flat); its self cost is its flat here. */
    static LineCost lineCost(String file, int line, String sampleType, double flatShare, double cumShare) {
        return lineCost(file, line, sampleType, flatShare, cumShare, flatShare);
    }

    static LineCost lineCost(String file, int line, String sampleType, double flatShare, double cumShare,
                             double selfShare) {
        return new LineCost(file, line, sampleType, sampleType.equals("cpu") ? "nanoseconds" : "bytes",
                (long) (flatShare * 1e6), flatShare, (long) (cumShare * 1e6), cumShare, (long) (selfShare * 1e6),
                selfShare, 1);
    }

    static ProfileSummary heapProfile() {
        return new ProfileSummary("mem.pprof", "alloc_space", "bytes", 1_000_000, 0, 512, 1, 0, 0, 0);
    }

    @Test
    void compiledRulesCarryTheirMetadata() {
        Rule r = rules.kieBase().getRule("perfwarden.packs.testpack", "slow-call");
        assertThat(r.getMetaData()).containsEntry("severity", "note").containsEntry("hotSeverity", "error")
                .containsEntry("scope", "function").containsEntry("summary", "A slow call");
        assertThat(rules.rule("boxed-value").orElseThrow().packLabel()).isEqualTo("testpack@1.2.3");
        assertThat(rules.packs()).extracting(Pack::id).containsExactly("testpack");
    }

    @Test
    void withoutProfileTheBaseSeverityStandsAndNothingIsMeasured() {
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16)), Map.of());
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.rule()).isEqualTo("boxed-value");
        assertThat(f.pack()).isEqualTo("testpack@1.2.3");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.symbol()).isEqualTo(F);
        assertThat(f.location()).isEqualTo("box.go:12:9");
        assertThat(f.message()).isEqualTo("value of 16 bytes boxed");
        assertThat(f.cost()).isEqualTo(Cost.NONE);
        assertThat(f.evidence()).extracting(Evidence::input, Evidence::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("escape-text", "./box.go:12:9: x escapes to heap"));
        assertThat(f.fingerprint()).hasSize(64);
    }

    @Test
    void aHotLineRaisesSeverityAndItsCostIsTheLines() {
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                hotFn(F, 0.001), lineCost("box.go", 12, "cpu", 0.002, 0.013, 0.006),
                lineCost("box.go", 13, "cpu", 0.5, 0.5)), Map.of());
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("value of 16 bytes boxed");
            // the line's own cost (self), not what it calls (cum)
            assertThat(f.cost()).isEqualTo(new Cost(0.006, null, Scope.LINE, "self"));
            assertThat(f.evidence()).extracting(Evidence::input, Evidence::text).contains(
                    org.assertj.core.groups.Tuple.tuple("pprof", "box.go:12: self 0.6 % of cpu samples"));
        });
    }

    @Test
    void aLineThatOnlyCallsAHotFunctionIsNotHotForARuleAboutTheLinesOwnCode() {
        // snappy encode.go:39 `d += encodeBlock(dst[d:], src)`: cum 76.5 % (encodeBlock), its own work ~0
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                lineCost("box.go", 12, "cpu", 0.001, 0.765, 0.001)), Map.of());
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.cost()).isEqualTo(new Cost(0.001, null, Scope.LINE, "self"));
        });
    }

    @Test
    void aColdLineInAHotFunctionIsANote() {
        // the issue-9 case: fmt.Errorf arguments on an error path of a hot function
        List<Finding> out = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                hotFn(F, 0.9), lineCost("box.go", 13, "cpu", 0.5, 0.5)), Map.of());
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.cost()).isEqualTo(new Cost(0.0, null, Scope.LINE, "self"));
            assertThat(f.evidence()).extracting(Evidence::input).containsExactly("escape-text");
        });
        List<Finding> low = rules.run(List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), cpuProfile(),
                lineCost("box.go", 12, "cpu", 0.001, 0.004, 0.004)), Map.of());
        assertThat(low).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.cost().cpuShare()).isEqualTo(0.004);
        });
    }

    @Test
    void bytesAllocatedOnTheLineMakeItHotAndAreItsAllocShare() {
        var boxed = TestPacks.boxed(F, "box.go", 12, 9, 16);
        // a heap profile alone: hot by bytes, no cpu share
        assertThat(rules.run(List.of(boxed, heapProfile(), lineCost("box.go", 12, "alloc_space", 0.2, 0.2)), Map.of()))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.cost()).isEqualTo(new Cost(null, 0.2, Scope.LINE, "self"));
                });
        // a heap profile alone, the line allocates little: the rule's own severity (CPU cost unknown)
        assertThat(rules.run(List.of(boxed, heapProfile(), lineCost("box.go", 12, "alloc_space", 0.001, 0.001)), Map.of()))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.cost()).isEqualTo(new Cost(null, 0.001, Scope.LINE, "self"));
                });
        // both profiles: cold in CPU but allocating 5 % of the bytes is hot
        assertThat(rules.run(List.of(boxed, cpuProfile(), heapProfile(), lineCost("box.go", 12, "alloc_space", 0.05, 0.05)),
                Map.of())).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.cost()).isEqualTo(new Cost(0.0, 0.05, Scope.LINE, "self"));
                });
        // bytes allocated by what the line calls are not the line's own
        assertThat(rules.run(List.of(boxed, cpuProfile(), heapProfile(), lineCost("box.go", 12, "alloc_space", 0, 0.05)),
                Map.of())).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
    }

    @Test
    void aHitNamingOneInstanceOfAGenericFunctionIsWeighedByThatInstancesSamplesOnly() {
        // xsync: the dictionary wrapper (*Map[struct {},bool]).Compute is never run (its shape body is inlined into
        // the benchmark), the shape body is 6.6 % of the CPU; pprof's facts share the site key (*Map[...]).Compute
        String site = "x.(*Map[...]).Compute";
        String wrapper = "x.(*Map[struct {},bool]).Compute";
        String shape = "x.(*Map[go.shape.struct {},go.shape.bool]).Compute";
        HotFunction shapeSamples = new HotFunction(site, "cpu", "nanoseconds", 10, 0.01, 66, 0.066, shape);
        assertThat(rules.run(List.of(TestPacks.slow(wrapper, "map.go", 546, "x", 250), cpuProfile(), shapeSamples),
                Map.of())).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.cost()).isEqualTo(new Cost(0.0, null, Scope.FUNCTION));
                });
        assertThat(rules.run(List.of(TestPacks.slow(shape, "map.go", 546, "x", 250), cpuProfile(), shapeSamples),
                Map.of())).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        // a hit that names the site key is weighed by its instances, as before
        assertThat(rules.run(List.of(TestPacks.slow(site, "map.go", 546, "x", 250), cpuProfile(), shapeSamples),
                Map.of())).singleElement().satisfies(f -> assertThat(f.cost()).isEqualTo(new Cost(0.066, null, Scope.FUNCTION)));
    }

    @Test
    void hotSeverityMetadataAndFunctionScopeAreHonoured() {
        var call = TestPacks.slow(F, "box.go", 20, "runtime.mapassign", 250);
        assertThat(rules.run(List.of(call), Map.of())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("slow-call");
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message()).isEqualTo("slow call to runtime.mapassign");
        });
        // @hotSeverity(error) on a note rule: two levels up; the cost is the function's
        assertThat(rules.run(List.of(call, cpuProfile(), hotFn(F, 0.3)), Map.of()))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.cost()).isEqualTo(new Cost(0.3, null, Scope.FUNCTION));
                });
        // function scope ignores a hot line
        assertThat(rules.run(List.of(call, cpuProfile(), hotFn(F, 0.001), lineCost("box.go", 20, "cpu", 0.9, 0.9)),
                Map.of())).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.cost()).isEqualTo(new Cost(0.001, null, Scope.FUNCTION));
                });
        // the DSL's "- costing more than 100 ns" constraint
        assertThat(rules.run(List.of(TestPacks.slow(F, "box.go", 20, "x", 50)), Map.of())).isEmpty();
    }

    @Test
    void scopeNoneIsNotWeighedButItsLineIsMeasured() {
        assertThat(rules.run(List.of(TestPacks.leak(F, "box.go", 3, "p"), cpuProfile(), hotFn(F, 0.9),
                lineCost("box.go", 3, "cpu", 0.1, 0.4)), Map.of()))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.message()).isEqualTo("leaking param: p");
                    assertThat(f.cost()).isEqualTo(new Cost(0.1, null, Scope.LINE, "self"));
                });
    }

    @Test
    void parametersComeFromThePackAndCanBeOverridden() {
        var boxed = TestPacks.boxed(F, "box.go", 12, 9, 16);
        assertThat(rules.run(List.of(boxed), Map.of("box.minWidth", 32))).isEmpty();
        assertThat(rules.run(List.of(boxed), Map.of("testpack:box.minWidth", "16"))).hasSize(1);
        assertThat(rules.run(List.of(boxed, cpuProfile(), lineCost("box.go", 12, "cpu", 0.1, 0.124)),
                Map.of("hot.line.cumShare", 0.5, "hot.line.flatShare", 0.5)))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
        assertThat(rules.run(List.of(boxed, cpuProfile(), lineCost("box.go", 12, "cpu", 0.004, 0.004)),
                Map.of("testpack:hot.line.flatShare", 0.001)))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(rules.parameters(Map.of())).extracting(p -> p.pack() + ":" + p.name() + "=" + p.text())
                .containsExactlyInAnyOrder("testpack:box.minWidth=8", "testpack:hot.function.cumShare=0.02",
                        "testpack:hot.line.flatShare=0.005", "testpack:hot.line.cumShare=0.005",
                        "testpack:hot.alloc.share=0.01", "testpack:hot.alloc.minShare=0.005",
                        "testpack:hot.minSamples=5", "testpack:hot.alloc.cpuShare=0",
                        "testpack:hot.benchmark.share=0", "testpack:hot.benchmark.minSamples=10");
        assertThatThrownBy(() -> rules.run(List.of(boxed), Map.of("box.maxWidth", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter(s) [box.maxWidth]");
        assertThatThrownBy(() -> rules.run(List.of(boxed), Map.of("box.minWidth", "wide")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }

    @Test
    void duplicateHitsBecomeOneFindingWithMergedEvidence() {
        Boxed a = TestPacks.boxed(F, "box.go", 12, 9, 16);
        Boxed b = new Boxed(F, "box.go", 12, 9, 16, new Evidence("objdump",
                "  box.go:12\t0x10\t\te8\tCALL runtime.convT64(SB)", InputPos.line("objdump.txt", 9)));
        Boxed c = TestPacks.boxed(F, "box.go", 14, 9, 16);
        List<Finding> out = rules.run(List.of(a, b, a, c), Map.of());
        assertThat(out).hasSize(2);
        assertThat(out.get(0).line()).isEqualTo(12);
        assertThat(out.get(0).evidence()).extracting(Evidence::input).containsExactlyInAnyOrder("escape-text", "objdump");
        assertThat(out.get(1).line()).isEqualTo(14);
    }

    @Test
    void inlinedCopiesOfOneSiteAreOneFindingListingTheOtherFunctions() {
        Boxed declared = TestPacks.boxed("main.key", "k.go", 37, 20, 16);
        Boxed inA = new Boxed("main.lookupA", "k.go", 37, 20, 16, new Evidence("escape-text",
                "./k.go:37:20: kind + \":\" + ~r0 escapes to heap", InputPos.line("m2.txt", 90)));
        Boxed inB = new Boxed("main.lookupB", "k.go", 37, 20, 16, new Evidence("escape-text",
                "./k.go:37:20: kind + \":\" + ~r0 escapes to heap", InputPos.line("m2.txt", 95)));
        List<Finding> out = rules.run(List.of(inB, declared, inA, cpuProfile(),
                lineCost("k.go", 37, "cpu", 0.01, 0.03)), Map.of());
        assertThat(out).singleElement().satisfies(f -> {
            // every copy has the line's cost: the shortest name (the declaring function here) is the finding
            assertThat(f.symbol()).isEqualTo("main.key");
            assertThat(f.inlinedInto()).containsExactly("main.lookupA", "main.lookupB");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.evidence()).extracting(Evidence::input)
                    .containsExactly("escape-text", "pprof", "escape-text", "escape-text");
            assertThat(f.fingerprint()).isEqualTo(rules.run(List.of(declared), Map.of()).get(0).fingerprint());
        });
        // instances of one generic function at one site are one finding: the costlier instance leads, the other is
        // not listed as a function the site was inlined into (it is another instance, not a caller)
        Boxed ints = TestPacks.boxed("main.Describe[go.shape.int]", "d.go", 32, 20, 16);
        Boxed ptrs = TestPacks.boxed("main.Describe[go.shape.*uint8]", "d.go", 32, 20, 16);
        assertThat(rules.run(List.of(ints, ptrs), Map.of())).singleElement().satisfies(f -> {
            assertThat(f.symbol()).isEqualTo("main.Describe[go.shape.int]");
            assertThat(f.inlinedInto()).isEmpty();
        });
    }

    @Test
    void findingsAreRankedByCostThenByFileLineColumnRule() {
        List<Finding> ranked = rules.run(List.of(
                TestPacks.boxed(F, "a.go", 5, 2, 16),
                TestPacks.boxed(F, "b.go", 30, 2, 16),
                TestPacks.boxed(F, "c.go", 9, 1, 16),
                cpuProfile(), heapProfile(),
                lineCost("b.go", 30, "cpu", 0.01, 0.02),
                lineCost("c.go", 9, "alloc_space", 0.3, 0.3)), Map.of());
        assertThat(ranked).extracting(f -> f.location() + " " + f.cost().format()).containsExactly(
                "c.go:9:1 cpu 0 %, alloc 30.0 % (line)", "b.go:30:2 cpu 1.0 %, alloc 0 % (line)",
                "a.go:5:2 cpu 0 %, alloc 0 % (line)");
    }

    @Test
    void findingsAreSortedByFileLineColumnRule() {
        List<Finding> out = rules.run(List.of(
                TestPacks.boxed(F, "b.go", 30, 2, 16),
                TestPacks.slow(F, "a.go", 5, "x", 500),
                TestPacks.boxed(F, "a.go", 5, 2, 16),
                TestPacks.boxed(F, "a.go", 5, 1, 16),
                TestPacks.leak(F, "a.go", 40, "p")), Map.of());
        assertThat(out).extracting(f -> f.location() + " " + f.rule()).containsExactly(
                "a.go:5:1 boxed-value", "a.go:5:2 boxed-value", "a.go:5:2 slow-call", "a.go:40:7 leak-note",
                "b.go:30:2 boxed-value");
    }

    @Test
    void parallelRunsOnOneRuleSetGiveTheSameResults() throws Exception {
        List<List<Object>> bundles = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            List<Object> facts = new ArrayList<>();
            for (int j = 0; j < 30; j++) {
                facts.add(TestPacks.boxed(F + i, "f" + i + ".go", j + 1, 3, 4 + j));
                facts.add(TestPacks.slow(F + i, "f" + i + ".go", j + 1, "c" + j, 90 + j));
            }
            if (i % 2 == 0) {
                facts.add(cpuProfile());
                facts.add(hotFn(F + i, 0.01 * i));
                facts.add(lineCost("f" + i + ".go", 7, "cpu", 0.01, 0.02));
            }
            bundles.add(facts);
        }
        List<List<Finding>> sequential = new ArrayList<>();
        for (List<Object> b : bundles) {
            sequential.add(rules.run(b, Map.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<Finding>>> futures = new ArrayList<>();
                for (List<Object> b : bundles) {
                    futures.add(pool.submit(() -> rules.run(b, Map.of())));
                }
                for (int i = 0; i < bundles.size(); i++) {
                    assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequential.get(2)).isNotEmpty();
    }

    @Test
    void drlSyntaxErrorNamesPackFileAndLine() {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("boxed-value/rule.drl"));
        TestPacks.write(p.resolve("boxed-value/rule.drl"), drl.replace("$b : Boxed(width >= $min)", "$b : Boxed(width >= $min"));
        assertThatThrownBy(() -> PackLoader.load(p)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem pr = e.problems().get(0);
            assertThat(pr.pack()).isEqualTo("testpack");
            assertThat(pr.file()).isEqualTo("boxed-value/rule.drl");
            assertThat(pr.line()).isEqualTo(11);
            assertThat(e.getMessage()).startsWith(p + "/boxed-value/rule.drl:11").contains("(pack testpack)");
        });
    }

    @Test
    void drlCompileErrorNamesPackFileAndLine() throws Exception {
        Path p = TestPacks.copy(tmp);
        String drl = TestPacks.read(p.resolve("boxed-value/rule.drl"));
        TestPacks.write(p.resolve("boxed-value/rule.drl"), drl.replace("Boxed(width >= $min)", "Boxed(widht >= $min)"));
        Pack pack = PackLoader.load(p); // parses fine; fails to compile
        assertThatThrownBy(() -> RuleSet.build(List.of(pack))).isInstanceOfSatisfying(PackException.class, e -> {
            assertThat(e.problems()).isNotEmpty().allSatisfy(pr -> {
                assertThat(pr.pack()).isEqualTo("testpack");
                assertThat(pr.file()).isEqualTo("boxed-value/rule.drl");
            });
            assertThat(e.problems().get(0).line()).isEqualTo(10);
            assertThat(e.problems().get(0).message()).contains("widht");
        });
    }

    @Test
    void packsAreCheckedAgainstEachOtherAndTheEngine() throws Exception {
        Path p = TestPacks.copy(tmp.resolve("one"));
        TestPacks.write(p.resolve("pack.yaml"), TestPacks.read(p.resolve("pack.yaml"))
                .replace("perfwarden: \">=0.1.0 <1.0.0\"", "perfwarden: \">=9.0.0\"\nrequires:\n  base-pack: ^1.0.0"));
        Pack pack = PackLoader.load(p);
        assertThatThrownBy(() -> RuleSet.build(List.of(pack))).isInstanceOfSatisfying(PackException.class, e ->
                assertThat(e.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith("needs perfwarden >=9.0.0"))
                        .anySatisfy(m -> assertThat(m).contains("requires pack base-pack ^1.0.0, which is not loaded")));

        Path q = TestPacks.copy(tmp.resolve("two"));
        String yaml = TestPacks.read(q.resolve("pack.yaml")).replace("id: testpack", "id: other");
        TestPacks.write(q.resolve("pack.yaml"), yaml);
        for (String r : List.of("boxed-value", "slow-call", "leak-note")) {
            Path f = q.resolve(r).resolve(r.equals("slow-call") ? "rule.dslr" : "rule.drl");
            TestPacks.write(f, TestPacks.read(f).replace("perfwarden.packs.testpack", "perfwarden.packs.other"));
        }
        Pack other = PackLoader.load(q);
        assertThatThrownBy(() -> RuleSet.build(List.of(PackLoader.load(TestPacks.testpack()), other)))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems()).extracting(Problem::message)
                        .contains("rule id 'boxed-value' is also defined by pack other; rule ids must be unique"));
    }

    @Test
    void packageSessionsStartLargestFirst() {
        // the order the per-package sessions are submitted in: the largest package first (ties in package order),
        // so that a large package late in the input does not run alone at the end
        List<List<Integer>> packages = List.of(List.of(1), List.of(1, 2, 3), List.of(), List.of(1, 2, 3, 4, 5),
                List.of(7, 8, 9));
        assertThat(RuleSet.largestFirst(packages)).containsExactly(3, 1, 4, 0, 2);
        assertThat(RuleSet.largestFirst(List.of())).isEmpty();
    }
}
