package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.TestCode;

/**
 * Hides findings in Go test files ({@code *_test.go}: tests, benchmarks, examples) and findings whose only copy
 * is in a test function (a module line inlined into {@code BenchmarkXxx}, see {@link TestCode}), counted as
 * hidden ("tests"). Benchmark bodies are where a profile run spends its time, but their allocations and
 * conversions are not the module's: {@code --include-tests} shows them.
 */
public final class TestCodeFilter implements FindingFilter {
    public static final String REASON = "tests";

    @Override
    public String hide(Finding f) {
        String file = f.file();
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1).endsWith("_test.go") || TestCode.isTestFunction(f.symbol()) ? REASON : null;
    }
}
