package dev.perfwarden.engine.model;

import dev.perfwarden.engine.analysis.TestCodeFilter;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SitesTest {
    static Finding at(String symbol, String file, int line, Severity s, double cpu) {
        return Finding.of("bounds-check-hot", "go-perf@1.0.0", s, symbol, file, line, 14, "check in a loop of " + symbol,
                List.of(new Evidence("objdump", symbol + " " + file + ":" + line, null)))
                .withCost(new Cost(cpu, null, Scope.LINE, "self"));
    }

    @Test
    void testFunctionsAreToldByName() {
        assertThat(TestCode.isTestFunction("github.com/bits-and-blooms/bitset.BenchmarkGetTest")).isTrue();
        assertThat(TestCode.isTestFunction("github.com/golang/snappy.TestWriterReset")).isTrue();
        assertThat(TestCode.isTestFunction("github.com/golang/snappy.TestWriterReset.func2")).isTrue();
        assertThat(TestCode.isTestFunction("example.com/m_test.helper")).isTrue();
        assertThat(TestCode.isTestFunction("main.Test")).isTrue();
        assertThat(TestCode.isTestFunction("main.ExampleFoo_bar")).isTrue();
        // not go test entry points: a lower-case suffix, methods, ordinary functions
        assertThat(TestCode.isTestFunction("github.com/bits-and-blooms/bitset.(*BitSet).Test")).isFalse();
        assertThat(TestCode.isTestFunction("github.com/bits-and-blooms/bitset.Testing")).isFalse();
        assertThat(TestCode.isTestFunction("example.com/m.Benchmarker.Run")).isFalse();
        assertThat(TestCode.isTestFunction("example.com/testing.F")).isFalse();
        assertThat(TestCode.isTestFunction("")).isFalse();
    }

    /** hot-call-not-inlined's copy of one CALL in the test binary {@code objdump}, weighed on it: {@code samples} of 605. */
    static Finding call(String objdump, long address, int samples) {
        String symbol = "github.com/json-iterator/go.(*Iterator).ReadObjectCB";
        return Finding.of("hot-call-not-inlined", "go-perf@1.0.0", Severity.NOTE, symbol, "iter_object.go", 132, 0,
                "hot call not inlined", List.of(new Evidence("objdump", String.format(java.util.Locale.ROOT,
                        "iter_object.go:132 %#x CALL ReadString", address), InputPos.line(objdump, 7349)),
                        new Evidence("pprof", String.format(java.util.Locale.ROOT, "its 1 instruction holds %d samples"
                                + " (%#x)", samples, address), null)))
                .withCost(new Cost(samples / 605.0, null, Scope.INSTRUCTION, "cum"));
    }

    @Test
    void copiesOfOneCallInTestBinariesWithoutSamplesAddNoEvidence() {
        // review4, json-iterator iter_object.go:132: the CALL of ReadString in 9 test binaries, 2 of them profiled (bin4
        // 7 samples, bin8 13); the 7 others (0 samples) gave 14 of the finding's 18 evidence lines
        List<Finding> copies = new java.util.ArrayList<>(List.of(call("objdump-4.txt", 0x57b098L, 7),
                call("objdump-8.txt", 0x597938L, 13)));
        for (int n : new int[] {1, 2, 3, 5, 6, 7, 9}) {
            copies.add(call("objdump-" + n + ".txt", 0x572178L + n, 0));
        }
        assertThat(Sites.merge(copies)).singleElement().satisfies(f -> {
            // the hottest binary's copy leads (its cost is the site's), the other copy with samples adds its lines
            assertThat(f.cost().cpuShare()).isEqualTo(13 / 605.0);
            assertThat(f.evidence()).extracting(e -> e.at() == null ? "pprof" : e.at().input()).containsExactly(
                    "objdump-8.txt", "pprof", "objdump-4.txt", "pprof");
        });
        // no copy with samples: the leading copy's evidence only
        assertThat(Sites.merge(copies.subList(2, copies.size()))).singleElement()
                .satisfies(f -> assertThat(f.evidence()).hasSize(2));
    }

    @Test
    void aCopyInlinedIntoTestCodeNeitherShowsNorRaisesTheSite() {
        // snappy decode.go:81 ((*Reader).Reset) inlined into TestWriterReset: the test's copy is left out
        Finding own = at("github.com/golang/snappy.(*Reader).Reset", "decode.go", 81, Severity.NOTE, 0);
        Finding inTest = at("github.com/golang/snappy.TestWriterReset", "decode.go", 81, Severity.WARNING, 0.2);
        assertThat(Sites.merge(List.of(inTest, own))).singleElement().satisfies(f -> {
            assertThat(f.symbol()).isEqualTo("github.com/golang/snappy.(*Reader).Reset");
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.inlinedInto()).isEmpty();
            assertThat(f.cost().cpuShare()).isEqualTo(0.0);
        });
        // bitset.go:197 ((*BitSet).Test) is "in a loop" only in BenchmarkGetTest's copy: hidden as test code
        Finding onlyInBench = at("github.com/bits-and-blooms/bitset.BenchmarkGetTest", "bitset.go", 197,
                Severity.NOTE, 0);
        List<Finding> merged = Sites.merge(List.of(onlyInBench));
        assertThat(merged).singleElement().satisfies(f -> assertThat(new TestCodeFilter().hide(f)).isEqualTo("tests"));
        assertThat(new TestCodeFilter().hide(own)).isNull();
    }

    @Test
    void amongCopiesAtOneCostTheOneWhoseFunctionTheProfileSawLeadsWhateverItsName() {
        // fastjson parser.go:592, inlined into (*Arena).Reset (no benchmark calls it) and (*Parser).Parse: a line-scoped
        // rule weighs every copy by the line, so all cost the same; the shortest name led, naming a function that never ran
        Finding unrun = at("github.com/valyala/fastjson.(*Arena).Reset", "parser.go", 592, Severity.WARNING, 0.021);
        Finding run = at("github.com/valyala/fastjson.(*Parser).Parse", "parser.go", 592, Severity.WARNING, 0.021);
        java.util.Map<String, Double> cpu = java.util.Map.of("github.com/valyala/fastjson.(*Parser).Parse", 0.578);
        for (List<Finding> order : List.of(List.of(unrun, run), List.of(run, unrun))) {
            assertThat(Sites.merge(order, f -> false, s -> cpu.getOrDefault(s, 0.0))).singleElement().satisfies(f -> {
                assertThat(f.symbol()).isEqualTo("github.com/valyala/fastjson.(*Parser).Parse");
                assertThat(f.message()).isEqualTo("check in a loop of github.com/valyala/fastjson.(*Parser).Parse");
                assertThat(f.inlinedInto()).containsExactly("github.com/valyala/fastjson.(*Arena).Reset");
            });
            // without a profile (or none of the copies sampled) the shortest name still leads
            assertThat(Sites.merge(order)).singleElement().extracting(Finding::symbol)
                    .isEqualTo("github.com/valyala/fastjson.(*Arena).Reset");
        }
        // the fingerprint is the site's, whatever copy leads
        assertThat(Sites.merge(List.of(unrun, run), f -> false, s -> cpu.getOrDefault(s, 0.0)).get(0).fingerprint())
                .isEqualTo(Sites.merge(List.of(unrun, run)).get(0).fingerprint());
    }

    @Test
    void mergedEvidenceDoesNotDependOnTheOrderCopiesAndTheirEvidenceCameIn() {
        // one site (order.go:29) inlined into three functions, at the same cost and severity; a session per package
        // and one over all facts may hand the copies, and each copy's evidence, in any order
        Evidence m2a = new Evidence("m2", "order.go:29:14: inlining call to total", InputPos.line("m2.txt", 40));
        Evidence m2b = new Evidence("m2", "order.go:29:14: inlining call to total", InputPos.line("m2.txt", 7));
        Evidence obj = new Evidence("objdump", "order.go:29 0x4a1 CMPQ", InputPos.line("objdump.txt", 3));
        Evidence json = new Evidence("json", "{\"range\":29}", InputPos.line("json/m.json", 2));
        Finding own = copy("m.total", List.of(m2a, obj));
        Finding a = copy("m.Handle", List.of(m2b, json));
        Finding b = copy("m.Submit", List.of(obj, m2b, json));
        List<Evidence> expected = List.of(m2a, obj, json, m2b); // the chosen copy's own, then by input, name, line
        for (List<Finding> order : List.of(List.of(own, a, b), List.of(b, a, own), List.of(a, own, b),
                List.of(own, copy("m.Submit", List.of(json, obj, m2b)), copy("m.Handle", List.of(json, m2b))))) {
            assertThat(Sites.merge(order)).singleElement().satisfies(f -> {
                assertThat(f.symbol()).isEqualTo("m.total");
                assertThat(f.inlinedInto()).containsExactly("m.Handle", "m.Submit");
                assertThat(f.evidence()).as("copies in order %s", order.stream().map(Finding::symbol).toList())
                        .containsExactlyElementsOf(expected);
            });
        }
    }

    @Test
    void twoProfilesRankingTheCopiesDifferentlyGiveTheSiteOneFingerprint() {
        // one site inlined into two callers, and one generic site in three instances (two shape bodies and the
        // dictionary wrapper), each copy with its own evidence; a second profile ranks them the other way round
        Evidence own = new Evidence("m2", "order.go:29:14: inlining call to total", null);
        Evidence inHandle = new Evidence("m2", "order.go:29:14: x escapes to heap in m.Handle:", null);
        Evidence inSubmit = new Evidence("m2", "order.go:29:14: x escapes to heap in m.Submit:", null);
        List<String> fns = List.of("m.total", "m.Handle", "m.Submit");
        List<List<Evidence>> ev = List.of(List.of(own), List.of(inHandle), List.of(inSubmit));
        List<String> instances = List.of("m.(*Map[go.shape.int]).Load", "m.(*Map[go.shape.string]).Load",
                "m.(*Map[int]).Load");
        List<List<Evidence>> instEv = List.of(
                List.of(new Evidence("m2", "map.go:12:6: cannot inline (*Map[go.shape.int]).Load: cost 90", null)),
                List.of(new Evidence("m2", "map.go:12:6: cannot inline (*Map[go.shape.string]).Load: cost 90", null)),
                List.of(new Evidence("m2", "map.go:12:6: cannot inline (*Map[int]).Load: cost 95", null)));
        for (boolean generic : List.of(false, true)) {
            List<String> syms = generic ? instances : fns;
            List<List<Evidence>> evs = generic ? instEv : ev;
            java.util.Set<String> prints = new java.util.HashSet<>();
            java.util.Set<String> leaders = new java.util.HashSet<>();
            for (int lead = 0; lead < syms.size(); lead++) {
                List<Finding> copies = new java.util.ArrayList<>();
                for (int i = 0; i < syms.size(); i++) {
                    copies.add(Finding.of("r", "go-perf@1.0.0", Severity.WARNING, syms.get(i), "order.go", 29, 14,
                            "m", evs.get(i)).withCost(new Cost(i == lead ? 0.3 : 0.1, null, Scope.LINE, "self")));
                }
                Finding f = Sites.merge(copies).get(0);
                leaders.add(f.symbol());
                prints.add(f.fingerprint());
                // as the weighing makes them (fingerprints left for later): the same one
                prints.add(Sites.merge(copies.stream().map(SitesTest::later).toList()).get(0).fingerprint());
            }
            assertThat(leaders).as("the costliest copy leads").hasSize(3);
            assertThat(prints).as("generic %s", generic).hasSize(1);
        }
    }

    @Test
    void findingsWithoutAFingerprintGetTheOneTheirEagerTwinsGetUnlessTheyWillBeHidden() {
        // the same hits as findings fingerprinted when made (Finding.of) and as the weighing makes them (LATER):
        // a site in one function, one rule's two hits in one function (step 1), and copies in three functions (step 2)
        Evidence m2 = new Evidence("m2", "order.go:29:14: inlining call to total", InputPos.line("m2.txt", 40));
        Evidence obj = new Evidence("objdump", "order.go:29 0x4a1 CMPQ", InputPos.line("objdump.txt", 3));
        Evidence json = new Evidence("json", "{\"range\":29}", InputPos.line("json/m.json", 2));
        List<Finding> eager = List.of(copy("m.total", List.of(m2)), copy("m.total", List.of(json)),
                copy("m.Handle", List.of(obj, m2)), copy("m.Submit", List.of(json)),
                at("m.lone", "lone.go", 3, Severity.NOTE, 0), at("m.lone", "lone.go", 3, Severity.WARNING, 0));
        List<Finding> later = eager.stream().map(SitesTest::later).toList();
        List<Finding> expected = Sites.merge(eager);
        assertThat(expected).hasSize(2).allSatisfy(f -> assertThat(f.fingerprint()).hasSize(64));
        // step 1 gave m.total's finding the evidence of both its hits: its fingerprint is over both, not over one
        assertThat(expected.get(0).fingerprint()).isNotEqualTo(eager.get(0).fingerprint())
                .isNotEqualTo(eager.get(1).fingerprint());
        assertThat(Sites.merge(later)).isEqualTo(expected);
        // what the caller will hide keeps LATER; the rest is as before
        List<Finding> hiding = Sites.merge(later, f -> f.file().equals("lone.go"));
        assertThat(hiding).extracting(Finding::fingerprint)
                .containsExactlyInAnyOrder(Fingerprints.LATER, expected.stream()
                        .filter(f -> f.file().equals("order.go")).findFirst().orElseThrow().fingerprint());
    }

    private static Finding later(Finding f) {
        return new Finding(f.rule(), f.pack(), f.severity(), f.symbol(), f.file(), f.line(), f.column(), f.message(),
                f.evidence(), Fingerprints.LATER, f.cost(), f.inlinedInto());
    }

    private static Finding copy(String symbol, List<Evidence> evidence) {
        return Finding.of("bounds-check-hot", "go-perf@1.0.0", Severity.WARNING, symbol, "order.go", 29, 14,
                "check in a loop", evidence).withCost(new Cost(0.1, null, Scope.LINE, "self"));
    }

    @Test
    void verdictsOutsideGoSourceAreKeptPerMessage() {
        // examples/contracts/orders.yaml:32:24 — BenchmarkPipeline regressed in B/op and in allocs/op: two findings
        Finding bytes = Finding.of("contract/orders/pricing-bench", "contracts@1.0.0", Severity.ERROR,
                "example.com/orders.BenchmarkPipeline", "examples/contracts/orders.yaml", 32, 24,
                "contract contract/orders/pricing-bench violated: Pipeline-2 B/op +20.10% against base", List.of());
        Finding allocs = Finding.of("contract/orders/pricing-bench", "contracts@1.0.0", Severity.ERROR,
                "example.com/orders.BenchmarkPipeline", "examples/contracts/orders.yaml", 32, 24,
                "contract contract/orders/pricing-bench violated: Pipeline-2 allocs/op +34.29% against base", List.of());
        assertThat(Sites.merge(List.of(bytes, allocs, bytes))).extracting(Finding::message)
                .containsExactlyInAnyOrder(bytes.message(), allocs.message());
        // at a Go site the -m text and its -json twin of one hit stay one finding
        Finding text = at("main.F", "a.go", 3, Severity.WARNING, 0.1);
        assertThat(Sites.merge(List.of(text, at("main.F", "a.go", 3, Severity.NOTE, 0.1)))).hasSize(1);
    }
}
