package dev.perfwarden.engine.model;

import dev.perfwarden.engine.analysis.TestCodeFilter;
import dev.perfwarden.facts.core.Evidence;
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
