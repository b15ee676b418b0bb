package dev.perfwarden.facts.ssa;

import dev.perfwarden.facts.asm.FactChecks;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * One SSA pass run on a function, from the GOSSAFUNC text ({@code pass prove end [12345 ns]}) or an
 * ssa.html column header ({@code <h2>prove <span class="stats">[12345 ns]</span></h2>}).
 *
 * @param phase  pass name with spaces ({@code early phielim and copyelim})
 * @param nanos  the time the compiler printed, -1 when none
 * @param blocks blocks in the dump after the pass (-1 when no dump followed)
 * @param values values in the dump after the pass (-1 when no dump followed)
 */
public record SsaPass(String symbol, String file, int line, int col, String phase, long nanos, int blocks,
                      int values, Evidence evidence) implements Located {
    public SsaPass {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(evidence, "evidence");
    }
}
