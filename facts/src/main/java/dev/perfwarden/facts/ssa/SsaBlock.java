package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.asm.FactChecks;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * One basic block of one phase's dump: the header {@code b2: <- b1} plus its control line
 * {@code If v11 -> b2 b3 (likely)}.
 *
 * @param line     the block's line (ssa.html prints it on the control line); 0 in text dumps
 * @param id       the {@code N} of {@code bN}
 * @param kind     the block kind as printed: {@code Plain}, {@code If}, {@code Ret}, {@code Exit},
 *                 {@code First}, {@code BlockInvalid}, lowered {@code UGT}, {@code EQ}, …
 * @param controls control value ids, space-separated ({@code v11})
 * @param succs    successor blocks, space-separated ({@code b2 b3})
 * @param preds    predecessor blocks, space-separated
 * @param likely   {@link #LIKELY}, {@link #UNLIKELY} or {@link #NONE}
 * @param values   how many values the block holds in this dump
 * @param dead     the block is unreachable ({@code DEAD} / {@code dead-block})
 * @param evidence the control line (or the header when the block has none)
 */
public record SsaBlock(String symbol, String file, int line, int col, String phase, int id, String kind,
                       String controls, String succs, String preds, String likely, int values, boolean dead,
                       Evidence evidence) implements Located {
    public static final String LIKELY = "likely";
    public static final String UNLIKELY = "unlikely";
    public static final String NONE = "none";

    public SsaBlock {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(controls, "controls");
        Objects.requireNonNull(succs, "succs");
        Objects.requireNonNull(preds, "preds");
        Objects.requireNonNull(likely, "likely");
        Objects.requireNonNull(evidence, "evidence");
    }
}
