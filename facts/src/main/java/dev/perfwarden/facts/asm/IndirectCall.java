package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * A call through a register ({@code CALL CX}) or memory operand, classified by the load that put the
 * code pointer there (found by walking back through register copies, at most
 * {@link AsmAnalyzer#LOOKBACK} instructions, never across another call):
 * <ul>
 *   <li>{@link #ITAB}: a load from {@code off(R)} with {@code off >= 24} and {@code (off-24) % 8 == 0},
 *       i.e. {@code itab.fun[k]} (objdump {@code MOVQ 0x18(AX), CX}, {@code -S} {@code MOVQ 24(AX), CX});
 *       {@code slot} is {@code k};</li>
 *   <li>{@link #CLOSURE}: a load from offset 0 ({@code MOVQ 0(DX), CX} / {@code MOVQ (DX), CX}: the
 *       code pointer of a func value), or from a stack slot whose address went to DX
 *       ({@code LEAQ X(SP), DX … MOVQ X(SP), AX; CALL AX}, a stack-allocated closure);</li>
 *   <li>{@link #UNKNOWN}: anything else (other offsets, globals, stack slots, results of calls).</li>
 * </ul>
 * A func stored at offset 24+8k of a struct is a known false {@code itab}: rules should say
 * "likely interface dispatch".
 *
 * @param kind     {@code itab}, {@code closure} or {@code unknown}
 * @param register the register called ({@code CX}); empty for a memory operand
 * @param slot     itab method slot {@code k} for {@code itab}, else -1
 * @param address     the {@code CALL} instruction's address (objdump: absolute; {@code -S}: offset in the function)
 * @param load        the load instruction's text (evidence of the classification), empty when none was found
 * @param loadAddress the load instruction's address, as {@code address}; -1 when none was found, and for a call
 *                    through a memory operand (the {@code CALL} loads the pointer itself)
 */
@FactDoc(name = "indirect-call", inputs = {"objdump", "asm-listing"},
        value = "A call through a register, classified by the load before it (itab dispatch, closure, unknown).")
public record IndirectCall(String symbol, String file, int line, int col, String kind,
                           @FieldDoc("the register called; empty for a memory operand") String register,
                           @FieldDoc("itab method slot for `itab`, else -1") int slot,
                           boolean inLoop,
                           @FieldDoc("the `CALL` instruction's address (objdump: absolute; -S: offset in the function)") long address,
                           @FieldDoc("the load instruction's text") String load,
                           @FieldDoc("the load instruction's address, as `address`; -1 when none was found or the call is through a memory operand") long loadAddress,
                           Evidence evidence) implements Located {
    public static final String ITAB = "itab";
    public static final String CLOSURE = "closure";
    public static final String UNKNOWN = "unknown";

    /** An indirect call whose load's address is not known. */
    public IndirectCall(String symbol, String file, int line, int col, String kind, String register, int slot,
                        boolean inLoop, long address, String load, Evidence evidence) {
        this(symbol, file, line, col, kind, register, slot, inLoop, address, load, -1, evidence);
    }

    public IndirectCall {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(evidence, "evidence");
    }
}
