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
 *       there {@code self} is the allocating line's bytes.</li>
 * </ul>
 */
record ModuleLineCounters(boolean[] test, long[] self) {
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
