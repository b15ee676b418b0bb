package dev.perfwarden.facts.disasm;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Sample;
import dev.perfwarden.facts.profile.PprofSamples;

import java.util.Map;
import java.util.Set;

/**
 * Which benchmark a CPU sample belongs to, from its stack ({@link BenchmarkSamples}): the function that
 * {@code testing.(*B).runN} called (the benchmark, or a sub-benchmark's function literal), or the function literal
 * {@code testing.(*B).RunParallel.func1} called (a {@code b.RunParallel} body, named by the function it is a literal
 * of); named without its package. None for a stack without either (GC workers, the runtime's background work), nor
 * for the harness's own work: the functions runN and RunParallel.func1 call themselves ({@link #RUN_N_HARNESS},
 * {@link #RUN_PARALLEL_HARNESS}: runN's {@code runtime.GC} before the timed loop, {@code b.StopTimer} after it, the
 * main benchmark's {@code testing.runBenchmarks.func1}, which only starts the others), and the runtime's functions the
 * compiler makes them call (stack growth, preemption, allocation: a {@code runtime.} function not named
 * {@code Benchmark…}: the runtime's own benchmarks, {@code runtime.BenchmarkX}, are benchmarks).
 */
public final class Benchmarks {
    /** The testing package's function that calls a benchmark's function with its b.N. */
    static final String RUN_N = "testing.(*B).runN";
    /** The goroutine body of {@code b.RunParallel} that calls the benchmark's body. */
    static final String RUN_PARALLEL = "testing.(*B).RunParallel.func1";
    /**
     * What {@code testing.(*B).runN} calls itself, beside the benchmark's function (Go 1.23 to 1.26,
     * testing/benchmark.go): its lock, context, GC, timers and deferred cleanup, and the main benchmark's function,
     * which only runs the others ({@code b.Run}, each in its own runN).
     */
    static final Set<String> RUN_N_HARNESS = Set.of("runtime.GC", "sync.(*Mutex).Lock", "sync.(*Mutex).Unlock",
            "context.WithCancel", "context.Background", "testing.(*B).resetRaces", "testing.(*B).ResetTimer",
            "testing.(*B).StartTimer", "testing.(*B).StopTimer", "testing.(*B).runN.func1", "testing.(*B).checkRaces",
            "testing.(*common).runCleanup", "testing.(*common).Error", "testing.runBenchmarks.func1");
    /** What {@code testing.(*B).RunParallel.func1} calls itself, beside the body: its deferred {@code wg.Done()}. */
    static final Set<String> RUN_PARALLEL_HARNESS = Set.of("sync.(*WaitGroup).Done", "sync.(*WaitGroup).Add");

    private Benchmarks() {
    }

    /** A location's functions, innermost (an inlined callee) first, as its lines list them. */
    static String[] functions(Location l, PprofSamples p) {
        String[] names = new String[l.getLineCount()];
        for (int i = 0; i < names.length; i++) {
            Function f = p.function(l.getLine(i).getFunctionId());
            names[i] = f == null ? "" : p.string(f.getName());
        }
        return names;
    }

    /** The benchmark of sample {@code s} (its locations' functions in {@code functionsOf}); null when none. */
    static String of(Sample s, Map<Long, String[]> functionsOf) {
        String outer = "";
        for (int i = s.getLocationIdCount() - 1; i >= 0; i--) {
            String[] names = functionsOf.get(s.getLocationId(i));
            if (names == null) {
                continue;
            }
            for (int j = names.length - 1; j >= 0; j--) {
                String name = names[j];
                if (outer.equals(RUN_N)) {
                    return harness(name, RUN_N_HARNESS) ? null : name(name);
                }
                if (outer.equals(RUN_PARALLEL)) {
                    return harness(name, RUN_PARALLEL_HARNESS) ? null : name(enclosing(name));
                }
                outer = name;
            }
        }
        return null;
    }

    /**
     * The function a {@code b.RunParallel} body is a literal of: its name without the literal's suffix
     * ({@code BenchmarkX} for {@code BenchmarkX.func1}, {@code BenchmarkX.func1} for a body in a sub-benchmark's
     * literal, {@code BenchmarkX.func1.1}); for a body declared in a helper inlined into a function literal, that
     * literal ({@code BenchmarkMap_WarmUp.func1} for xsync's {@code BenchmarkMap_WarmUp.func1.benchmarkMapStringKeys.5}).
     * A body declared in a helper function that was not inlined is named after the helper
     * ({@code benchmarkValidateFastJSON} for fastjson's {@code benchmarkValidateFastJSON.func1}): the body's goroutine
     * has no benchmark on its stack, and the samples of every benchmark calling the helper count for it.
     */
    static String enclosing(String body) {
        String e = body.replaceFirst("\\.(func)?[0-9]+$", "");
        int local = e.lastIndexOf('/') + 1; // the package path's own dots and digits are no literal's
        java.util.regex.Matcher m = INLINED_INTO_LITERAL.matcher(e.substring(local));
        return m.matches() ? e.substring(0, local) + m.group(1) : e;
    }

    /** {@code F.funcN.helper} or {@code F.N.helper}: a helper's name, inlined into the function literal before it. */
    private static final java.util.regex.Pattern INLINED_INTO_LITERAL =
            java.util.regex.Pattern.compile("(.*\\.(?:func)?[0-9]+)\\.[^.()\\[\\]/]+");

    /**
     * Counts sample {@code s} ({@code c} samples) in its benchmark's total ({@code totals}) and returns what it adds to
     * that benchmark's cum on its stack: {@code c}, or 0 when it was taken in preemption ({@link #preempted}: a
     * benchmark's cum leaves it out, as a line's cum does, LineCost); {@code c} when it is of no benchmark.
     */
    static long count(String benchmark, Sample s, long c, Map<Long, String[]> functionsOf, Map<String, Long> totals) {
        if (benchmark == null) {
            return c;
        }
        totals.merge(benchmark, c, Long::sum);
        return preempted(s, functionsOf) ? 0 : c;
    }

    /**
     * Whether sample {@code s} was taken in preemption machinery: its innermost runtime frames (up to the first frame
     * outside the runtime) hold {@code runtime.asyncPreempt} or {@code runtime.asyncPreempt2}, as the profile facts
     * tell it (ProfileAggregator: a line's cum leaves such samples out).
     */
    static boolean preempted(Sample s, Map<Long, String[]> functionsOf) {
        for (int i = 0; i < s.getLocationIdCount(); i++) {
            String[] names = functionsOf.get(s.getLocationId(i));
            if (names == null) {
                continue;
            }
            for (String name : names) {
                if (!(name.startsWith("runtime.") || name.startsWith("internal/runtime/")
                        || name.startsWith("runtime/internal/"))) {
                    return false;
                }
                if (name.equals("runtime.asyncPreempt") || name.equals("runtime.asyncPreempt2")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a function runN (or RunParallel.func1) calls is the harness's, not a benchmark: one of its exact
     * {@code harness} frames, none, or the runtime's (what the compiler makes it call) unless named
     * {@code runtime.Benchmark…}.
     */
    private static boolean harness(String function, Set<String> harness) {
        return function.isEmpty() || harness.contains(function)
                || function.startsWith("runtime.") && !function.startsWith("runtime.Benchmark");
    }

    /** A function's name without its package path and package ({@code BenchmarkSet}). */
    private static String name(String function) {
        String local = function.substring(function.lastIndexOf('/') + 1);
        int dot = local.indexOf('.');
        return dot < 0 ? local : local.substring(dot + 1);
    }
}
