package dev.perfwarden.facts.profile;

/**
 * What a source line costs the module, not its tests, beside pprof's per-line counters:
 * <ul>
 *   <li>{@code test}, per line: the line is in a {@code *_test.go} file. Such a line (a benchmark's loop, a test
 *       helper) has no {@link LineCost}: it measures the test. A module line counts wherever it was compiled,
 *       also in its copies inlined into test functions: {@code toml.NewEncoder} inlined into
 *       {@code BenchmarkEncode} is how the benchmark runs the module's code, and the same line called out of line
 *       from the benchmark would count all the same;</li>
 *   <li>{@code self} (indexed {@code line * sampleTypes + type}, like {@link ProfileData}'s own) gives each sample
 *       to the innermost frame outside the Go runtime ({@link #runtime}) unless that frame is a line of test code:
 *       the line's own instructions plus the runtime work they ask for (allocation, growslice, write barriers, map
 *       access, memmove), not the module or library functions it calls. Heap profiles hold no runtime frames, so
 *       there {@code self} is the allocating line's bytes. A sample taken in preemption machinery
 *       ({@link #preemption}) is nobody's self: the line was interrupted, it did not ask for that work;</li>
 *   <li>{@code preempt} (indexed like {@code self}): samples with the line on the stack (once per sample) whose
 *       innermost runtime frames are preemption machinery ({@link #preemption}). Part of pprof's cum of every line
 *       on the stack, and so of its cum minus flat ("what its calls cost"), though no call asked for it;</li>
 *   <li>{@code functionPreempt} (indexed {@code function * sampleTypes + type}): the same per function, once per
 *       sample: the part of the function's cum that is preemption.</li>
 * </ul>
 */
record ModuleLineCounters(boolean[] test, long[] self, long[] preempt, long[] functionPreempt) {
    /**
     * A runtime function that is signal-driven preemption machinery, not work any line asked for: {@code
     * runtime.asyncPreempt} (the SIGURG handler makes the interrupted goroutine call it: it saves and restores every
     * register) and {@code runtime.asyncPreempt2}, which it calls. In Go 1.26 CPU profiles it is the leaf of the
     * sample, its caller the interrupted line; on an overloaded host it holds 10-47 % of the flat samples (the
     * captures of testdata/modules). What runs after {@code mcall} ({@code gopreempt_m}, {@code schedule}) is on
     * the g0 stack, with no line of the program under it.
     */
    static boolean preemption(String name) {
        return name.equals("runtime.asyncPreempt") || name.equals("runtime.asyncPreempt2");
    }

    /** A function of the Go runtime ({@code runtime.*}, {@code internal/runtime/*}, {@code runtime/internal/*}). */
    static boolean runtime(String name) {
        return name.startsWith("runtime.") || name.startsWith("internal/runtime/")
                || name.startsWith("runtime/internal/");
    }

    /** A file of test code: {@code *_test.go}. */
    static boolean testFile(String file) {
        return file.endsWith("_test.go");
    }
}
