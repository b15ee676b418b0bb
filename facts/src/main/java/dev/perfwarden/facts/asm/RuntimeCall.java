package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Located;

import java.util.Objects;

/**
 * A direct call into the runtime: {@code CALL runtime.X(SB)} or {@code CALL internal/runtime/P.X(SB)}
 * (also nested packages such as {@code internal/runtime/syscall/linux}); in {@code -S} also the
 * {@code DUFFZERO}/{@code DUFFCOPY} pseudo-ops, as {@code runtime.duffzero}/{@code runtime.duffcopy}.
 * The category table is {@link dev.perfwarden.facts.runtime.RuntimeFunctions#category(String)} (the {@code runtime-functions.txt} table).
 *
 * @param callee   canonical callee ({@code runtime.morestack_noctxt}, ABI suffix dropped)
 * @param category one of the constants below
 * @param inLoop   the call lies inside a loop; a call that never returns (a bounds failure, a panic) counts as
 *                 inside when a branch from inside a loop leads to it (its check runs on every iteration)
 * @param address  objdump: absolute address; {@code -S}: PC offset
 */
@FactDoc(name = "runtime-call", inputs = {"objdump", "asm-listing"},
        value = "A direct call into the runtime in the machine code (`CALL runtime.growslice(SB)`).")
public record RuntimeCall(String symbol, String file, int line, int col,
                          @FieldDoc("canonical callee (`runtime.growslice`)") String callee,
                          @FieldDoc("what the runtime call does") String category,
                          boolean inLoop, long address, Evidence evidence) implements Located {
    /** newobject, mallocgc*, makeslice*, makemap*, makechan*, newarray, moveSlice* (1.26). */
    public static final String ALLOC = "alloc";
    /** convT, convT16/32/64, convTstring, convTslice, convTnoptr. */
    public static final String BOXING = "boxing";
    /** growslice, growsliceBuf (1.26). */
    public static final String GROWSLICE = "growslice";
    /** concatstring*, concatbyte*, slicebytetostring, stringtoslicebyte, intstring, … */
    public static final String STRING_BUILD = "string-build";
    /** gcWriteBarrier (≤1.20 + register variants), gcWriteBarrier1..8 (1.21+), wbMove, wbZero, typedmemmove, … */
    public static final String WRITE_BARRIER = "write-barrier";
    /** panicIndex*, panicSlice*, goPanicIndex*, panicBounds* (1.26: the only form), panicExtend*. */
    public static final String BOUNDS_PANIC = "bounds-panic";
    /** deferproc, deferprocStack, deferprocat, deferreturn, deferrangefunc. */
    public static final String DEFER = "defer";
    /** gorecover. */
    public static final String RECOVER = "recover";
    /** morestack, morestack_noctxt, morestackc. */
    public static final String MORESTACK = "morestack";
    /** mapaccess*, mapassign*, mapdelete*, map iteration and clear, internal/runtime/maps.*. */
    public static final String MAP = "map";
    /** chansend*, chanrecv*, selectgo, selectnb*, closechan. */
    public static final String CHAN = "chan";
    /** typeAssert, assertE2I*, panicdottype*, panicnildottype, interfaceSwitch, convI2I. */
    public static final String TYPE_ASSERT = "type-assert";
    /** gopanic, panicshift, panicdivide, panicwrap, panicmem, panicunsafe*, throw, fatal. */
    public static final String PANIC = "panic";
    /** Any other runtime function. */
    public static final String OTHER = "other";

    public RuntimeCall {
        FactChecks.located(symbol, file, line, col);
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(evidence, "evidence");
    }
}
