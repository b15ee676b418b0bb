package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * A direct call to a non-runtime function, {@code CALL pkg.F(SB)} (runtime calls are
 * {@link RuntimeCall}s instead). Objdump also prints {@code CALL 0x4a5b20} for targets that are not
 * a symbol's start (e.g. a call into the middle of {@code runtime.duffzero}, which {@code -S} writes
 * {@code DUFFZERO $331}); the callee is then that address text. Emitted when {@link AsmOptions#directCalls()} is on.
 *
 * @param callee  canonical callee symbol
 * @param address the {@code CALL} instruction's address (objdump: absolute; {@code -S}: offset in the function)
 */
@FactDoc(name = "direct-call", inputs = {"objdump", "asm-listing"},
        value = "A direct call to a non-runtime function (only when direct calls are collected).")
public record DirectCall(String symbol, String file, int line, int col,
                         @FieldDoc("canonical callee symbol") String callee, boolean inLoop,
                         @FieldDoc("the `CALL` instruction's address (objdump: absolute; -S: offset in the function)") long address,
                         Evidence evidence,
                         @FieldDoc("the caller's instance name as printed (`(*Map[go.shape.int,go.shape.int]).Store`); `symbol` is its site key (`(*Map[...]).Store`), the same for a non-generic function") String instance,
                         @FieldDoc("the callee's instance name as printed; `callee` is its site key") String calleeInstance)
        implements Located {
    /** A call between non-generic functions: the instance names are the symbols. */
    public DirectCall(String symbol, String file, int line, int col, String callee, boolean inLoop, long address,
                      Evidence evidence) {
        this(symbol, file, line, col, callee, inLoop, address, evidence, symbol, callee);
    }

    public DirectCall {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(evidence, "evidence");
    }
}
