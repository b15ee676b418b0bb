package dev.perfwarden.engine.report.html;

import dev.perfwarden.facts.asm.AsmInstruction;
import dev.perfwarden.facts.asm.IndirectCall;
import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.asm.WriteBarrierCheck;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.escape.ClosureCapture;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.ir.IrCall;
import dev.perfwarden.facts.ir.IrConversion;
import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.profile.LineCost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts the HTML report shows, indexed by source line: what each line costs ({@link LineCost}), what the
 * compiler decided there (escapes, inlining, bounds checks, write barriers, runtime calls, indirect calls, the
 * {@code -m=3} IR), and the hot functions and their lines ({@link HotFunction}, {@link HotLine}).
 */
public final class LineFacts {
    /** A file and line. */
    record Key(String file, int line) {
    }

    /**
     * One compiler decision on a line, as a short label; {@code kind} names its colour (esc, inl, noinl, bce,
     * wb, alloc, call, ir); {@code evidence} the toolchain lines behind it, de-duplicated.
     */
    record Decision(String kind, String label, List<String> evidence) {
    }

    /** The costs of one line: CPU self and cum, bytes allocated by the line itself (shares, -1 when unknown). */
    record Costs(double cpuSelf, double cpuCum, double allocSelf) {
        static final Costs NONE = new Costs(-1, -1, -1);
    }

    private final Map<Key, Map<String, Decision>> decisions = new HashMap<>();
    private final Map<Key, double[]> costs = new HashMap<>();
    private final Map<String, HotFunction> hotCpu = new LinkedHashMap<>();
    private final Map<String, List<HotLine>> hotLines = new HashMap<>();
    private final List<AsmInstruction> instructions = new ArrayList<>();
    private final Map<String, HotInstruction> hotInstructions = new HashMap<>();

    public LineFacts(List<? extends Fact> facts) {
        for (Fact f : facts) {
            add(f);
        }
    }

    private void add(Fact f) {
        if (f instanceof LineCost c) {
            double[] v = costs.computeIfAbsent(new Key(c.file(), c.line()), k -> new double[] {-1, -1, -1});
            if (c.sampleType().equals("cpu")) {
                v[0] = c.selfShare();
                v[1] = c.cumShare();
            } else if (c.sampleType().equals("alloc_space")) {
                v[2] = c.selfShare();
            }
        } else if (f instanceof HotFunction h) {
            if (h.sampleType().equals("cpu")) {
                hotCpu.merge(h.symbol(), h, (a, b) -> a.cum() >= b.cum() ? a : b);
            }
        } else if (f instanceof HotLine h) {
            if (h.sampleType().equals("cpu")) {
                hotLines.computeIfAbsent(h.symbol(), k -> new ArrayList<>()).add(h);
            }
        } else if (f instanceof AsmInstruction i) {
            instructions.add(i);
        } else if (f instanceof HotInstruction h) {
            if (h.sampleType().equals("cpu")) {
                // by binary too: a module's test binaries share addresses (HotInstruction.binary)
                hotInstructions.merge(h.binary() + "\u0000" + h.symbol() + "\u0000" + h.address(), h,
                        (a, b) -> a.flat() >= b.flat() ? a : b);
            }
        } else {
            decision(f);
        }
    }

    private void decision(Fact f) {
        if (f instanceof EscapeFact e) {
            if (e.duplicate() || e.kind().equals(EscapeFact.KIND_DOES_NOT_ESCAPE)
                    || e.kind().equals(EscapeFact.KIND_NO_ESCAPE_MUTATE_CALL)) {
                return;
            }
            String label = switch (e.kind()) {
                case EscapeFact.KIND_MOVED_TO_HEAP -> "moved to heap: " + e.subject();
                case EscapeFact.KIND_ESCAPES -> e.subject() + " escapes to heap";
                default -> e.kind().replace('-', ' ') + ": " + e.subject();
            };
            String kind = e.kind().equals(EscapeFact.KIND_MOVED_TO_HEAP) || e.kind().equals(EscapeFact.KIND_ESCAPES)
                    ? "esc" : "leak";
            put(e.file(), e.line(), kind, label, e.evidence());
        } else if (f instanceof InlineFact i) {
            switch (i.kind()) {
                case InlineFact.KIND_INLINED_CALL -> put(i.file(), i.line(), "inl", "inlined " + i.targetName(),
                        i.evidence());
                case InlineFact.KIND_CANNOT_INLINE -> put(i.file(), i.line(), "noinl",
                        "cannot inline " + i.targetName() + ": " + i.reason(), i.evidence());
                case InlineFact.KIND_CANNOT_INLINE_CALL -> put(i.file(), i.line(), "noinl",
                        "call not inlined: " + i.targetName(), i.evidence());
                case InlineFact.KIND_CAN_INLINE -> put(i.file(), i.line(), "inl",
                        "can inline" + (i.cost() >= 0 ? " (cost " + i.cost() + ")" : ""), i.evidence());
                default -> {
                }
            }
        } else if (f instanceof BoundsCheck b) {
            put(b.file(), b.line(), "bce", b.kind().equals(BoundsCheck.KIND_SLICE) ? "slice bounds check"
                    : "index bounds check", b.evidence());
        } else if (f instanceof WriteBarrierCheck w) {
            put(w.file(), w.line(), "wb", "write barrier" + (w.inLoop() ? " in loop" : ""), w.evidence());
        } else if (f instanceof RuntimeCall r) {
            runtimeCall(r);
        } else if (f instanceof IndirectCall c) {
            put(c.file(), c.line(), "call", "indirect call (" + c.kind() + ")", c.evidence());
        } else if (f instanceof Devirtualization d) {
            put(d.file(), d.line(), "inl", "devirtualized " + d.call(), d.evidence());
        } else if (f instanceof ClosureCapture c) {
            put(c.file(), c.line(), "leak", "captured " + (c.byRef() ? "by reference" : "by value") + ": "
                    + c.variable(), c.evidence());
        } else if (f instanceof IrConversion c) {
            put(c.file(), c.line(), "ir", "IR: CONVIFACE " + c.fromType() + " → " + c.toType(), c.evidence());
        } else if (f instanceof IrCall c) {
            put(c.file(), c.line(), "ir", "IR: " + c.kind() + " " + c.callee(), c.evidence());
        }
    }

    private void runtimeCall(RuntimeCall r) {
        String kind = switch (r.category()) {
            case RuntimeCall.ALLOC, RuntimeCall.BOXING, RuntimeCall.GROWSLICE, RuntimeCall.STRING_BUILD -> "alloc";
            case RuntimeCall.WRITE_BARRIER -> "wb";
            case RuntimeCall.BOUNDS_PANIC -> "bce";
            case RuntimeCall.MORESTACK -> null;
            default -> "call";
        };
        if (kind != null) {
            put(r.file(), r.line(), kind, "calls " + r.callee() + (r.inLoop() ? " in loop" : ""), r.evidence());
        }
    }

    private void put(String file, int line, String kind, String label, Evidence evidence) {
        if (line <= 0) {
            return;
        }
        Map<String, Decision> m = decisions.computeIfAbsent(new Key(file, line), k -> new LinkedHashMap<>());
        Decision d = m.computeIfAbsent(kind + "\u0000" + label, k -> new Decision(kind, label, new ArrayList<>()));
        if (evidence != null && !d.evidence().contains(evidence.input() + ": " + evidence.text())
                && d.evidence().size() < 8) {
            d.evidence().add(evidence.input() + ": " + evidence.text());
        }
    }

    List<Decision> decisions(String file, int line) {
        Map<String, Decision> m = decisions.get(new Key(file, line));
        return m == null ? List.of() : List.copyOf(m.values());
    }

    Costs costs(String file, int line) {
        double[] v = costs.get(new Key(file, line));
        return v == null ? Costs.NONE : new Costs(v[0], v[1], v[2]);
    }

    /** The functions of the CPU profile, highest cumulative share first. */
    List<HotFunction> hotFunctions() {
        List<HotFunction> l = new ArrayList<>(hotCpu.values());
        l.sort((a, b) -> a.cum() != b.cum() ? Long.compare(b.cum(), a.cum()) : a.symbol().compareTo(b.symbol()));
        return l;
    }

    HotFunction hot(String symbol) {
        return hotCpu.get(symbol);
    }

    /** The CPU profile's lines of {@code symbol}, per file. */
    Map<String, List<HotLine>> hotLines(String symbol) {
        Map<String, List<HotLine>> m = new TreeMap<>();
        for (HotLine h : hotLines.getOrDefault(symbol, List.of())) {
            m.computeIfAbsent(h.file(), k -> new ArrayList<>()).add(h);
        }
        return m;
    }

    /** Whether the CPU profile was joined to the machine code (there are {@link HotInstruction} facts). */
    boolean instructionSamples() {
        return !hotInstructions.isEmpty();
    }

    /** The CPU profile's samples at the machine instruction {@code i} (of its binary), or null. */
    HotInstruction samples(AsmInstruction i) {
        return hotInstructions.get(HotInstruction.binaryOf(i.evidence()) + "\u0000" + i.symbol() + "\u0000"
                + i.address());
    }

    /** The machine instructions the facts carry (only when the parsers were asked for them). */
    public List<AsmInstruction> instructions() {
        return instructions;
    }
}
