package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.asm.FactChecks;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * A bounds check the compiler kept after prove, from {@code -gcflags=-d=ssa/check_bce/debug=1}:
 * {@code ./main.go:19:40: Found IsInBounds}. Named {@code BceCheck} so it does not clash with the
 * {@code -json} parser's {@code BoundsCheck} (same meaning, other input).
 *
 * @param symbol empty: the message does not name the function (join on file and line)
 * @param file   the path as printed, without a leading {@code ./} (relative to the package directory)
 * @param kind   {@link #INDEX} for {@code IsInBounds} ({@code s[i]}), {@link #SLICE} for
 *               {@code IsSliceInBounds} ({@code s[i:j]})
 */
@FactDoc(name = "bce-check", inputs = {"ssa"},
        value = "A bounds check kept after prove (`-d=ssa/check_bce/debug=1`: `Found IsInBounds`); symbol is empty.")
public record BceCheck(String symbol, String file, int line, int col, String kind, Evidence evidence)
        implements Located {
    public static final String INDEX = "index";
    public static final String SLICE = "slice";

    public BceCheck {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(evidence, "evidence");
    }
}
