package dev.perfwarden.facts.profile;

/**
 * The lines of benchmark functions that {@code go test -bench} does not time, as the Go sources give them (their
 * reader is {@code dev.perfwarden.facts.source.BenchmarkTimers}): a {@code Benchmark*} function's lines before its
 * {@code b.ResetTimer()} (or before its call of a helper that resets its timer), and those between a
 * {@code b.StopTimer()} and the next {@code b.StartTimer()}; the same of the helpers a benchmark passes its
 * {@code *testing.B} to (snappy's {@code benchEncode(b *testing.B, src []byte)}). Go's testing
 * package leaves that code out of ns/op and B/op, but the CPU and heap profiles of the run record it (a heap profile
 * records every sampled allocation whatever the timer). {@link ProfileReader} leaves out every sample whose stack holds
 * such a frame (the benchmark function or helper itself at one of those lines), so the facts weigh what the benchmark
 * measures.
 */
@FunctionalInterface
public interface UntimedLines {
    /** No sources: nothing is left out (what {@code perfwarden hot} and {@code go tool pprof} show). */
    UntimedLines NONE = (function, file, line) -> null;

    /**
     * The untimed part of a benchmark holding {@code line} of {@code function} in {@code file} (the function and file
     * names as the profile records them: {@code example.com/m.BenchmarkX}, an absolute or {@code -trimpath} path),
     * or null when the line is timed or is no benchmark's. Called from several threads at once.
     */
    Part at(String function, String file, long line);

    /**
     * One untimed part of a benchmark function.
     *
     * @param benchmark the function's name ({@code Benchmark_DivideNew}, a helper's {@code benchEncode}, a
     *                  {@code b.Run} body's {@code BenchmarkX.func})
     * @param what      {@code before b.ResetTimer}, {@code before b.Loop}, {@code after b.Loop},
     *                  {@code before benchEncode(b) resets the timer}, {@code between b.StopTimer and b.StartTimer}
     *                  or {@code after b.StopTimer} (with the function's own name for its {@code *testing.B})
     * @param file      the test file, module-relative
     * @param line      the line of the call that ends the part ({@code ResetTimer}, the helper's call) or starts it
     *                  ({@code StopTimer})
     * @param endLine   the line of the {@code StartTimer} call that ends a stopped part; {@code line} otherwise
     */
    record Part(String benchmark, String what, String file, int line, int endLine) {
        /** {@code Benchmark_DivideNew before b.ResetTimer at decimal_bench_test.go:95}. */
        public String describe() {
            String name = file.substring(file.lastIndexOf('/') + 1);
            return benchmark + " " + what + " at " + name + ":" + line + (endLine != line ? "-" + endLine : "");
        }
    }
}
