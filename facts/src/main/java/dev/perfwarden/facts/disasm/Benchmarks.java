package dev.perfwarden.facts.disasm;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Sample;
import dev.perfwarden.facts.profile.PprofSamples;

import java.util.Map;

/**
 * Which benchmark a CPU sample belongs to, from its stack ({@link BenchmarkSamples}): the function that
 * {@code testing.(*B).runN} called (the benchmark, or a sub-benchmark's function literal), or the function literal
 * {@code testing.(*B).RunParallel.func1} called (a {@code b.RunParallel} body, named by the function it is a literal
 * of); named without its package. None for a stack without either (GC workers, the runtime's background work), nor
 * for runN's own work (its {@code runtime.GC} before the timed loop, {@code b.StopTimer} after it).
 */
public final class Benchmarks {
    /** The testing package's function that calls a benchmark's function with its b.N. */
    static final String RUN_N = "testing.(*B).runN";
    /** The goroutine body of {@code b.RunParallel} that calls the benchmark's body. */
    static final String RUN_PARALLEL = "testing.(*B).RunParallel.func1";

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
                    // runN's own work (runtime.GC before the timed loop, b.StopTimer after it; the main benchmark's
                    // testing.runBenchmarks.func1, which only starts the others) is the harness's: no benchmark's
                    return harness(name) ? null : name(name);
                }
                if (outer.equals(RUN_PARALLEL)) {
                    return name(name.replaceFirst("\\.(func)?[0-9]+$", ""));
                }
                outer = name;
            }
        }
        return null;
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

    /** Whether a function runN calls is the testing harness's or the runtime's, not a benchmark. */
    private static boolean harness(String function) {
        return function.startsWith("testing.") || function.startsWith("runtime.") || function.isEmpty();
    }

    /** A function's name without its package path and package ({@code BenchmarkSet}). */
    private static String name(String function) {
        String local = function.substring(function.lastIndexOf('/') + 1);
        int dot = local.indexOf('.');
        return dot < 0 ? local : local.substring(dot + 1);
    }
}
