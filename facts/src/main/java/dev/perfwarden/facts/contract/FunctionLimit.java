package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;

import java.util.regex.Pattern;

/**
 * A functions clause's requirement on the functions whose symbol matches {@code symbol} (a regular
 * expression found in the symbol, e.g. {@code pricing\.\(\*Engine\)\.Price$}): {@code property} is
 * {@code inline} (must be inlinable), {@code escapes} (nothing escapes to the heap in it),
 * {@code bounds-checks} (no bounds check left), {@code allocs} (no allocating runtime call in its
 * machine code). {@code origin} is {@code contract} or the gcassert directive it was read from
 * ({@code //gcassert:inline}); a gcassert directive names its function exactly and, for
 * {@code bce}/{@code noescape} written on a line, that {@code line} of {@code sourceFile} (0: the whole function).
 */
public record FunctionLimit(String service, String clause, String symbol, String property, String origin,
                            String sourceFile, int sourceLine, String file, int line, int col) implements Fact {
    public String ruleId() {
        return "contract/" + service + "/" + clause;
    }

    public boolean selects(String sym) {
        return sym != null && !sym.isEmpty() && Pattern.compile(symbol).matcher(sym).find();
    }

    /** Whether a fact at {@code f}:{@code l} is in scope (always, unless the directive names one line). */
    public boolean at(String f, int l) {
        return sourceLine == 0 || (l == sourceLine && f != null && (f.equals(sourceFile) || f.endsWith("/" + sourceFile)
                || sourceFile.endsWith("/" + f)));
    }

    public String where() {
        return file + ":" + line + ":" + col;
    }
}
