package dev.perfwarden.facts.symbols;

import java.util.regex.Pattern;

/**
 * One canonical spelling of Go function symbols, so facts from {@code -m} text, {@code -json},
 * {@code -S}, objdump and pprof join on the same key.
 *
 * <p>The canonical form is the runtime's: {@code pkgpath.Name}, {@code pkgpath.(*T).M},
 * {@code pkgpath.T.M}, {@code pkgpath.f.func1}, with generic instantiations collapsed to
 * {@code pkgpath.F[...]}: the source's spelling, the <em>site key</em> that facts known only by their source
 * position (bce, {@code -json} records without a function) share with the others. Objdump, {@code -S}, {@code -m=2}
 * and pprof (Go 1.23.5 and 1.26.8 profiles) print each instance ({@code F[go.shape.int]}, the dictionary wrapper
 * {@code F[int]}); {@link #normalizeInstance} and {@link #instanceOf} keep that <em>instance name</em> for the facts
 * that print one. Compiler-made symbols use the Go 1.20+ prefixes ({@code go:itab.},
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
        return collapseTypeArgs(normalizeInstance(printed));
    }

    /**
     * The instance name of a symbol as some tool printed it (objdump, {@code -S}, pprof): {@link #normalize} without
     * collapsing the type arguments, so that the two shapes of one generic function
     * ({@code (*Map[go.shape.string,go.shape.int]).Store}, {@code (*Map[go.shape.int,go.shape.int]).Store}) and its
     * dictionary wrappers ({@code (*Map[string,int]).Store}) stay apart. Equal to {@link #normalize} for a
     * non-generic symbol.
     */
    public static String normalizeInstance(String printed) {
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
        return ABI_SUFFIX.matcher(s).replaceFirst("");
    }

    /**
     * The instance name of a function whose canonical (site) symbol is {@code site} and whose name the compiler
     * printed as {@code printed} (package-qualified by its package name or not: {@code xsync.(*Map[struct {},bool]).Compute}):
     * the site symbol with its {@code [...]} replaced by the printed type-argument list
     * ({@code example.com/xsync.(*Map[struct {},bool]).Compute}). The site symbol itself when it is not generic, or
     * when the two do not have one type-argument list each (a name this cannot pair up is not guessed).
     */
    public static String instanceOf(String site, String printed) {
        int at = site.indexOf("[...]");
        if (at < 0 || site.indexOf("[...]", at + 5) >= 0) {
            return site;
        }
        String args = typeArgs(printed);
        return args == null ? site : site.substring(0, at) + args + site.substring(at + 5);
    }

    /** The one top-level type-argument list of {@code name} with its brackets, or null when it has none or several. */
    static String typeArgs(String name) {
        int open = name.indexOf('[');
        int close = open < 0 ? -1 : closingBracket(name, open);
        return close < 0 || name.indexOf('[', close) >= 0 ? null : name.substring(open, close + 1);
    }

    /** The index of the {@code ]} closing the {@code [} at {@code open} (only square brackets nest), or -1. */
    public static int closingBracket(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
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
