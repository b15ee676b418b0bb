package dev.perfwarden.facts.profile;

/**
 * Per-line counters (indexed {@code line * sampleTypes + type}, like {@link ProfileData}'s own) that measure
 * what a source line costs the module, not its tests:
 * <ul>
 *   <li>a frame counts only when its location's physical function (the outermost frame of the location, the
 *       function whose machine code holds the inlined copy) is not declared in a {@code *_test.go} file: a
 *       module line inlined into {@code BenchmarkX} measures the benchmark's loop, not the module;</li>
 *   <li>{@code flat} and {@code cum} are then as pprof's (innermost frame; anywhere on the stack, once per
 *       sample);</li>
 *   <li>{@code self} gives each sample to the innermost frame outside the Go runtime ({@link #runtime}): the
 *       line's own instructions plus the runtime work they ask for (allocation, growslice, write barriers, map
 *       access, memmove), not the module or library functions it calls. Heap profiles hold no runtime frames,
 *       so there {@code self} is the allocating line's bytes.</li>
 * </ul>
 */
record ModuleLineCounters(long[] flat, long[] cum, long[] self) {
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
