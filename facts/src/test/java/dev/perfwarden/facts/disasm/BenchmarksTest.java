package dev.perfwarden.facts.disasm;

import com.google.perftools.profiles.ProfileProto.Sample;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample's benchmark from its stack's frames (the names as the captures of testdata/modules print them:
 * {@code go tool pprof -peek 'testing.\(\*B\).runN$'} lists runtime.GC, testing.(*B).StopTimer and
 * testing.runBenchmarks.func1 beside the benchmarks; {@code -peek 'testing.\(\*B\).RunParallel.func1$'} the bodies).
 */
class BenchmarksTest {
    /** A sample whose stack is {@code outermost} first, one function per location. */
    private static String of(String... outermostFirst) {
        Map<Long, String[]> functions = new HashMap<>();
        Sample.Builder s = Sample.newBuilder();
        for (int i = outermostFirst.length - 1; i >= 0; i--) { // a sample lists its leaf first
            functions.put((long) i + 1, new String[] {outermostFirst[i]});
            s.addLocationId(i + 1);
        }
        return Benchmarks.of(s.build(), functions);
    }

    @Test
    void theHarnessIsKnownByItsExactFramesNotByItsPackage() {
        String runN = "testing.(*B).runN";
        assertThat(of("testing.(*B).launch", runN, "github.com/bits-and-blooms/bitset.BenchmarkSet",
                "github.com/bits-and-blooms/bitset.(*BitSet).Set")).isEqualTo("BenchmarkSet");
        // runN's own work: no benchmark's
        for (String harness : new String[] {"runtime.GC", "testing.(*B).StopTimer", "testing.runBenchmarks.func1",
                "sync.(*Mutex).Lock", "runtime.asyncPreempt", "runtime.morestack_noctxt"}) {
            assertThat(of("testing.(*B).launch", runN, harness)).as(harness).isNull();
        }
        // the runtime's and the testing package's own benchmarks are benchmarks (the package prefix made them none)
        assertThat(of("testing.(*B).launch", runN, "runtime.BenchmarkMalloc8", "runtime.mallocgc"))
                .isEqualTo("BenchmarkMalloc8");
        assertThat(of("testing.(*B).launch", runN, "testing.BenchmarkTBRun", "testing.(*B).Run"))
                .isEqualTo("BenchmarkTBRun");
    }

    @Test
    void aParallelBodyIsNamedByTheFunctionItIsALiteralOf() {
        String par = "testing.(*B).RunParallel.func1";
        assertThat(of(par, "github.com/gobwas/glob.BenchmarkAllGlobMatchParallel.func1", "x.Match"))
                .isEqualTo("BenchmarkAllGlobMatchParallel");
        // declared in a helper inlined into a sub-benchmark's literal (xsync): that literal, as runN names it
        assertThat(of(par, "github.com/puzpuzpuz/xsync/v4_test.BenchmarkMap_WarmUp.func1.benchmarkMapStringKeys.5"))
                .isEqualTo("BenchmarkMap_WarmUp.func1");
        // in a sub-benchmark's literal
        assertThat(of(par, "m.BenchmarkX.func1.1")).isEqualTo("BenchmarkX.func1");
        // declared in a helper not inlined (fastjson): the helper; no benchmark is on the body goroutine's stack
        assertThat(of(par, "github.com/valyala/fastjson.benchmarkValidateFastJSON.func1", "x.Validate"))
                .isEqualTo("benchmarkValidateFastJSON");
        // RunParallel.func1's own work (its deferred wg.Done, a preemption in it): no benchmark's
        assertThat(of(par, "sync.(*WaitGroup).Done")).isNull();
        assertThat(of(par, "runtime.asyncPreempt")).isNull();
    }
}
