package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.Cost;
import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Fingerprints;
import dev.perfwarden.engine.model.Sites;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.PackRef;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.profile.ProfileSite;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns hits into findings for the engine prelude ({@code prelude.drl}); knows no rule. Every finding gets
 * its {@link Cost}: what its site costs in the CPU profile ({@code cpu}) and the heap profile
 * ({@code alloc_space}), each only when given and when the rule's {@code @cost} ({@link CostSpec}) names it,
 * measured on its <em>basis</em>:
 * <ul>
 *   <li>a rule of scope {@code line} whose hit has a file and line: that line ({@link LineCost}, outside test
 *       code), never its function: a cold line in a hot function stays cold. By default its <em>self</em>
 *       cost (its own instructions and the runtime work they ask for, not the functions it calls: a line that
 *       calls a hot function is not hot for a bounds check on it); {@code @cost(cum)} (rules about the call the
 *       line makes) its cumulative cost;</li>
 *   <li>scope {@code function} (or a line-scoped hit without a line): the function's cumulative share
 *       ({@link HotFunction});</li>
 *   <li>scope {@code none}: not weighed, but the cost is still measured on the finest place the hit names
 *       (line, else function) so that findings can be ranked;</li>
 *   <li>a line-scoped hit that names machine instructions ({@link Hit#instructions()}, a bounds check's compare
 *       and branch, a call's {@code CALL} and the load of its code pointer) when the CPU profile is joined to the
 *       machine code ({@link HotInstruction} facts exist): basis {@code instruction}, the CPU share is the flat
 *       samples at those instructions of the hit's function (samples whose leaf is there: the runtime's
 *       {@code asyncPreempt} entered from them is not theirs); for a {@code @cost(cum)} rule a {@code CALL}'s cum
 *       instead (the time the call reached, not what the rest of its line calls), against
 *       {@code hot.line.cumShare}. The line's self (or cum) share is named in the evidence as context. Bytes, for a
 *       rule weighed by them too, stay the line's. Without the join it is weighed by its line.</li>
 *   <li>a function-scoped hit that names machine instructions (a function's entry and exit, what inlining it would
 *       remove; a call-site refusal names its callee's) when the CPU profile is joined to the machine code: basis
 *       {@code instruction} as above, with {@code hot.line.flatShare} and {@code hot.minSamples} as for a line's
 *       check, and the function's cum named in the evidence as context. Without the join it is weighed by the
 *       function's cum.</li>
 * </ul>
 * Severity, for scopes line and function:
 * <ul>
 *   <li>hot (a line's self CPU share ≥ {@code hot.line.flatShare}, its cum share ≥ {@code hot.line.cumShare}
 *       for {@code @cost(cum)}, a function's cum ≥ {@code hot.function.cumShare}; or, with a heap profile the
 *       rule is weighed by, bytes ≥ {@code hot.alloc.share} that cost CPU: with a CPU profile of the heap profile's
 *       binary, its allocator and collector at {@code hot.line.flatShare}, and, when {@code hot.alloc.cpuShare} is
 *       above 0, the line's part of them, its share of the bytes times theirs, at {@code hot.alloc.cpuShare}
 *       ({@link BytesCost})): the rule's {@code @hotSeverity}, default one level up, and the profile line as
 *       evidence. A line-scoped rule weighed by both profiles (an allocation rule) is
 *       not hot by CPU on a line where the given heap profile saw fewer bytes than {@code hot.alloc.minShare}
 *       (default 0.5 %, the bar a hot line's CPU clears): that CPU is not the allocation's;</li>
 *   <li>not hot, with a CPU profile the rule is weighed by: {@code note};</li>
 *   <li>no such CPU profile, or nothing to measure: the rule's {@code @severity}.</li>
 * </ul>
 * So a severity above the rule's own is only given where the cost was measured on that very site.
 */
public final class Weighing {
    /** The sample type of CPU profiles. */
    public static final String CPU = "cpu";
    /** The sample type of heap profiles that {@code allocShare} reads: bytes allocated. */
    public static final String ALLOC = "alloc_space";
    /** The sample type of CPU profiles that counts samples ({@code samples/count}, beside {@code cpu/nanoseconds}). */
    public static final String SAMPLES = "samples";

    private Weighing() {
    }

    /**
     * The thresholds, read from the pack's (or the engine's default) parameters: {@code hot.function.cumShare},
     * {@code hot.line.flatShare}, {@code hot.line.cumShare}, {@code hot.alloc.share} and {@code hot.alloc.minShare}
     * ({@code allocFloor}: the share of the heap profile's bytes a line must hold for its CPU to make an allocation
     * rule hot), {@code hot.minSamples} ({@code minSamples}: the CPU samples the measured site must hold for its
     * share to make it hot; a share of a handful of samples is noise) and {@code hot.alloc.cpuShare} ({@code allocCpu}:
     * with a CPU profile of the heap profile's binary, the share of the CPU a line's bytes must cost, its share of the
     * bytes times the allocator's and the collector's share, to make it hot by its bytes; 0: the share of the bytes
     * alone, {@link BytesCost}); {@code hot.benchmark.share} ({@code benchmark}: a hit weighed on its instructions
     * is hot, too, when their samples in one benchmark are this share of that benchmark's timed samples, {@link
     * dev.perfwarden.engine.model.BenchmarkShare}; 0, the engine's default: off) with at least
     * {@code hot.benchmark.minSamples} of them ({@code benchmarkMinSamples}).
     */
    public record Thresholds(double functionCum, double lineFlat, double lineCum, double alloc, double allocFloor,
                             double minSamples, double allocCpu, double benchmark, double benchmarkMinSamples) {
        /** The thresholds with the engine's default {@code hot.benchmark.share} (off). */
        public Thresholds(double functionCum, double lineFlat, double lineCum, double alloc, double allocFloor,
                          double minSamples, double allocCpu) {
            this(functionCum, lineFlat, lineCum, alloc, allocFloor, minSamples, allocCpu, DEFAULT_BENCHMARK,
                    DEFAULT_BENCHMARK_MIN_SAMPLES);
        }

        /** The thresholds with the engine's default {@code hot.minSamples} and {@code hot.alloc.cpuShare}. */
        public Thresholds(double functionCum, double lineFlat, double lineCum, double alloc, double allocFloor) {
            this(functionCum, lineFlat, lineCum, alloc, allocFloor, DEFAULT_MIN_SAMPLES, DEFAULT_ALLOC_CPU);
        }
    }

    /** The engine's default of {@code hot.benchmark.share}: 0, off (see docs/rules.md, weighing). */
    public static final double DEFAULT_BENCHMARK = dev.perfwarden.engine.pack.Pack.ENGINE_PARAMETERS
            .get("hot.benchmark.share");
    /** The engine's default of {@code hot.benchmark.minSamples}. */
    public static final double DEFAULT_BENCHMARK_MIN_SAMPLES = dev.perfwarden.engine.pack.Pack.ENGINE_PARAMETERS
            .get("hot.benchmark.minSamples");

    /** The default of {@code hot.minSamples} (see docs/rules.md, weighing). */
    public static final double DEFAULT_MIN_SAMPLES = dev.perfwarden.engine.pack.Pack.ENGINE_PARAMETERS
            .get("hot.minSamples");
    /** The engine's default of {@code hot.alloc.cpuShare}: 0, bytes are weighed by their share (see docs/rules.md). */
    public static final double DEFAULT_ALLOC_CPU = dev.perfwarden.engine.pack.Pack.ENGINE_PARAMETERS
            .get("hot.alloc.cpuShare");

    /**
     * Weighs one hit.
     *
     * @param profiles  the {@link ProfileSummary} facts (tells which profiles were given)
     * @param functions the {@link HotFunction}s of the hit's symbol (any sample type)
     * @param lines     the {@link LineCost}s of the hit's file and line (any sample type)
     */
    public static Finding weigh(Hit h, PackRef pack, Thresholds t, Collection<?> profiles, Collection<?> functions,
                                Collection<?> lines) {
        return weigh(h, pack, t, profiles, functions, lines, List.of(), false);
    }

    /**
     * Weighs one hit that may name machine instructions.
     *
     * @param instructions the {@link HotInstruction}s at the hit's {@link Hit#instructions()} (others are ignored)
     * @param joined       whether the CPU profile was joined to the machine code at all (any {@link HotInstruction}):
     *                     only then does an instruction without samples cost 0 rather than unknown
     */
    public static Finding weigh(Hit h, PackRef pack, Thresholds t, Collection<?> profiles, Collection<?> functions,
                                Collection<?> lines, Collection<?> instructions, boolean joined) {
        return weigh(h, pack, t, profiles, functions, lines, instructions, joined, List.of());
    }

    /**
     * Weighs one hit when several profiles of a sample type may have been given.
     *
     * @param sites the {@link ProfileSite}s of the hit's line and function (each profile's own figures, kept when
     *              the profiles of a sample type were merged): with several profiles of a type, the site's share is
     *              measured in one of them ({@link #pick}), not in their merge
     */
    public static Finding weigh(Hit h, PackRef pack, Thresholds t, Collection<?> profiles, Collection<?> functions,
                                Collection<?> lines, Collection<?> instructions, boolean joined, Collection<?> sites) {
        CostSpec spec = h.cost();
        Given given = Given.of(profiles);
        boolean cpu = spec.cpu() && given.cpu();
        boolean heap = spec.alloc() && given.heap();
        boolean counted = given.counted(); // the CPU profiles count samples (samples/count): hot.minSamples applies
        Scope basis = basis(h, cpu || heap);
        List<Evidence> ev = new ArrayList<>(h.evidence());
        if (basis == Scope.NONE) {
            return finding(h, pack, h.severity(), ev, Cost.NONE);
        }
        boolean line = basis == Scope.LINE;
        boolean cum = !line || spec.cum();
        Collection<?> site = line ? lines : functions;
        String where = line ? h.file() + ":" + h.line() : h.symbol();
        Pick c = measured(site, sites, given.cpuInputs(), line, CPU, cum, h.profiles(), counted ? t.minSamples() : 0);
        Pick a = measured(site, sites, given.heapInputs(), line, ALLOC, cum, h.profiles(), 0);
        List<String> of = (cpu && heap ? List.of(c, a) : cpu ? List.of(c) : heap ? List.of(a) : List.<Pick>of())
                .stream().map(Pick::input).filter(i -> !i.isEmpty()).toList();
        if (cpu && joined && !h.instructions().isEmpty() && (line || h.scope() == Scope.FUNCTION)) {
            // a line's @cost(cum) rule counts a CALL's cum, in samples per unit of cpu time (Go: one per period);
            // a function-scoped hit (its entry and exit) and a line's self rule count flat samples
            boolean lineCum = line && spec.cum();
            return weighInstructions(h, pack, t, ev, c.measure(), heap ? a : null, instructions,
                    lineCum ? given.perUnit() : -1, counted && lineCum ? c.samples() : Long.MAX_VALUE,
                    () -> heap && BytesCost.hot(profiles, a.input(), a.share(), t, decides(h, true) ? ev : null,
                            measuredText(where, cum ? "cum" : "self", null, a)));
        }
        Cost cost = new Cost(cpu ? c.share() : null, heap ? a.share() : null, basis, cum ? "cum" : "self", of);
        double cpuThreshold = !line ? t.functionCum() : cum ? t.lineCum() : t.lineFlat();
        // an allocation rule (weighed by both profiles) on a line where the heap profile saw no bytes, or fewer than
        // hot.alloc.minShare of them: the line's CPU is not the allocation's (a small integer boxed from the runtime's
        // static table, a zero-size value, an allocation on a rare branch of a hot line), so CPU alone does not make
        // it hot: the allocation's own measured cost, its bytes, must clear the bar a hot line's CPU clears
        boolean allocatesLittle = line && cpu && heap && a.share() < t.allocFloor();
        // a share of a handful of samples is noise: the CPU samples measured on the very site must clear hot.minSamples
        boolean fewSamples = counted && c.samples() < t.minSamples();
        // not hot by CPU, with hot.alloc.share of the bytes that cost too little CPU: the evidence says so
        boolean hot = cpu && !allocatesLittle && !fewSamples && c.share() >= cpuThreshold || heap && BytesCost.hot(
                profiles, a.input(), a.share(), t, decides(h, cpu) ? ev : null, measuredText(where,
                        cum ? "cum" : "self", null, a));
        Evidence measured = new Evidence("pprof", measuredText(where, cum ? "cum" : "self", cpu ? c : null,
                heap ? a : null), null);
        Severity severity;
        if (h.scope() == Scope.NONE) {
            severity = h.severity();
        } else if (hot) {
            severity = h.hotSeverity() != null ? h.hotSeverity() : h.severity().raise();
            ev.add(measured);
        } else if (cpu) {
            severity = Severity.NOTE;
        } else {
            severity = h.severity();
        }
        return finding(h, pack, severity, ev, cost);
    }

    /**
     * Whether weighing decides {@code h}'s severity: hot and not hot give it different ones (not for a rule of scope
     * {@code none}, nor for alloc-heavy-line's warning, {@code @hotSeverity} its {@code @severity} and not weighed by
     * CPU, nor a hit not to be raised); {@code cpu}: a CPU profile weighs it, so not hot is a note.
     */
    private static boolean decides(Hit h, boolean cpu) {
        Severity hot = h.hotSeverity() != null ? h.hotSeverity() : h.severity().raise();
        return h.scope() != Scope.NONE && hot != (cpu ? Severity.NOTE : h.severity());
    }

    /**
     * Which profiles were given: a CPU profile, a heap profile ({@code alloc_space}), a count of samples
     * ({@code samples/count}); {@code perUnit}: samples per unit of cpu time (Go: one per period), 1 when unknown.
     */
    private record Given(boolean cpu, boolean heap, boolean counted, double perUnit, java.util.Set<String> cpuInputs,
                         java.util.Set<String> heapInputs) {
        static Given of(Collection<?> profiles) {
            boolean cpu = false;
            boolean heap = false;
            boolean counted = false;
            double cpuTotal = 0;
            double samplesTotal = 0;
            java.util.Set<String> cpuInputs = new java.util.HashSet<>();
            java.util.Set<String> heapInputs = new java.util.HashSet<>();
            for (Object o : profiles) {
                if (o instanceof ProfileSummary s) {
                    cpu |= s.sampleType().equals(CPU);
                    heap |= s.sampleType().equals(ALLOC);
                    if (s.sampleType().equals(CPU)) {
                        cpuInputs.add(s.input());
                    } else if (s.sampleType().equals(ALLOC)) {
                        heapInputs.add(s.input());
                    }
                    counted |= s.sampleType().equals(SAMPLES);
                    cpuTotal += s.sampleType().equals(CPU) ? s.total() : 0;
                    samplesTotal += s.sampleType().equals(SAMPLES) ? s.total() : 0;
                }
            }
            return new Given(cpu, heap, counted, cpuTotal > 0 && samplesTotal > 0 ? samplesTotal / cpuTotal : 1,
                    cpuInputs, heapInputs);
        }
    }

    /**
     * A line- or function-scoped hit weighed by the CPU samples at the instructions it names (basis
     * {@code instruction}): their flat samples; for a line's {@code @cost(cum)} rule ({@code cumPerUnit >= 0}: samples
     * per unit of cpu time) a {@code CALL}'s cum instead, the time the call reached, against {@code hot.line.cumShare}.
     * The line's share ({@code lineCpu}, self or cum as the rule is weighed), or the function's cum for a
     * function-scoped hit, is context in the evidence, given whether hot or not: it says why a hot line holds a cold
     * check or call, or a hot function a cold entry. {@code alloc} (the line's bytes) is null when the rule is not
     * weighed by a heap profile. A {@code CALL}'s cum counts the samples of {@code runtime.asyncPreempt} below it,
     * which the line's cum leaves out: a cum rule's share and samples are at most the line's ({@code lineSamples}: its
     * cum samples, {@code Long.MAX_VALUE} when not counted). {@code bytesHot}: whether the line's bytes make it hot
     * ({@link BytesCost#hot}), asked only when its instructions do not (so a hot hit gets no cheap-bytes evidence).
     */
    private static Finding weighInstructions(Hit h, PackRef pack, Thresholds t, List<Evidence> ev, Measure lineCpu,
                                             Pick alloc, Collection<?> instructions, double cumPerUnit,
                                             long lineSamples, java.util.function.BooleanSupplier bytesHot) {
        boolean cum = cumPerUnit >= 0;
        boolean function = h.scope() == Scope.FUNCTION;
        java.util.Map<Long, List<HotInstruction>> at = named(h, instructions);
        BinaryShare top = BinaryShare.largest(at, cum, cumPerUnit);
        double share = top.share();
        long samples = top.samples();
        var bench = BenchmarkWeight.largest(at.values(), cum, top.binary(), // the share's binary, bounded as it is
                cum && lineCpu.found() ? lineSamples : Long.MAX_VALUE);
        boolean capped = cum && lineCpu.found() && share > lineCpu.share();
        if (cum && lineCpu.found()) {
            share = Math.min(share, lineCpu.share());
            samples = Math.min(samples, lineSamples);
        }
        // hot.minSamples applies here too: a share of a handful of samples at two instructions is noise
        boolean suiteHot = share >= (cum ? t.lineCum() : t.lineFlat()) && samples >= t.minSamples();
        // or hot within one benchmark (hot.benchmark.share, off by default): the profile's share is about the mean of
        // the benchmarks' shares, and a change is judged per benchmark
        boolean benchHot = !suiteHot && t.benchmark() > 0 && bench != null && bench.share() >= t.benchmark()
                && bench.siteSamples() >= t.benchmarkMinSamples();
        boolean hot = suiteHot || benchHot || bytesHot.getAsBoolean();
        StringBuilder text = new StringBuilder(function ? h.symbol() : h.file() + ":" + h.line())
                .append(function ? ": the " : ": its ")
                .append(h.instructions().size()).append(h.instructions().size() == 1 ? " instruction holds "
                        : " instructions hold ").append(Cost.pct(share))
                .append(" of cpu samples (").append(samples).append(cum ? " samples" : " flat");
        String sep = ": ";
        for (Long a : new java.util.TreeSet<>(h.instructions())) {
            HotInstruction i = at.containsKey(a) ? at.get(a).get(0) : null;
            // a cum rule's figures say what each is: the cum below a CALL, the flat at any other instruction
            String what = !cum || i == null ? "" : i.op().equals("CALL") ? i.text() + " cum " : i.op() + " flat ";
            text.append(sep).append(String.format(java.util.Locale.ROOT, "%#x", a)).append(' ').append(what)
                    .append(top.counts().getOrDefault(a, 0L));
            sep = ", ";
        }
        String measure = cum ? "cum" : "self";
        text.append(function ? "); the whole function " + h.symbol() + ": cum " : "); the whole line: " + measure + " ")
                .append(Cost.pct(lineCpu.share())).append(" of cpu samples")
                .append(capped ? " without preemption, which bounds the call's: its share is capped at the line's"
                        : "");
        if (bench != null) {
            text.append("; in one benchmark at most, ").append(bench.format())
                    .append(benchHot ? ", over hot.benchmark.share " + Cost.pct(t.benchmark()) : "");
        }
        if (alloc != null && alloc.measure().found()) {
            text.append("; ").append(measure).append(' ').append(Cost.pct(alloc.share())).append(" of alloc_space")
                    .append(alloc.input().isEmpty() ? "" : " (" + alloc.input() + ")");
        }
        // a function the profile never saw (a generic function's other instances, merged into one finding) says nothing
        if (!function || share > 0 || lineCpu.share() > 0) {
            ev.add(new Evidence("pprof", text.toString(), null));
        }
        Severity severity = h.scope() == Scope.NONE ? h.severity()
                : hot ? (h.hotSeverity() != null ? h.hotSeverity() : h.severity().raise()) : Severity.NOTE;
        Cost cost = new Cost(share, alloc == null ? null : alloc.share(), Scope.INSTRUCTION, measure,
                alloc == null || alloc.input().isEmpty() ? List.of() : List.of(alloc.input()), bench);
        return finding(h, pack, severity, ev, cost);
    }

    /**
     * One binary's share of a hit's instructions: the sum over the addresses it names in that binary; of several
     * binaries (one address named in two test binaries, each with its own CPU profile) the largest, never their sum,
     * since each share is of its own profile (docs/output.md "Several test binaries"). {@code binary}: the objdump
     * input of that binary ("" when not known).
     */
    private record BinaryShare(String binary, double share, long samples, java.util.Map<Long, Long> counts) {
        static BinaryShare largest(java.util.Map<Long, List<HotInstruction>> at, boolean cum, double cumPerUnit) {
            java.util.Map<String, BinaryShare> by = new java.util.LinkedHashMap<>();
            for (List<HotInstruction> copies : at.values()) {
                for (HotInstruction i : copies) { // one per binary the address was named in
                    boolean call = cum && i.op().equals("CALL");
                    long n = call ? Math.round(i.cum() * cumPerUnit) : i.flatSamples();
                    BinaryShare b = by.computeIfAbsent(i.binary(),
                            k -> new BinaryShare(k, 0, 0, new java.util.HashMap<>()));
                    b.counts.merge(i.address(), n, Long::sum);
                    by.put(i.binary(), new BinaryShare(b.binary, b.share + (call ? i.cumShare() : i.flatShare()),
                            b.samples + n, b.counts));
                }
            }
            return by.values().stream().reduce((a, b) -> b.share > a.share ? b : a)
                    .orElse(new BinaryShare("", 0, 0, java.util.Map.of()));
        }
    }

    /**
     * The {@link HotInstruction}s at the addresses {@code h} names, by address: the hit's function's instructions
     * (objdump names a generic instance by its site key; a main package's profile facts say main.f: {@link
     * #sameFunction}); a function-scoped hit's address outside it (a call-site refusal names its callee's entry and
     * exit) counts the instruction there. Only in the binary the hit named the address in ({@link Hit#binaries}): a
     * module's test binaries share addresses, and one binary's samples there are another function's (review4: bin4's
     * WriteInt64 RET at an address of ToFloat64's exit in bin10). One instruction per binary and address (a hit whose
     * binaries are not known: one per address, as before).
     */
    private static java.util.Map<Long, List<HotInstruction>> named(Hit h, Collection<?> instructions) {
        java.util.Map<String, HotInstruction> one = new java.util.LinkedHashMap<>();
        boolean function = h.scope() == Scope.FUNCTION;
        boolean perBinary = !h.binaries().isEmpty();
        String key = dev.perfwarden.facts.symbols.Symbols.collapseTypeArgs(h.symbol());
        for (boolean own : new boolean[] {true, false}) {
            for (Object o : instructions) {
                if (o instanceof HotInstruction i && i.sampleType().equals(CPU)
                        && (sameFunction(i.symbol(), key) || sameFunction(i.symbol(), h.symbol())) == own
                        && (own || function) && h.namesInstruction(i.address(), i.binary())) {
                    one.putIfAbsent((perBinary ? i.binary() : "") + '\u0000' + i.address(), i);
                }
            }
        }
        java.util.Map<Long, List<HotInstruction>> at = new java.util.TreeMap<>();
        one.values().forEach(i -> at.computeIfAbsent(i.address(), a -> new ArrayList<>()).add(i));
        return at;
    }

    /**
     * Whether a {@link HotInstruction}'s function is the hit's: the same symbol, or {@code main.f} for a hit's
     * {@code example.com/m.f}. Profile facts of a module package named {@code main} are renamed {@code main.…}
     * (FunctionResolver, to meet {@code -m}'s names), but the machine-code facts read from the same objdump of a test
     * binary keep the import path it prints; the address ties the two together.
     */
    static boolean sameFunction(String instruction, String hit) {
        if (instruction.equals(hit)) {
            return true;
        }
        int pkg = dev.perfwarden.facts.symbols.Symbols.packageOf(hit).length();
        return instruction.startsWith("main.") && pkg < hit.length() && instruction.length() - 4 == hit.length() - pkg
                && instruction.regionMatches(4, hit, pkg, hit.length() - pkg);
    }

    /**
     * Each function's (and generic instance's) share of the CPU samples, cum, 0 for a function the CPU profile never
     * saw: which of a line's inlined copies runs ({@link Sites#merge(List, java.util.function.Predicate,
     * java.util.function.ToDoubleFunction)} names that copy; the line's cost is the same for all).
     */
    public static java.util.function.ToDoubleFunction<String> functionShares(Collection<?> facts) {
        java.util.Map<String, Double> shares = new java.util.HashMap<>();
        for (Object o : facts) {
            if (o instanceof HotFunction f && f.sampleType().equals(CPU)) {
                shares.merge(f.symbol(), f.cumShare(), Math::max);
                shares.merge(f.instance(), f.cumShare(), Math::max);
            }
        }
        return symbol -> shares.getOrDefault(symbol, 0.0);
    }

    /** What a hit's cost is measured on (see the class comment). */
    static Scope basis(Hit h, boolean profiled) {
        if (!profiled) {
            return Scope.NONE;
        }
        boolean hasLine = !h.file().isEmpty() && h.line() > 0;
        if ((h.scope() == Scope.LINE || h.scope() == Scope.NONE) && hasLine) {
            return Scope.LINE;
        }
        return h.symbol().isEmpty() ? Scope.NONE : Scope.FUNCTION;
    }

    /** A profile's share for one site; {@code found} false when the site is not in that profile. */
    private record Measure(boolean found, double share) {
    }

    /**
     * The share of the site's {@link LineCost} (self or cum) or {@link HotFunction} (cum) of {@code sampleType};
     * the highest when several match.
     */
    private static Measure best(Collection<?> facts, String sampleType, boolean cum) {
        Measure best = new Measure(false, 0);
        for (Object o : facts) {
            Measure m = null;
            if (o instanceof LineCost l && l.sampleType().equals(sampleType)) {
                m = new Measure(true, cum ? l.cumShare() : l.selfShare());
            } else if (o instanceof HotFunction f && f.sampleType().equals(sampleType)) {
                // without the samples taken in preemption (runtime.asyncPreempt), as a line's cost is measured
                m = new Measure(true, f.cum() > 0 ? f.cumShare() * (f.cum() - f.preempt()) / f.cum() : f.cumShare());
            }
            if (m != null && (!best.found() || m.share() > best.share())) {
                best = m;
            }
        }
        return best;
    }

    /**
     * The CPU samples counted on the site: the {@code samples} sample type's value of its {@link LineCost} (self or
     * cum) or {@link HotFunction} (cum), the highest when several match; 0 when the site has none.
     */
    private static long samples(Collection<?> facts, boolean cum) {
        long best = 0;
        for (Object o : facts) {
            if (o instanceof LineCost l && l.sampleType().equals(SAMPLES)) {
                best = Math.max(best, cum ? l.cum() : l.self());
            } else if (o instanceof HotFunction f && f.sampleType().equals(SAMPLES)) {
                best = Math.max(best, f.cum() - f.preempt());
            }
        }
        return best;
    }

    /** The finding of a hit, its fingerprint {@link Fingerprints#LATER}: {@link Sites#merge} makes it when needed. */
    private static Finding finding(Hit h, PackRef pack, Severity severity, List<Evidence> ev, Cost cost) {
        return new Finding(h.rule(), pack.label(), severity, h.symbol(), h.file(), h.line(), h.col(), h.message(), ev,
                Fingerprints.LATER, cost, List.of());
    }

    /** {@code where: self 1.0 % of cpu samples; self 3.0 % of alloc_space} (the profiles measured and found). */
    private static String measuredText(String where, String measure, Pick c, Pick a) {
        StringBuilder sb = new StringBuilder(where).append(':');
        boolean cpu = c != null && c.measure().found();
        if (cpu) {
            sb.append(' ').append(measure).append(' ').append(Cost.pct(c.share())).append(" of cpu samples")
                    .append(c.input().isEmpty() ? "" : " (" + c.input() + ")");
        }
        if (a != null && a.measure().found()) {
            sb.append(cpu ? ";" : "").append(' ').append(measure).append(' ')
                    .append(Cost.pct(a.share())).append(" of alloc_space")
                    .append(a.input().isEmpty() ? "" : " (" + a.input() + ")");
        }
        return sb.toString();
    }

    /**
     * A site's share in one profile: {@code samples} its CPU samples there (the {@code samples} type of the same
     * file; 0 for a heap profile), {@code input} the profile's file name ("" when the share is of the only profile of
     * its type).
     */
    private record Pick(Measure measure, long samples, String input) {
        double share() {
            return measure.share();
        }
    }

    /**
     * The site's share of {@code type}: in its merged facts ({@code site}) when one profile of the type was given, else
     * in one test binary's profile ({@link #pick}), not in their merge.
     */
    private static Pick measured(Collection<?> site, Collection<?> sites, java.util.Set<String> inputs, boolean line,
                                 String type, boolean cum, List<String> named, double minSamples) {
        if (inputs.size() > 1) {
            return pick(sites, line, type, cum, named, inputs, minSamples);
        }
        return new Pick(best(site, type, cum), type.equals(CPU) ? samples(site, cum) : 0, "");
    }

    /**
     * With several profiles of {@code type} (one per test binary): the site's share in one of them, the profile where
     * it weighs most among those where it holds at least {@code minSamples} CPU samples (a share of a handful of
     * samples of a small binary is noise), else among all. A hit that names profiles ({@link Hit#profiles}: the rule
     * judged it by them) is measured in those it names of that type only. Not found (share 0) when the site is in none.
     */
    private static Pick pick(Collection<?> sites, boolean line, String type, boolean cum, List<String> named,
                             java.util.Set<String> inputs, double minSamples) {
        boolean restrict = named.stream().anyMatch(inputs::contains);
        java.util.Map<String, List<Object>> byInput = new java.util.LinkedHashMap<>();
        for (Object o : sites) {
            if (o instanceof ProfileSite s && (line ? s.lineCost() != null : s.function() != null)
                    && inputs.contains(s.input()) && (!restrict || named.contains(s.input()))) {
                byInput.computeIfAbsent(s.input(), k -> new ArrayList<>()).add(line ? s.lineCost() : s.function());
            }
        }
        Pick best = new Pick(new Measure(false, 0), 0, "");
        boolean bestEnough = false;
        for (java.util.Map.Entry<String, List<Object>> e : byInput.entrySet()) {
            Measure m = best(e.getValue(), type, cum);
            long n = type.equals(CPU) ? samples(e.getValue(), cum) : 0;
            boolean enough = !type.equals(CPU) || n >= minSamples;
            if (m.found() && (!best.measure().found() || enough && !bestEnough
                    || enough == bestEnough && m.share() > best.share())) {
                best = new Pick(m, n, fileName(e.getKey()));
                bestEnough = enough;
            }
        }
        return best;
    }

    /** A profile's file name without its folder ({@code cpu-1.pprof}). */
    private static String fileName(String input) {
        return input.substring(Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\')) + 1);
    }
}
