package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.asm.FactChecks;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * One SSA value of one phase's dump: text {@code (19) v11 = IsInBounds <bool> v8 v10}, per-phase
 * {@code .dump} files, or an {@code ssa.html} column ({@code v11 (19) = IsInBounds <bool> v8 v10}).
 * Value ids are not stable across phases; join on {@code phase} + {@code id}.
 *
 * @param symbol canonical symbol when the input tells it (the {@code TEXT} line of the genssa
 *               listing), else the function name as the dump prints it ({@code sum}, {@code (*T).M})
 * @param file   the function's file when the input tells it (genssa {@code # ./main.go} → {@code main.go},
 *               ssa.html's sources/genssa path), else empty
 * @param line   the value's line; 0 for {@code (?)}. Inlined values carry their own line, which may
 *               belong to another file than {@code file}.
 * @param phase  the phase after which the dump was taken ({@code start} = before the first pass,
 *               {@code prove}, {@code lower}, … with spaces, as in {@code pass NAME end}); an
 *               ssa.html column that merges several passes takes the last one
 * @param id     the {@code N} of {@code vN}
 * @param aux    the aux part as printed ({@code [0]}, {@code {s}}, {@code {i+0} [3]}), else empty
 * @param args   argument ids, space-separated ({@code v8 v10}), else empty
 * @param reg    the register after regalloc ({@code AX}, {@code <>}), else empty
 * @param stmt   {@link #STMT} for {@code (+N)}, {@link #NOT_STMT} for {@code (-N)}, else {@link #UNMARKED}
 * @param block  the block holding the value ({@code b2})
 * @param dead   printed as {@code DEAD} (text) or {@code dead-value} (html)
 */
public record SsaValue(String symbol, String file, int line, int col, String phase, int id, String op, String type,
                       String aux, String args, String reg, String stmt, String block, boolean dead,
                       Evidence evidence) implements Located {
    public static final String STMT = "stmt";
    public static final String NOT_STMT = "not-stmt";
    public static final String UNMARKED = "unmarked";

    public SsaValue {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aux, "aux");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(reg, "reg");
        Objects.requireNonNull(stmt, "stmt");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(evidence, "evidence");
    }
}
