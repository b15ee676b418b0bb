package dev.perfwarden.facts.source;

import dev.perfwarden.facts.profile.UntimedLines.Part;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The untimed lines of benchmark functions, read with the Go lexer (comments, strings and closures do not count). */
class BenchmarkTimersTest {
    static final Path BENCHSETUP = Path.of("src/test/resources/pprof/benchsetup/src").toAbsolutePath();

    static List<String> spans(String src) {
        return BenchmarkTimers.spans("x_test.go", src.getBytes(StandardCharsets.UTF_8)).stream()
                .map(s -> s.from() + "-" + s.to() + " " + s.part().describe()).toList();
    }

    @Test
    void theCapturedModulesBenchmarks() throws Exception {
        List<String> got = BenchmarkTimers.spans("rows_test.go",
                        Files.readAllBytes(BENCHSETUP.resolve("rows_test.go"))).stream()
                .map(s -> s.from() + "-" + s.to() + " " + s.part().describe()).toList();
        assertThat(got).containsExactly("8-10 BenchmarkSum before bb.ResetTimer at rows_test.go:10",
                "18-20 BenchmarkStopped between b.StopTimer and b.StartTimer at rows_test.go:18-20");
    }

    @Test
    void theLastTopLevelResetTimerEndsTheSetup() {
        assertThat(spans("""
                package x

                func BenchmarkA(t *testing.B) {
                	a := setup()
                	t.ResetTimer()
                	more := setup() // t.ResetTimer() in a comment
                	s := "t.ResetTimer()"
                	t.ResetTimer()
                	if a == nil {
                		t.ResetTimer()
                	}
                	for i := 0; i < t.N; i++ {
                		use(a, more, s)
                	}
                }
                """)).containsExactly("3-8 BenchmarkA before t.ResetTimer at x_test.go:8");
    }

    /**
     * A {@code b.Run} body (a function literal of a {@code *testing.B} in the benchmark) is read as a benchmark of its
     * own, once: its setup before its own ResetTimer is untimed (the profile names it {@code BenchmarkRun.func1}); a
     * literal of anything else, and a closure inside the b.Run body, are not read. Methods are not read; any other
     * top-level function with a {@code *testing.B} is (a helper, {@code Benchmarkfoo} too: it is no benchmark but a
     * function a benchmark may call).
     */
    @Test
    void aBRunBodyIsReadMethodsAreNot() {
        assertThat(spans("""
                package x

                func BenchmarkRun(b *testing.B) {
                	b.Run("one", func(b *testing.B) {
                		setup()
                		b.ResetTimer()
                	})
                	f := func() { b.StopTimer() }
                	f()
                }

                func (s *suite) BenchmarkMethod(b *testing.B) {
                	setup()
                	b.ResetTimer()
                }

                func Benchmarkfoo(b *testing.B) {
                	setup()
                	b.ResetTimer()
                }

                func helper(b *testing.B) {
                	setup()
                	b.ResetTimer()
                }

                func BenchmarkBlank(_ *testing.B) {
                }
                """)).containsExactly("4-6 BenchmarkRun.func before b.ResetTimer at x_test.go:6",
                "17-19 Benchmarkfoo before b.ResetTimer at x_test.go:19",
                "22-24 helper before b.ResetTimer at x_test.go:24");
    }

    /** for b.Loop() (Go 1.24+): the timer runs inside the loop only, so what comes before and after it is untimed. */
    @Test
    void aBLoopLoopIsTheTimedPart() {
        assertThat(spans("""
                package x

                func BenchmarkLoop(b *testing.B) {
                	in := setup()
                	for b.Loop() {
                		use(in)
                	}
                	check(in)
                }

                func BenchmarkSub(b *testing.B) {
                	b.Run("x", func(sub *testing.B) {
                		in := setup()
                		for sub.Loop() {
                			use(in)
                		}
                	})
                }
                """)).containsExactly("3-4 BenchmarkLoop before b.Loop at x_test.go:5",
                "8-9 BenchmarkLoop after b.Loop at x_test.go:7",
                "12-13 BenchmarkSub.func before sub.Loop at x_test.go:14",
                "17-17 BenchmarkSub.func after sub.Loop at x_test.go:16");
    }

    @Test
    void aStoppedTimerRunsToTheNextStartOrTheEnd() {
        assertThat(spans("""
                package x

                import . "testing"

                func Benchmark(bench *B) {
                	for i := 0; i < bench.N; i++ {
                		bench.StartTimer()
                		work()
                		bench.StopTimer()
                		cleanup()
                	}
                	report()
                }

                func Benchmark_Pairs(b *testing.B) {
                	b.StopTimer()
                	x := map[string]struct{}{"a": {}}
                	b.StartTimer()
                	use(x)
                }
                """)).containsExactly("9-13 Benchmark after bench.StopTimer at x_test.go:9",
                "16-18 Benchmark_Pairs between b.StopTimer and b.StartTimer at x_test.go:16-18");
    }

    @Test
    void aProfileFrameIsMatchedByFunctionNameAndFileSuffix() {
        BenchmarkTimers t = BenchmarkTimers.of(List.of(BENCHSETUP));
        Part p = t.at("example.com/benchsetup.BenchmarkSum", "example.com/benchsetup/rows_test.go", 9);
        assertThat(p).isNotNull();
        assertThat(p.describe()).isEqualTo("BenchmarkSum before bb.ResetTimer at rows_test.go:10");
        assertThat(t.at("example.com/benchsetup.BenchmarkSum", "/tmp/x/rows_test.go", 8)).isEqualTo(p);
        assertThat(t.at("example.com/benchsetup.BenchmarkSum", "example.com/benchsetup/rows_test.go", 11)).isNull();
        assertThat(t.at("example.com/benchsetup.BenchmarkSum.func1", "example.com/benchsetup/rows_test.go", 9))
                .isNull();
        // a b.Run body's lines answer to its first-level closure's name only
        assertThat(BenchmarkTimersTest.named("BenchmarkRun.func", "BenchmarkRun.func1")).isTrue();
        assertThat(BenchmarkTimersTest.named("BenchmarkRun.func", "BenchmarkRun.func1.1")).isFalse();
        assertThat(BenchmarkTimersTest.named("BenchmarkRun.func", "BenchmarkRun")).isFalse();
        assertThat(BenchmarkTimersTest.named("BenchmarkRun", "BenchmarkRun.func1")).isFalse();
        assertThat(t.at("example.com/benchsetup.BenchmarkTimed", "example.com/benchsetup/rows_test.go", 28)).isNull();
        assertThat(t.at("example.com/benchsetup.BenchmarkSum", "example.com/benchsetup/other_test.go", 9)).isNull();
    }

    static boolean named(String benchmark, String name) {
        return BenchmarkTimers.named(benchmark, name);
    }
}
