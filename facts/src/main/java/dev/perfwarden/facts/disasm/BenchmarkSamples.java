package dev.perfwarden.facts.disasm;

import java.util.Objects;

/**
 * The CPU samples at one instruction that one benchmark ran ({@link HotInstruction#benchmarks()}), and that
 * benchmark's own samples in the profile. A {@code go test -bench} CPU profile merges every benchmark of its binary,
 * each run for about the same {@code -benchtime}, so a site's share of the profile is about the mean of its shares
 * in the benchmarks: a third of one benchmark's time in a suite of 73 is 0.5 %. A sample's benchmark is the function
 * its stack entered from {@code testing.(*B).runN} ({@code BenchmarkSet}, a sub-benchmark's
 * {@code BenchmarkX.func1}), or, for a {@code b.RunParallel} body (called from {@code testing.(*B).RunParallel.func1}),
 * the function the body is a literal of ({@code BenchmarkX} for {@code BenchmarkX.func1}; a helper's, when the body is
 * declared in one: {@link Benchmarks#enclosing}); named without its package; the harness's own work is none
 * ({@link Benchmarks}). Samples of no benchmark (GC workers, the runtime's background work, package init) count in the profile's
 * total and in no benchmark's; a benchmark's untimed setup is left out of both, as of the profile's facts.
 *
 * @param benchmark the benchmark, without its package ({@code BenchmarkSet}, {@code BenchmarkX.func1})
 * @param flat      the samples whose leaf is at the instruction, of that benchmark ({@code samples/count})
 * @param cum       the samples with the instruction anywhere on the stack, of that benchmark, those taken in
 *                  preemption ({@code runtime.asyncPreempt}) left out, as a line's cum leaves them out
 *                  ({@code LineCost}): on a {@code CALL}, what the call reached (so a benchmark's cum at a call is at
 *                  most its cum at the call's line)
 * @param total     that benchmark's timed samples in the profile (its stacks', setup left out)
 */
public record BenchmarkSamples(String benchmark, long flat, long cum, long total) {
    public BenchmarkSamples {
        Objects.requireNonNull(benchmark, "benchmark");
    }
}
