package dev.perfwarden.facts.symbols;

import java.util.regex.Pattern;

/**
 * One canonical spelling of Go function symbols, so facts from {@code -m} text, {@code -json},
 * {@code -S}, objdump and pprof join on the same key.
 *
 * <p>The canonical form is the runtime's: {@code pkgpath.Name}, {@code pkgpath.(*T).M},
 * {@code pkgpath.T.M}, {@code pkgpath.f.func1}, with generic instantiations collapsed to
 * {@code pkgpath.F[...]}: the source's spelling. Objdump, {@code -S}, {@code -m=2} and pprof (Go 1.23.5
 * and 1.26.8 profiles) print each instance's shape ({@code F[go.shape.int]}), so this merges instances. Compiler-made symbols use the Go 1.20+ prefixes ({@code go:itab.},
 * {@code type:}), and ABI wrapper suffixes ({@code .abi0}) are dropped.
 */
public final class Symbols {
    private Symbols() {
    }

    private static final Pattern ABI_SUFFIX = Pattern.compile("\\.abi\\d+$");

    /**
     * Normalises a symbol as some tool printed it (objdump, {@code -S}, pprof): old prefixes,
     * ABI suffixes and type-argument lists.
     */
    public static String normalize(String printed) {
        String s = printed.strip();
        if (s.startsWith("go.itab.")) {
            s = "go:itab." + s.substring("go.itab.".length());
        } else if (s.startsWith("go.string.")) {
            s = "go:string." + s.substring("go.string.".length());
        } else if (s.startsWith("type..")) {
            s = "type:." + s.substring("type..".length());
        } else if (s.startsWith("type.") && !s.startsWith("type:")) {
            s = "type:" + s.substring("type.".length());
        }
        s = ABI_SUFFIX.matcher(s).replaceFirst("");
        return collapseTypeArgs(s);
    }

    /**
     * The canonical symbol of a function the compiler names {@code compilerName} (as in
     * {@code -m} output: {@code newT}, {@code (*T).M}, {@code closure.func1},
     * {@code Map[go.shape.int]}) inside the package whose symbol prefix is {@code pkgPrefix}
     * ({@code main} for a main package, otherwise the import path).
     */
    public static String qualify(String pkgPrefix, String compilerName) {
        String name = compilerName.strip();
        if (pkgPrefix == null || pkgPrefix.isEmpty()) {
            return collapseTypeArgs(name);
        }
        return collapseTypeArgs(pkgPrefix + "." + name);
    }

    /**
     * Replaces every top-level {@code [...]} type-argument list with {@code [...]}. Brackets nest
     * ({@code Map[go.shape.[]int]}), so this counts depth rather than using a regex.
     */
    public static String collapseTypeArgs(String s) {
        int open = s.indexOf('[');
        if (open < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                // "[]T" inside a name only occurs within a type-argument list
                if (depth == 0) {
                    out.append("[...]");
                }
                depth++;
            } else if (c == ']') {
                if (depth > 0) {
                    depth--;
                } else {
                    out.append(c);
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The package part of a canonical symbol: everything before the first '.' after the last '/'.
     * {@code example.com/m/pkg.(*T).M} gives {@code example.com/m/pkg}; {@code main.f} gives
     * {@code main}.
     */
    public static String packageOf(String symbol) {
        int slash = symbol.lastIndexOf('/', firstBracketOrEnd(symbol));
        int dot = symbol.indexOf('.', slash + 1);
        return dot < 0 ? symbol : symbol.substring(0, dot);
    }

    /**
     * Whether a canonical symbol belongs to the standard library (the runtime included): by the go command's
     * own rule for standard import paths, the first path element of its package has no dot; {@code main}
     * (a program's own package) is not. Pseudo-frames ({@code [binary]}, {@code <unknown>}) count as not
     * standard.
     */
    public static boolean isStandardLibrary(String symbol) {
        if (symbol.isEmpty() || symbol.startsWith("[") || symbol.startsWith("<")) {
            return false;
        }
        String pkg = packageOf(symbol);
        if (pkg.equals("main") || pkg.startsWith("type:") || pkg.startsWith("go:")) {
            return false;
        }
        int slash = pkg.indexOf('/');
        String first = slash < 0 ? pkg : pkg.substring(0, slash);
        return first.indexOf('.') < 0;
    }

    private static int firstBracketOrEnd(String s) {
        int b = s.indexOf('[');
        int p = s.indexOf('(');
        int end = s.length();
        if (b >= 0) {
            end = Math.min(end, b);
        }
        if (p >= 0) {
            end = Math.min(end, p);
        }
        return Math.max(0, end - 1);
    }
}
