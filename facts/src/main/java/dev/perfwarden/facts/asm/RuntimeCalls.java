package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.symbols.Symbols;

import java.util.List;
import java.util.Map;

/**
 * Which calls are runtime calls and what they mean for performance rules. Checked against the real
 * callees of Go 1.19, 1.23 and 1.26.8 binaries (the whole of {@code cmd/compile} for 1.26).
 *
 * <table>
 * <caption>Categories, matched on the name after the package ({@code runtime.} or
 * {@code internal/runtime/P.}); exact names first, then prefixes in this order</caption>
 * <tr><th>category</th><th>names</th></tr>
 * <tr><td>alloc</td><td>newobject, newarray, makeslice, makeslice64, makeslicecopy, makemap, makemap64,
 *     makemap_small, makechan, makechan64; prefixes mallocgc (1.24+: mallocgcTiny/SmallNoscan/…),
 *     moveSlice (1.26: moveSlice, moveSliceNoCap, moveSliceNoScan, moveSliceNoCapNoScan)</td></tr>
 * <tr><td>boxing</td><td>prefix convT (convT, convT16, convT32, convT64, convTstring, convTslice, convTnoptr)</td></tr>
 * <tr><td>growslice</td><td>prefix growslice (growslice, 1.26 growsliceBuf)</td></tr>
 * <tr><td>string-build</td><td>prefixes concatstring, concatbyte; slicebytetostring, slicebytetostringtmp,
 *     stringtoslicebyte, stringtoslicerune, slicerunetostring, intstring, rawstring, rawstringtmp,
 *     rawbyteslice, rawruneslice</td></tr>
 * <tr><td>write-barrier</td><td>prefix gcWriteBarrier (≤1.20: gcWriteBarrier + CX/DX/BX/BP/SI/R8/R9
 *     variants; 1.21+: gcWriteBarrier1..8); wbMove, wbZero, typedmemmove, typedmemclr, typedslicecopy,
 *     bulkBarrierPreWrite, bulkBarrierPreWriteSrcOnly, memclrHasPointers, reflect_typedmemmove, atomicwb</td></tr>
 * <tr><td>bounds-panic</td><td>prefixes panicIndex, panicSlice, goPanicIndex, goPanicSlice, panicBounds
 *     (1.26 emits only runtime.panicBounds, with the kind encoded in PCDATA $4), panicExtend</td></tr>
 * <tr><td>defer</td><td>prefix deferproc (deferproc, deferprocStack, deferprocat); deferreturn, deferrangefunc</td></tr>
 * <tr><td>recover</td><td>gorecover</td></tr>
 * <tr><td>morestack</td><td>prefix morestack (morestack, morestack_noctxt, morestackc)</td></tr>
 * <tr><td>map</td><td>prefixes mapaccess, mapassign, mapdelete, mapiter, mapIter, mapclear; every other
 *     function of internal/runtime/maps</td></tr>
 * <tr><td>chan</td><td>prefixes chansend, chanrecv, selectnb; selectgo, closechan</td></tr>
 * <tr><td>type-assert</td><td>typeAssert (1.22+), assertE2I, assertE2I2, panicdottypeE, panicdottypeI,
 *     panicnildottype, interfaceSwitch, convI2I, getitab</td></tr>
 * <tr><td>panic</td><td>gopanic, panicshift, panicdivide, panicwrap, panicmem, panicmemAddr, panicoverflow,
 *     panicfloat, panicmakeslicelen, panicmakeslicecap, panicrangestate, panicCheck1, panicCheck2, throw,
 *     fatal; prefix panicunsafe</td></tr>
 * <tr><td>other</td><td>everything else (memmove, memequal, printlock, ifaceeq, …)</td></tr>
 * </table>
 */
public final class RuntimeCalls {
    private RuntimeCalls() {
    }

    private static final Map<String, String> EXACT = Map.ofEntries(
            Map.entry("newobject", RuntimeCall.ALLOC),
            Map.entry("newarray", RuntimeCall.ALLOC),
            Map.entry("makeslice", RuntimeCall.ALLOC),
            Map.entry("makeslice64", RuntimeCall.ALLOC),
            Map.entry("makeslicecopy", RuntimeCall.ALLOC),
            Map.entry("makemap", RuntimeCall.ALLOC),
            Map.entry("makemap64", RuntimeCall.ALLOC),
            Map.entry("makemap_small", RuntimeCall.ALLOC),
            Map.entry("makechan", RuntimeCall.ALLOC),
            Map.entry("makechan64", RuntimeCall.ALLOC),
            Map.entry("slicebytetostring", RuntimeCall.STRING_BUILD),
            Map.entry("slicebytetostringtmp", RuntimeCall.STRING_BUILD),
            Map.entry("stringtoslicebyte", RuntimeCall.STRING_BUILD),
            Map.entry("stringtoslicerune", RuntimeCall.STRING_BUILD),
            Map.entry("slicerunetostring", RuntimeCall.STRING_BUILD),
            Map.entry("intstring", RuntimeCall.STRING_BUILD),
            Map.entry("rawstring", RuntimeCall.STRING_BUILD),
            Map.entry("rawstringtmp", RuntimeCall.STRING_BUILD),
            Map.entry("rawbyteslice", RuntimeCall.STRING_BUILD),
            Map.entry("rawruneslice", RuntimeCall.STRING_BUILD),
            Map.entry("wbMove", RuntimeCall.WRITE_BARRIER),
            Map.entry("wbZero", RuntimeCall.WRITE_BARRIER),
            Map.entry("typedmemmove", RuntimeCall.WRITE_BARRIER),
            Map.entry("typedmemclr", RuntimeCall.WRITE_BARRIER),
            Map.entry("typedslicecopy", RuntimeCall.WRITE_BARRIER),
            Map.entry("bulkBarrierPreWrite", RuntimeCall.WRITE_BARRIER),
            Map.entry("bulkBarrierPreWriteSrcOnly", RuntimeCall.WRITE_BARRIER),
            Map.entry("memclrHasPointers", RuntimeCall.WRITE_BARRIER),
            Map.entry("reflect_typedmemmove", RuntimeCall.WRITE_BARRIER),
            Map.entry("atomicwb", RuntimeCall.WRITE_BARRIER),
            Map.entry("deferreturn", RuntimeCall.DEFER),
            Map.entry("deferrangefunc", RuntimeCall.DEFER),
            Map.entry("gorecover", RuntimeCall.RECOVER),
            Map.entry("selectgo", RuntimeCall.CHAN),
            Map.entry("closechan", RuntimeCall.CHAN),
            Map.entry("typeAssert", RuntimeCall.TYPE_ASSERT),
            Map.entry("assertE2I", RuntimeCall.TYPE_ASSERT),
            Map.entry("assertE2I2", RuntimeCall.TYPE_ASSERT),
            Map.entry("panicdottypeE", RuntimeCall.TYPE_ASSERT),
            Map.entry("panicdottypeI", RuntimeCall.TYPE_ASSERT),
            Map.entry("panicnildottype", RuntimeCall.TYPE_ASSERT),
            Map.entry("interfaceSwitch", RuntimeCall.TYPE_ASSERT),
            Map.entry("convI2I", RuntimeCall.TYPE_ASSERT),
            Map.entry("getitab", RuntimeCall.TYPE_ASSERT),
            Map.entry("gopanic", RuntimeCall.PANIC),
            Map.entry("panicshift", RuntimeCall.PANIC),
            Map.entry("panicdivide", RuntimeCall.PANIC),
            Map.entry("panicwrap", RuntimeCall.PANIC),
            Map.entry("panicmem", RuntimeCall.PANIC),
            Map.entry("panicmemAddr", RuntimeCall.PANIC),
            Map.entry("panicoverflow", RuntimeCall.PANIC),
            Map.entry("panicfloat", RuntimeCall.PANIC),
            Map.entry("panicmakeslicelen", RuntimeCall.PANIC),
            Map.entry("panicmakeslicecap", RuntimeCall.PANIC),
            Map.entry("panicrangestate", RuntimeCall.PANIC),
            Map.entry("panicCheck1", RuntimeCall.PANIC),
            Map.entry("panicCheck2", RuntimeCall.PANIC),
            Map.entry("throw", RuntimeCall.PANIC),
            Map.entry("fatal", RuntimeCall.PANIC));

    /** Prefix rules, tried in order after {@link #EXACT}. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"mallocgc", RuntimeCall.ALLOC},
            new String[] {"moveSlice", RuntimeCall.ALLOC},
            new String[] {"convT", RuntimeCall.BOXING},
            new String[] {"growslice", RuntimeCall.GROWSLICE},
            new String[] {"concatstring", RuntimeCall.STRING_BUILD},
            new String[] {"concatbyte", RuntimeCall.STRING_BUILD},
            new String[] {"gcWriteBarrier", RuntimeCall.WRITE_BARRIER},
            new String[] {"panicIndex", RuntimeCall.BOUNDS_PANIC},
            new String[] {"panicSlice", RuntimeCall.BOUNDS_PANIC},
            new String[] {"goPanicIndex", RuntimeCall.BOUNDS_PANIC},
            new String[] {"goPanicSlice", RuntimeCall.BOUNDS_PANIC},
            new String[] {"panicBounds", RuntimeCall.BOUNDS_PANIC},
            new String[] {"panicExtend", RuntimeCall.BOUNDS_PANIC},
            new String[] {"deferproc", RuntimeCall.DEFER},
            new String[] {"morestack", RuntimeCall.MORESTACK},
            new String[] {"mapaccess", RuntimeCall.MAP},
            new String[] {"mapassign", RuntimeCall.MAP},
            new String[] {"mapdelete", RuntimeCall.MAP},
            new String[] {"mapiter", RuntimeCall.MAP},
            new String[] {"mapIter", RuntimeCall.MAP},
            new String[] {"mapclear", RuntimeCall.MAP},
            new String[] {"chansend", RuntimeCall.CHAN},
            new String[] {"chanrecv", RuntimeCall.CHAN},
            new String[] {"selectnb", RuntimeCall.CHAN},
            new String[] {"panicunsafe", RuntimeCall.PANIC});

    /**
     * Whether a canonical callee is a runtime function: package {@code runtime}, or under
     * {@code internal/runtime/} (1.22+) or {@code runtime/internal/} (older).
     */
    public static boolean isRuntime(String callee) {
        return callee.startsWith("runtime.") || callee.startsWith("internal/runtime/")
                || callee.startsWith("runtime/internal/");
    }

    /** The category of a canonical runtime callee (see the class table); {@code other} when none fits. */
    public static String category(String callee) {
        String pkg = Symbols.packageOf(callee);
        String name = callee.length() > pkg.length() ? callee.substring(pkg.length() + 1) : callee;
        String c = EXACT.get(name);
        if (c != null) {
            return c;
        }
        for (String[] p : PREFIXES) {
            if (name.startsWith(p[0])) {
                return p[1];
            }
        }
        if (pkg.equals("internal/runtime/maps")) {
            return RuntimeCall.MAP;
        }
        return RuntimeCall.OTHER;
    }
}
