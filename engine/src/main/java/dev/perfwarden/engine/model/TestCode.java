package dev.perfwarden.engine.model;

import dev.perfwarden.facts.core.CompilerNames;

import java.util.regex.Pattern;

/**
 * Whether a function symbol is test code, from its name as objdump, pprof and the compiler print it: a
 * {@code go test} entry point ({@code TestXxx}, {@code BenchmarkXxx}, {@code ExampleXxx}, {@code FuzzXxx}, and the
 * closures in them, {@code pkg.BenchmarkXxx.func1}) or any function of an external test package
 * ({@code example.com/m_test.helper}). A module line inlined into such a function is a copy that measures the
 * test, not the module. Helpers with other names declared in {@code *_test.go} files are not recognised by name.
 */
public final class TestCode {
    // go test's rule: the suffix does not start with a lower-case letter
    private static final Pattern ENTRY = Pattern.compile("^(Test|Benchmark|Example|Fuzz)([^\\p{Ll}].*)?$");

    private TestCode() {
    }

    public static boolean isTestFunction(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return false;
        }
        // the package path ends at the first top-level '.' after its last '/' (example.com/m.F, m.F)
        int slash = -1;
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (c == '(' || c == '[') {
                break;
            }
            if (c == '/') {
                slash = i;
            }
        }
        int dot = CompilerNames.indexAtDepth0(symbol, ".", slash + 1);
        if (dot < 0) {
            return false;
        }
        if (symbol.substring(0, dot).endsWith("_test")) {
            return true;
        }
        String fn = symbol.substring(dot + 1);
        int next = CompilerNames.indexAtDepth0(fn, ".", 0);
        return ENTRY.matcher(next < 0 ? fn : fn.substring(0, next)).matches();
    }
}
