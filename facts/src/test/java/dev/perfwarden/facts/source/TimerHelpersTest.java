package dev.perfwarden.facts.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers a benchmark calls with its {@code *testing.B} that reset the timer themselves: their setup, and their
 * callers' setup before the call, are untimed (github.com/golang/snappy@v1.0.0's benchDecode/benchEncode shape).
 */
class TimerHelpersTest {
    static List<String> spans(String src) {
        return BenchmarkTimersTest.spans(src);
    }

    static List<String> spans(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        List<String> out = new ArrayList<>();
        BenchmarkTimers.spans(bytes).forEach((rel, spans) -> spans.forEach(s ->
                out.add(rel + " " + s.from() + "-" + s.to() + " " + s.part().describe())));
        return out;
    }

    /**
     * snappy_test.go's shape: benchFile reads the file, then calls benchDecode or benchEncode, which build their
     * buffers and call b.ResetTimer(); both branches reset, so benchFile's reading is setup too; a benchmark that
     * builds its input before calling a resetting helper (BenchmarkRandomEncode) has its lines before the call untimed;
     * one-line benchmarks have none.
     */
    @Test
    void snappysHelpersResetTheTimerForTheirCallers() {
        assertThat(spans("""
                package snappy

                func benchDecode(b *testing.B, src []byte) {
                	encoded := Encode(nil, src)
                	b.SetBytes(int64(len(src)))
                	b.ResetTimer()
                	for i := 0; i < b.N; i++ {
                		Decode(src, encoded)
                	}
                }

                func benchEncode(b *testing.B, src []byte) {
                	b.SetBytes(int64(len(src)))
                	dst := make([]byte, MaxEncodedLen(len(src)))
                	b.ResetTimer()
                	for i := 0; i < b.N; i++ {
                		Encode(dst, src)
                	}
                }

                func benchFile(b *testing.B, i int, decode bool) {
                	data := readFile(b, filepath.Join(bDir, testFiles[i].filename))
                	if decode {
                		benchDecode(b, data)
                	} else {
                		benchEncode(b, data)
                	}
                }

                func Benchmark_UFlat0(b *testing.B)  { benchFile(b, 0, true) }

                func BenchmarkRandomEncode(b *testing.B) {
                	rng := rand.New(rand.NewSource(1))
                	data := make([]byte, 1<<20)
                	benchEncode(b, data)
                }
                """)).containsExactly("3-6 benchDecode before b.ResetTimer at x_test.go:6",
                "12-15 benchEncode before b.ResetTimer at x_test.go:15",
                "21-23 benchFile before benchDecode(b) resets the timer at x_test.go:24",
                "25-25 benchFile before benchDecode(b) resets the timer at x_test.go:24",
                "32-34 BenchmarkRandomEncode before benchEncode(b) resets the timer at x_test.go:35");
    }

    /**
     * A helper without timer calls is timed code, and calling it resets nothing; a reset inside a loop, an if without
     * else, or one branch only, a go or defer statement, does not count (the timer may run over the code before it);
     * the argument in the helper's *testing.B position must be the caller's own *testing.B.
     */
    @Test
    void onlyAnUnconditionalResetOfTheCallersTimerCounts() {
        assertThat(spans("""
                package x

                func run(b *testing.B, f func()) {
                	for i := 0; i < b.N; i++ {
                		f()
                	}
                }

                func maybe(b *testing.B, reset bool) {
                	prepare()
                	if reset {
                		b.ResetTimer()
                	}
                	for range 3 {
                		b.ResetTimer()
                	}
                }

                func reset(n int, b *testing.B) {
                	b.ResetTimer()
                }

                func BenchmarkA(b *testing.B) {
                	in := setup()
                	run(b, func() { use(in) })
                	maybe(b, true)
                	if in == nil {
                		reset(1, b)
                	} else if len(in) > 3 {
                		reset(2, b)
                	}
                	go reset(3, b)
                	defer reset(4, b)
                	b.Run("x", func(sub *testing.B) {
                		in := setup()
                		reset(5, b)
                	})
                	b.Run("y", func(sub *testing.B) {
                		in := setup()
                		reset(6, sub)
                	})
                	reset(b, 7)
                	other.reset(8, b)
                }
                """)).containsExactly("19-20 reset before b.ResetTimer at x_test.go:20",
                "38-39 BenchmarkA.func before reset(sub) resets the timer at x_test.go:40");
    }

    /**
     * Helpers through helpers (a least fixed point: two helpers calling each other without a real reset reset
     * nothing), a helper in another file of the package, a helper with results, a for b.Loop() helper; a function of
     * the external test package (x_test) of the same name is another function.
     */
    @Test
    void helpersResolveAcrossFilesOfOnePackage() {
        assertThat(spans(Map.of("a_test.go", """
                package x

                func BenchmarkA(b *testing.B) {
                	in := load()
                	data := prepare(b, in)
                	for i := 0; i < b.N; i++ {
                		use(data)
                	}
                }

                func BenchmarkB(b *testing.B) {
                	in := load()
                	ping(b)
                	looped(b)
                }

                func ping(b *testing.B) { pong(b) }

                func pong(b *testing.B) { ping(b) }
                """, "b_test.go", """
                package x

                func prepare(b *testing.B, in []byte) []byte {
                	out := decode(in)
                	b.ResetTimer()
                	return out
                }

                func looped(b *testing.B) {
                	in := load()
                	for b.Loop() {
                		use(in)
                	}
                }
                """, "c_test.go", """
                package x_test

                func BenchmarkC(b *testing.B) {
                	in := load()
                	prepare(b, in)
                }
                """))).containsExactlyInAnyOrder(
                "a_test.go 3-4 BenchmarkA before prepare(b) resets the timer at a_test.go:5",
                "a_test.go 11-13 BenchmarkB before looped(b) resets the timer at a_test.go:14",
                "b_test.go 3-5 prepare before b.ResetTimer at b_test.go:5",
                "b_test.go 9-10 looped before b.Loop at b_test.go:11",
                "b_test.go 14-14 looped after b.Loop at b_test.go:13");
    }

    @Test
    void aGenericHelpersProfileNameLosesItsTypeArguments() {
        assertThat(BenchmarkTimers.shortName("example.com/m.benchGeneric[...]")).isEqualTo("benchGeneric");
        assertThat(BenchmarkTimers.shortName("example.com/m.BenchmarkX.func1")).isEqualTo("BenchmarkX.func1");
    }
}
