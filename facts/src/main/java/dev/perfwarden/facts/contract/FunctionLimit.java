package dev.perfwarden.facts.contract;

import dev.perfwarden.facts.core.Fact;

/**
 * A functions clause's requirement, as the contracts pack sees it. {@code property} is {@code inline},
 * {@code escapes} (nothing escapes to the heap), {@code bounds-checks} (no bounds check left) or
 * {@code allocs} (no allocating runtime call in the machine code).
 * <ul>
 *   <li>From a contract file ({@code origin} {@code contract}, {@code sourceLine} 0): the requirement
 *       holds for every function whose symbol matches {@code symbol}, a regular expression (RE2: {@link ContractRegex}) found in the
 *       symbol ({@code pricing\.\(\*Engine\)\.Price$}); {@code inline} means the function can be inlined.</li>
 *   <li>From a gcassert directive ({@code origin} {@code //gcassert:inline}, {@code //gcassert:bce},
 *       {@code //gcassert:noescape}; {@code symbol} ""): the requirement holds on line {@code sourceLine}
 *       of {@code sourceFile}, gcassert's meaning: {@code inline} there means a call on that line is
 *       inlined, or with {@code sourceCol} &gt; 0 the call whose parenthesis is at that column (a call
 *       site of a function whose declaration carries {@code //gcassert:inline}).</li>
 * </ul>
 * A gcassert directive of a name gcassert does not know ({@code //gcassert:foo}) has property
 * {@value #UNKNOWN}: it checks nothing and is reported as an error.
 * {@code file}, {@code line}, {@code col}: where the requirement is written (contract key or directive).
 */
public record FunctionLimit(String service, String clause, String symbol, String property, String origin,
                            String sourceFile, int sourceLine, int sourceCol, String file, int line, int col)
        implements Fact, ContractClause {
    /** The property of a {@code //gcassert:NAME} directive whose NAME gcassert does not know. */
    public static final String UNKNOWN = "unknown-directive";
    public String ruleId() {
        return "contract/" + service + "/" + clause;
    }

    /** A gcassert directive: it names a source line, not a symbol pattern. */
    public boolean directive() {
        return sourceLine > 0;
    }

    public boolean selects(String sym) {
        return !directive() && sym != null && !sym.isEmpty() && ContractRegex.find(symbol, sym, this);
    }

    /** Whether a fact at {@code f}:{@code l} is on the directive's line (never for a contract clause). */
    public boolean at(String f, int l) {
        return directive() && l == sourceLine && sameFile(f);
    }

    /** Whether a fact of function {@code sym} at {@code f}:{@code l} is one this requirement bounds. */
    public boolean covers(String sym, String f, int l) {
        return directive() ? at(f, l) : selects(sym);
    }

    /** Whether compiler output about function {@code sym} in file {@code f} shows the requirement was checked. */
    public boolean analysed(String sym, String f) {
        return directive() ? sameFile(f) : selects(sym);
    }

    /** Only machine code tells: allocating runtime calls, and bounds checks of a contract clause. */
    public boolean needsMachineCode() {
        return property.equals("allocs") || (property.equals("bounds-checks") && !directive());
    }

    private boolean sameFile(String f) {
        return f != null && !f.isEmpty() && (f.equals(sourceFile) || f.endsWith("/" + sourceFile)
                || sourceFile.endsWith("/" + f));
    }

    /** Where a verdict is reported: the source line of a directive, else the contract key. */
    public String siteFile() {
        return directive() ? sourceFile : file;
    }

    public int siteLine() {
        return directive() ? sourceLine : line;
    }

    public int siteCol() {
        return directive() ? sourceCol : col;
    }

    /** {@code functions matching 'X'} or {@code //gcassert:inline at fix.go:62}. */
    public String what() {
        return directive() ? origin + " at " + sourceFile + ":" + sourceLine : "functions matching '" + symbol + "'";
    }

    public String where() {
        return file + ":" + line + ":" + col;
    }
}
