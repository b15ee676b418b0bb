package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.runtime.RuntimeFunctions;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.symbols.Symbols;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one function's instructions into the derived facts (see the package doc). The same code
 * serves objdump and {@code -S}; only branch-target syntax differs ({@link AsmBody.Targets}).
 * One analyzer per parse (it caches symbol spellings); not thread-safe.
 */
public final class AsmAnalyzer {
    /** How many real instructions the indirect-call classifier walks back. */
    public static final int LOOKBACK = 64;
    private static final int SYMBOL_CACHE_MAX = 200_000;

    private final InputKind kind;
    private final AsmOptions options;
    private final Map<String, String> canonical = new HashMap<>();

    public AsmAnalyzer(InputKind kind, AsmOptions options) {
        this.kind = kind;
        this.options = options;
    }

    /** Emits every fact of {@code body} into {@code ctx}. */
    public void finish(AsmBody body, ParseContext ctx) {
        List<Insn> in = body.insns;
        LoopFinder loops = new LoopFinder(body);
        int backEdges = loops.run();
        long size = body.declaredSize;
        int firstLine = in.isEmpty() ? 0 : in.get(0).line;
        if (size < 0) {
            size = in.isEmpty() ? 0 : in.get(in.size() - 1).address + body.lastLength - in.get(0).address;
        }
        ctx.emit(new AsmFunction(body.symbol, body.file, firstLine, 0, body.start(), size, in.size(), backEdges,
                body.flags, body.frameSize, body.argsSize,
                Evidence.of(kind, body.headerText.stripTrailing(), ctx.at(body.headerLine))));
        Map<String, Insn> loopLines = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            Insn x = in.get(i);
            if (options.instructions()) {
                ctx.emit(new AsmInstruction(body.symbol, x.file, x.line, 0, x.address, x.op, x.args, x.inLoop,
                        evidence(x, ctx)));
            }
            if (x.pseudo) {
                continue;
            }
            if (x.op.equals("CALL")) {
                call(body, i, ctx);
            } else if (x.op.equals("DUFFZERO") || x.op.equals("DUFFCOPY")) {
                // -S spells the call into Duff's device as a pseudo-op; objdump shows CALL runtime.duffzero(SB)
                String callee = x.op.equals("DUFFZERO") ? "runtime.duffzero" : "runtime.duffcopy";
                ctx.emit(new RuntimeCall(body.symbol, x.file, x.line, 0, callee, RuntimeFunctions.category(callee),
                        x.inLoop, x.address, evidence(x, ctx)));
            } else if (x.args.contains("runtime.writeBarrier")) {
                writeBarrier(body, x, ctx);
            }
            if (x.inLoop && x.line > 0) {
                loopLines.putIfAbsent(x.file + '\n' + x.line, x);
            }
        }
        for (Insn x : loopLines.values()) {
            ctx.emit(new LoopLine(body.symbol, x.file, x.line, 0, x.address, evidence(x, ctx)));
        }
        loopCalls(body, loops, ctx);
        AppendLines.emit(body, kind, ctx);
        entryExit(body, ctx);
        for (LoopFinder.Guard g : loops.guards()) {
            Insn b = in.get(g.branch());
            ctx.emit(new CheckBranch(body.symbol, b.file, b.line, 0, in.get(g.call()).address,
                    g.compare() < 0 ? -1 : in.get(g.compare()).address, b.address,
                    g.next() < 0 ? -1 : in.get(g.next()).address, evidence(b, ctx)));
        }
    }

    /** One {@link LoopCall} per loop and call in it ({@link LoopFinder#loopCalls()}). */
    private void loopCalls(AsmBody body, LoopFinder loops, ParseContext ctx) {
        List<Insn> in = body.insns;
        for (LoopFinder.LoopCalls l : loops.loopCalls()) {
            long header = in.get(l.header()).address;
            List<Long> checks = l.checks().stream().map(i -> in.get(i).address).toList();
            for (int i : l.calls()) {
                Insn x = in.get(i);
                String callee;
                String category;
                if (!x.op.equals("CALL")) {
                    callee = x.op.equals("DUFFZERO") ? "runtime.duffzero" : "runtime.duffcopy";
                    category = RuntimeFunctions.category(callee);
                } else if (x.args.endsWith("(SB)")) {
                    callee = canonical(stripOffset(x.args.substring(0, x.args.length() - 4)));
                    category = RuntimeFunctions.isRuntime(callee) ? RuntimeFunctions.category(callee) : LoopCall.DIRECT;
                } else {
                    // CALL 0x4a5b20 (into the middle of a symbol) is direct; a register or memory operand is not
                    callee = x.args;
                    category = x.args.startsWith("0x") && isHex(x.args, 2) || isDigits(x.args)
                            ? LoopCall.DIRECT : LoopCall.INDIRECT;
                }
                ctx.emit(new LoopCall(body.symbol, x.file, x.line, 0, callee, category, header, checks, x.address,
                        evidence(x, ctx)));
            }
        }
    }

    /** The {@link EntryExit} of an objdump function whose amd64 entry and exits {@link EntryExitFinder} recognises. */
    private void entryExit(AsmBody body, ParseContext ctx) {
        EntryExitFinder.Found f = body.targets == AsmBody.Targets.HEX_ADDRESS ? EntryExitFinder.find(body.insns) : null;
        if (f != null) {
            Insn first = body.insns.get(0);
            ctx.emit(new EntryExit(body.symbol, body.file, first.line, 0, instance(body.printedName, body.symbol),
                    f.entry(), f.exits(), f.frame(), evidence(first, ctx)));
        }
    }

    private Evidence evidence(Insn x, ParseContext ctx) {
        return Evidence.of(kind, x.text.stripTrailing(), ctx.at(x.inputLine));
    }

    // ---------------------------------------------------------------- loops

    static boolean isBranch(String op) {
        return !op.isEmpty() && (op.charAt(0) == 'J' || op.startsWith("LOOP"));
    }

    /** The branch target as an address (objdump) or PC ({@code -S}); {@code Long.MIN_VALUE} when not local. */
    static long target(AsmBody body, String args, long start) {
        if (body.targets == AsmBody.Targets.DECIMAL_PC) {
            return isDigits(args) ? parseLong(args, 10) : Long.MIN_VALUE;
        }
        if (args.startsWith("0x")) {
            return isHex(args, 2) ? parseLong(args.substring(2), 16) : Long.MIN_VALUE;
        }
        if (args.endsWith("(SB)")) {
            String name = args.substring(0, args.length() - 4);
            long off = 0;
            int plus = name.lastIndexOf('+');
            if (plus > 0) {
                String o = name.substring(plus + 1);
                if (o.startsWith("0x") && isHex(o, 2)) {
                    off = parseLong(o.substring(2), 16);
                    name = name.substring(0, plus);
                } else if (isDigits(o)) {
                    off = parseLong(o, 10);
                    name = name.substring(0, plus);
                }
            }
            if (name.equals(body.printedName) && off != Long.MIN_VALUE) {
                return start + off;
            }
        }
        return Long.MIN_VALUE;
    }

    // ---------------------------------------------------------------- calls

    private void call(AsmBody body, int i, ParseContext ctx) {
        Insn x = body.insns.get(i);
        String args = x.args;
        if (args.endsWith("(SB)")) {
            symbolCall(body, x, args.substring(0, args.length() - 4), ctx);
            return;
        }
        if (args.startsWith("0x") && isHex(args, 2) || isDigits(args)) {
            if (options.directCalls()) {
                ctx.emit(new DirectCall(body.symbol, x.file, x.line, 0, args, x.inLoop, x.address,
                        evidence(x, ctx)));
            }
            return;
        }
        Load load = isRegister(args) ? registerLoad(body.insns, i, args)
                : Load.of("", classifyLoad(args, body.insns, i), -1);
        ctx.emit(new IndirectCall(body.symbol, x.file, x.line, 0, load.kind, isRegister(args) ? args : "", load.slot,
                x.inLoop, x.address, load.text, load.address, evidence(x, ctx)));
    }

    /** {@code CALL name(SB)}: a runtime call, or a direct call when asked for. */
    private void symbolCall(AsmBody body, Insn x, String target, ParseContext ctx) {
        String printed = stripOffset(target);
        String callee = canonical(printed);
        if (RuntimeFunctions.isRuntime(callee)) {
            ctx.emit(new RuntimeCall(body.symbol, x.file, x.line, 0, callee, RuntimeFunctions.category(callee),
                    x.inLoopOrGuards(), x.address, evidence(x, ctx)));
        } else if (options.directCalls()) {
            ctx.emit(new DirectCall(body.symbol, x.file, x.line, 0, callee, x.inLoop, x.address,
                    evidence(x, ctx), instance(body.printedName, body.symbol), instance(printed, callee)));
        }
    }

    /**
     * Where an indirect call's code pointer came from: its kind, itab slot, the loading instruction's text and address
     * (-1 when none was found, or the call's own memory operand).
     */
    private record Load(String kind, int slot, String text, long address) {
        static final Load UNKNOWN = new Load(IndirectCall.UNKNOWN, -1, "", -1);

        static Load of(String text, long[] kindSlot, long address) {
            return new Load(KINDS[(int) kindSlot[0]], (int) kindSlot[1], text, address);
        }
    }

    /**
     * {@code CALL REG}: walks back (at most {@link #LOOKBACK} instructions, not past another call) to the
     * instruction that wrote the register, following register-to-register moves.
     */
    private static Load registerLoad(List<Insn> in, int i, String register) {
        String r = register;
        int steps = 0;
        for (int j = i - 1; j >= 0 && steps < LOOKBACK; j--) {
            Insn p = in.get(j);
            if (p.pseudo) {
                continue;
            }
            steps++;
            if (p.op.equals("CALL")) {
                break;
            }
            int comma = p.args.lastIndexOf(", ");
            if (comma < 0 || !writes(p.op) || !p.args.regionMatches(comma + 2, r, 0, r.length())
                    || p.args.length() != comma + 2 + r.length()) {
                continue;
            }
            String src = p.args.substring(0, comma);
            if (p.op.equals("MOVQ") && isRegister(src)) {
                r = src;
                continue;
            }
            return p.op.equals("MOVQ") ? Load.of(p.text, classifyLoad(src, in, j), p.address)
                    : new Load(IndirectCall.UNKNOWN, -1, p.text, p.address);
        }
        return Load.UNKNOWN;
    }

    private static final String[] KINDS = {IndirectCall.UNKNOWN, IndirectCall.ITAB, IndirectCall.CLOSURE};

    /**
     * Classifies the memory operand a code pointer was loaded from: {0=unknown|1=itab|2=closure, slot}.
     * {@code at} is the index of the loading instruction (for the stack-closure check).
     */
    static long[] classifyLoad(String src, List<Insn> in, int at) {
        int open = src.indexOf('(');
        int close = open < 0 ? -1 : src.indexOf(')', open);
        if (open < 0 || close < 0 || close != src.length() - 1) {
            return new long[] {0, -1}; // not memory, or indexed (a)(b*8)
        }
        String base = src.substring(open + 1, close);
        String offText = src.substring(0, open);
        if (base.equals("SB") || base.equals("IP")) {
            return new long[] {0, -1};
        }
        if (base.equals("SP") || base.equals("FP")) {
            String wanted = src + ", DX";
            int seen = 0;
            for (int j = at - 1; j >= 0 && seen < LOOKBACK; j--) {
                Insn p = in.get(j);
                if (p.pseudo) {
                    continue;
                }
                seen++;
                if (p.op.equals("LEAQ") && p.args.equals(wanted)) {
                    return new long[] {2, -1};
                }
            }
            return new long[] {0, -1};
        }
        long off = parseOffset(offText);
        if (off == 0) {
            return new long[] {2, -1};
        }
        if (off >= 24 && (off - 24) % 8 == 0) {
            return new long[] {1, (off - 24) / 8};
        }
        return new long[] {0, -1};
    }

    /** {@code ""} → 0, {@code 0x18} / {@code 24} / {@code -0x8} → value, anything symbolic → MIN_VALUE. */
    static long parseOffset(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        boolean neg = s.startsWith("-");
        String t = neg ? s.substring(1) : s;
        long v;
        if (t.startsWith("0x") && isHex(t, 2)) {
            v = parseLong(t.substring(2), 16);
        } else if (isDigits(t)) {
            v = parseLong(t, 10);
        } else {
            return Long.MIN_VALUE;
        }
        return v == Long.MIN_VALUE ? v : (neg ? -v : v);
    }

    private static boolean writes(String op) {
        return !(op.startsWith("CMP") || op.startsWith("TEST") || op.startsWith("PUSH") || op.startsWith("UCOMIS")
                || op.startsWith("COMIS") || op.equals("BTQ") || op.equals("BTL") || op.equals("BTW"));
    }

    /** {@code AX}, {@code R11}, {@code X0}: upper-case letters and digits, starting with a letter. */
    static boolean isRegister(String s) {
        if (s.isEmpty() || s.length() > 5 || s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
            return false;
        }
        for (int k = 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- write barrier

    private void writeBarrier(AsmBody body, Insn x, ParseContext ctx) {
        String args = x.args;
        int k = args.indexOf("runtime.writeBarrier");
        int after = k + "runtime.writeBarrier".length();
        if (after >= args.length() || args.charAt(after) != '(' && args.charAt(after) != '+') {
            return;
        }
        String op = x.op;
        String form;
        if (op.startsWith("CMP")) {
            form = WriteBarrierCheck.CMP;
        } else if (op.startsWith("TEST")) {
            form = WriteBarrierCheck.TEST;
        } else if (op.startsWith("MOV")) {
            int comma = args.indexOf(", ");
            if (comma < 0 || k > comma) {
                return; // a store to the flag (the runtime's GC code), not a check
            }
            form = WriteBarrierCheck.LOAD;
        } else {
            return;
        }
        ctx.emit(new WriteBarrierCheck(body.symbol, x.file, x.line, 0, op, form, x.inLoop, x.address,
                evidence(x, ctx)));
    }

    // ---------------------------------------------------------------- helpers

    private String canonical(String printed) {
        String c = canonical.get(printed);
        if (c == null) {
            if (canonical.size() > SYMBOL_CACHE_MAX) {
                canonical.clear();
            }
            c = Symbols.normalize(printed);
            canonical.put(printed, c);
        }
        return c;
    }

    /** The instance name of a printed generic symbol ({@link Symbols#normalizeInstance}); {@code canonical} otherwise. */
    private static String instance(String printed, String canonical) {
        return canonical.indexOf('[') < 0 ? canonical : Symbols.normalizeInstance(printed);
    }

        /** {@code runtime.foo+0x10} → {@code runtime.foo}; names without a numeric offset unchanged. */
    static String stripOffset(String name) {
        int plus = name.lastIndexOf('+');
        if (plus > 0) {
            String o = name.substring(plus + 1);
            if (o.startsWith("0x") && isHex(o, 2) || isDigits(o)) {
                return name.substring(0, plus);
            }
        }
        return name;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isHex(String s, int from) {
        if (s.length() <= from || s.length() - from > 16) {
            return false;
        }
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static long parseLong(String s, int radix) {
        try {
            return Long.parseUnsignedLong(s, radix);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
