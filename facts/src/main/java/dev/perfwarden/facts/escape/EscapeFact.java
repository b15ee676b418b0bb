package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.FieldDoc;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.symbols.Symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One escape-analysis result: a summary line of {@code -m} / {@code -m=2} ({@code moved to heap: t},
 * {@code x escapes to heap}, {@code leaking param: p to result ~r0 level=0}, …) with the {@code -m=2}
 * explanation blocks for the same location attached as {@link #flow()}, or one -json
 * {@code escape}/{@code escapes}/{@code leak} record.
 *
 * <ul>
 *   <li>{@code kind}: one of the {@code KIND_*} constants.</li>
 *   <li>{@code subject}: the expression or name as printed ({@code t}, {@code &T{...}},
 *       {@code ... argument}, {@code make([]int, n)}, the parameter name). Go 1.26 prints
 *       {@code append escapes to heap} for every {@code append(…)}: the subject is then
 *       {@code append}. Empty for a -json summary record whose explanation is missing.</li>
 *   <li>{@code result}: for {@link #KIND_LEAKING_PARAM_TO_RESULT} the result name ({@code ~r0},
 *       {@code err}); for {@link #KIND_LEAK} the destination ({@code {heap}}, {@code ~r0},
 *       {@code {storage for x}}); else "".</li>
 *   <li>{@code level}: {@code level=N} of a to-result leak, {@code derefs=N} of a leak / mutates /
 *       calls line; -1 when the line has none.</li>
 *   <li>{@code duplicate}: true when the fact must not be counted as a result of its own; rules that
 *       count escapes write {@code EscapeFact(!duplicate)}. Two cases: (1) a -json {@code escape}
 *       record with an empty message, the compiler's summary record of an escaping non-name site
 *       whose explanation record (same position, same subject) is also a fact; (2) an {@code -m=2}
 *       explanation block that no summary line claimed: the compiler prints no results for
 *       wrappers and dupok functions (generic instantiations of another package's code, compiled
 *       again in every package that uses them), but still explains their flows (kind
 *       {@link #KIND_LEAK} or {@link #KIND_ESCAPES}).</li>
 *   <li>{@code viaInterface}: some {@code from} note's why is {@code interface-converted}.</li>
 *   <li>{@code capturedByClosure}: some {@code from} note's why is {@code captured by a closure}.</li>
 *   <li>{@code flow}: the explanation (only with {@code -m=2} or -json; empty otherwise).</li>
 *   <li>{@code inlineChain}: -json {@code inlineLoc} positions of the record itself (where the
 *       inlined code really is, outermost first); empty for text input.</li>
 * </ul>
 */
@FactDoc(name = "escape", inputs = {"escape-text", "logopt-json"},
        value = "One escape-analysis result: moved to heap, escapes, does not escape, leaking param, with the -m=2 flow.")
public record EscapeFact(String kind,
                         @FieldDoc("the expression or name as printed (`t`, `&T{...}`, the parameter name)") String subject,
                         @FieldDoc("the result a parameter leaks to (`~r0`), or the leak destination; else empty") String result,
                         @FieldDoc("`level=N` of a to-result leak, `derefs=N` of a leak; -1 when none") int level,
                         @FieldDoc("true when the fact repeats another one; count only `duplicate: false`") boolean duplicate,
                         @FieldDoc("the flow passes through an interface conversion") boolean viaInterface,
                         @FieldDoc("the flow passes through a closure capture") boolean capturedByClosure,
                         @FieldDoc("the -m=2 explanation steps") List<FlowStep> flow,
                         List<SourcePos> inlineChain, Origin origin, Evidence evidence)
        implements Attributable<EscapeFact> {

    /** {@code moved to heap: NAME}: a named variable is heap-allocated. */
    public static final String KIND_MOVED_TO_HEAP = "moved-to-heap";
    /** {@code EXPR escapes to heap}: a non-name allocation site escapes. */
    public static final String KIND_ESCAPES = "escapes";
    /** {@code EXPR does not escape} / {@code NAME does not escape} (sites and parameters). */
    public static final String KIND_DOES_NOT_ESCAPE = "does-not-escape";
    /** {@code leaking param: p}. */
    public static final String KIND_LEAKING_PARAM = "leaking-param";
    /** {@code leaking param content: p}. */
    public static final String KIND_LEAKING_PARAM_CONTENT = "leaking-param-content";
    /** {@code leaking param: p to result R level=N}. */
    public static final String KIND_LEAKING_PARAM_TO_RESULT = "leaking-param-to-result";
    /**
     * {@code parameter p leaks to DST with derefs=N}: a -json {@code leak} record, or an {@code -m=2}
     * explanation header no summary line claimed (wrappers and dupok functions get no summary).
     */
    public static final String KIND_LEAK = "leak";
    /** {@code assuming p is unsafe uintptr} (body-less function with a uintptr parameter). */
    public static final String KIND_UNSAFE_UINTPTR = "unsafe-uintptr";
    /** {@code marking p as escaping uintptr} / {@code ...uintptr} ({@code //go:uintptrescapes}). */
    public static final String KIND_ESCAPING_UINTPTR = "escaping-uintptr";
    /** {@code mutates param: p derefs=N} (Go 1.22+, {@code -d=escapemutationscalls=1}). */
    public static final String KIND_MUTATES_PARAM = "mutates-param";
    /** {@code calls param: p derefs=N} (Go 1.22+, {@code -d=escapemutationscalls=1}). */
    public static final String KIND_CALLS_PARAM = "calls-param";
    /** {@code p does not escape, mutate, or call} (Go 1.22+, {@code -d=escapemutationscalls=1}). */
    public static final String KIND_NO_ESCAPE_MUTATE_CALL = "does-not-escape-mutate-call";

    /**
     * The instance of a generic function this result is about, as {@code InlineFact.instance()} and
     * {@code HotFunction.instance} name it: Go 1.25 and later print, at -m=2, the function of each explanation block
     * ({@code x escapes to heap in Index[go.shape.int]:}, {@code parameter xs leaks to {heap} for
     * Index[go.shape.string] with derefs=1:}), which the block's summary keeps as {@link #compilerFunc()}; the site key
     * {@link #symbol()} ({@code Index[...]}) when no block named one (Go 1.24 and older, a summary no block explains
     * such as {@code does not escape}, -json). Derived, not stored: see {@link Symbols#instanceOf}.
     */
    public String instance() {
        return Symbols.instanceOf(symbol(), compilerFunc());
    }

    public EscapeFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(result, "result");
        flow = flow == null || flow.isEmpty() ? List.of() : List.copyOf(flow);
        inlineChain = inlineChain == null || inlineChain.isEmpty() ? List.of() : List.copyOf(inlineChain);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(evidence, "evidence");
        if (origin.line() < 0 || origin.col() < 0) {
            throw new IllegalArgumentException("negative position " + origin.line() + ":" + origin.col());
        }
    }

    /** The parsers' form: the {@link Origin}'s components one by one. */
    public EscapeFact(String kind, String subject, String result, int level, boolean duplicate, boolean viaInterface,
            boolean capturedByClosure, List<FlowStep> flow, List<SourcePos> inlineChain, String pkg,
            String compilerFunc, String symbol, String file, int line, int col, String attribution,
            Evidence evidence) {
        this(kind, subject, result, level, duplicate, viaInterface, capturedByClosure, flow, inlineChain,
                new Origin(pkg, compilerFunc, symbol, file, line, col, attribution), evidence);
    }

    /** Builds a fact, deriving {@code viaInterface} and {@code capturedByClosure} from the flow. */
    public static EscapeFact of(String kind, String subject, String result, int level, boolean duplicate,
                                List<FlowStep> flow, List<SourcePos> inlineChain, String pkg, String compilerFunc,
                                String symbol, String file, int line, int col, String attribution,
                                Evidence evidence) {
        boolean iface = false;
        boolean closure = false;
        for (FlowStep s : flow) {
            for (FlowNote n : s.notes()) {
                if (n.why().equals(FlowNote.WHY_INTERFACE_CONVERTED)) {
                    iface = true;
                } else if (n.why().equals(FlowNote.WHY_CAPTURED_BY_CLOSURE)) {
                    closure = true;
                }
            }
        }
        return new EscapeFact(kind, subject, result, level, duplicate, iface, closure, flow, inlineChain,
                new Origin(pkg, compilerFunc, symbol, file, line, col, attribution), evidence);
    }

    /** True for the kinds that mean a heap allocation or a leak ({@code moved-to-heap}, {@code escapes}). */
    public boolean allocates() {
        return kind.equals(KIND_MOVED_TO_HEAP) || kind.equals(KIND_ESCAPES);
    }

    @Override
    public EscapeFact withAttribution(String symbol, String attribution) {
        return new EscapeFact(kind, subject, result, level, duplicate, viaInterface, capturedByClosure, flow,
                inlineChain, origin.withAttribution(symbol, attribution), evidence);
    }

    /**
     * The record's equality, written out (the generated one is bound through method handles at its first call), with
     * the cheap components compared first and the flow last.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof EscapeFact other && level == other.level && duplicate == other.duplicate
                && viaInterface == other.viaInterface && capturedByClosure == other.capturedByClosure
                && kind.equals(other.kind) && subject.equals(other.subject) && result.equals(other.result)
                && origin.equals(other.origin) && evidence.equals(other.evidence)
                && inlineChain.equals(other.inlineChain) && flow.equals(other.flow);
    }

    /**
     * A hash of every component but the flow and the inline chain (equal facts still hash alike: {@link #equals}
     * compares them all). Drools hashes facts in its join indexes ({@code not Superseded(fact == $e)}) at every
     * propagation, and the generated hash walked every flow step, note and position: on Go's standard library that
     * was a third of the rule sessions' CPU. Two facts differing only in their flows are rare (the same summary line
     * of one input), so the collisions cost nothing.
     */
    @Override
    public int hashCode() {
        int h = kind.hashCode();
        h = 31 * h + subject.hashCode();
        h = 31 * h + result.hashCode();
        h = 31 * h + level;
        h = 31 * h + Boolean.hashCode(duplicate);
        h = 31 * h + origin.hashCode();
        return 31 * h + evidence.hashCode();
    }

    @Override
    public EscapeFact relocate(UnaryOperator<String> files) {
        List<FlowStep> moved = null; // a copy only once a step changes
        for (int i = 0; i < flow.size(); i++) {
            FlowStep s = flow.get(i);
            FlowStep m = s.relocate(files);
            if (m != s && moved == null) {
                moved = new ArrayList<>(flow.subList(0, i));
            }
            if (moved != null) {
                moved.add(m);
            }
        }
        List<SourcePos> chain = move(inlineChain, files);
        Origin o = origin.relocate(files);
        if (moved == null && chain == inlineChain && o == origin) {
            return this;
        }
        return new EscapeFact(kind, subject, result, level, duplicate, viaInterface, capturedByClosure,
                moved == null ? flow : moved, chain, o, evidence);
    }

    static SourcePos move(SourcePos p, UnaryOperator<String> files) {
        return SourcePaths.relocate(p, files);
    }

    static List<SourcePos> move(List<SourcePos> ps, UnaryOperator<String> files) {
        return SourcePaths.relocate(ps, files);
    }
}
