package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.facts.core.Located;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fact types a YAML policy can match, by stable short name ({@code escape}, {@code runtime-call},
 * …), with their fields read from the record components by reflection. The names are part of the
 * policy language: never rename one, only add. A type whose class is not on the class path (a parser
 * module left out) is simply absent.
 */
public final class FactTypes {
    /** What a field holds, as far as conditions care. */
    public enum ValueKind {
        TEXT("text"), INTEGER("integer"), DECIMAL("decimal"), BOOLEAN("boolean"), LIST("list"), MAP("map"),
        OTHER("structured value");

        private final String label;

        ValueKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean numeric() {
            return this == INTEGER || this == DECIMAL;
        }

        /** Fields a condition can test ({@code OTHER} cannot). */
        public boolean testable() {
            return this != OTHER;
        }
    }

    /**
     * One field of a fact type.
     *
     * @param name       the record component name, as YAML and DRL write it
     * @param kind       what it holds
     * @param javaType   the component's Java type, for the reference
     * @param values     known values (a vocabulary of constants), empty when free
     * @param closedSet  true when a value outside {@code values} is an error in a policy
     * @param note       one line for the reference; may be empty
     */
    public record FieldInfo(String name, ValueKind kind, String javaType, List<String> values, boolean closedSet,
                            String note) {
    }

    /**
     * One fact type.
     *
     * @param name        stable short name
     * @param type        the record class
     * @param description one sentence for the reference
     * @param inputs      input kinds that produce it
     * @param fields      record components in declaration order
     * @param located     implements {@link Located} (has symbol, file, line, col)
     * @param hasEvidence has a public {@code evidence()} accessor (passed to the finding as evidence)
     */
    public record FactType(String name, Class<?> type, String description, List<String> inputs,
                           Map<String, FieldInfo> fields, boolean located, boolean hasEvidence) {
        public boolean has(String field) {
            return fields.containsKey(field);
        }
    }

    private record Spec(String name, String className, String description, String inputs, String[] notes) {
    }

    private record Vocab(String type, String field, String owner, String prefix, boolean closed) {
    }

    private static final String F = "dev.perfwarden.facts.";

    /** The table: short name, class, description, input kinds, field notes ("field: text"). */
    private static final List<Spec> SPECS = List.of(
            new Spec("escape", F + "escape.EscapeFact",
                    "One escape-analysis result: moved to heap, escapes, does not escape, leaking param, with the -m=2 flow.",
                    "escape-text, logopt-json", new String[]{
                    "subject: the expression or name as printed (`t`, `&T{...}`, the parameter name)",
                    "result: the result a parameter leaks to (`~r0`), or the leak destination; else empty",
                    "level: `level=N` of a to-result leak, `derefs=N` of a leak; -1 when none",
                    "duplicate: true when the fact repeats another one; count only `duplicate: false`",
                    "viaInterface: the flow passes through an interface conversion",
                    "capturedByClosure: the flow passes through a closure capture",
                    "flow: the -m=2 explanation steps"}),
            new Spec("closure-capture", F + "escape.ClosureCapture",
                    "A closure captures a variable by reference or by value (-m=2 `capturing by ref: v (… width=N)`).",
                    "escape-text", new String[]{
                    "variable: the captured variable",
                    "byRef: captured by reference (else by value)",
                    "width: the variable's size in bytes"}),
            new Spec("compiler-remark", F + "escape.CompilerRemark",
                    "Another recognised -m line: zero-copy conversions, self-assignments, elided bounds checks, ….",
                    "escape-text", new String[]{"text: the message after the position"}),
            new Spec("inline", F + "inline.InlineFact",
                    "One inlining decision: can inline (with cost), inlined call, cannot inline (reason, cost, budget).",
                    "escape-text, logopt-json", new String[]{
                    "target: canonical symbol of the function the message names (the callee for calls)",
                    "targetName: that name as printed",
                    "reason: the reason text (`function too complex: cost 155 exceeds budget 80`)",
                    "reasonKind: the class of the reason",
                    "cost: inlining cost; -1 when the message has none",
                    "budget: inlining budget; -1 when the message has none",
                    "score: newinliner score; see InlineFact.NO_SCORE"}),
            new Spec("devirtualization", F + "inline.Devirtualization",
                    "An interface or closure call the compiler devirtualized, or refused to.",
                    "escape-text, logopt-json", new String[]{
                    "call: the call as printed (`i.M`)",
                    "targetType: the concrete type, or the PGO callee",
                    "reason: why it was refused; else empty"}),
            new Spec("ir-conversion", F + "ir.IrConversion",
                    "An interface conversion in the compiler's IR (-m=3 inlined calls, -m=4 every function: `CONVIFACE Implicit any`).",
                    "ir-dump", new String[]{
                    "toType: the interface type (`any`, `io.Reader`)",
                    "fromType: the converted operand's type (`int`, `PTR-*strings.Reader`); empty when not shown",
                    "implicit: the source has no conversion (an assignment or argument converts)",
                    "dump: which dump: before-inlining, after-inlining, escape-analysis, escape-call",
                    "chain: the IR positions, outermost (where the code landed; file/line/col) first"}),
            new Spec("ir-call", F + "ir.IrCall",
                    "A call in the compiler's IR with its kind (-m=3/-m=4: `CALLFUNC`, `CALLINTER`, `CALLMETH`).",
                    "ir-dump", new String[]{
                    "kind: CALLFUNC, CALLINTER (through an interface) or CALLMETH",
                    "callee: the callee as the dump names it (`main.area`); empty when not shown",
                    "resultType: the call's type",
                    "dump: which dump: before-inlining, after-inlining, escape-analysis, escape-call",
                    "chain: the IR positions, outermost (where the code landed; file/line/col) first"}),
            new Spec("ir-variable", F + "ir.IrVariable",
                    "A variable as an IR dump shows it, printed before escape analysis decides (-m=3/-m=4 `NAME-main.n Class:PAUTO … OnStack`).",
                    "ir-dump", new String[]{
                    "name: the variable as the compiler prints it (`main.n`, `os.f`)",
                    "storageClass: PAUTO, PAUTOHEAP (a closure's captured variable), PPARAM, PPARAMOUT, PEXTERN",
                    "onStack: the OnStack flag (no verdict: the dump precedes escape analysis)",
                    "inlined: a parameter or local of an inlined body",
                    "closureVar: a variable captured by a closure",
                    "type: its type as printed",
                    "dump: which dump: before-inlining, after-inlining, escape-analysis, escape-call",
                    "chain: the IR positions of its declaration, outermost first"}),
            new Spec("inlined-body", F + "ir.InlinedBody",
                    "Where the body of an inlined callee landed (-m=3 `After inlining` dumps).",
                    "ir-dump", new String[]{
                    "callee: the inlined function (`os.(*File).WriteString`)",
                    "nested: the call sat in code that had itself been inlined",
                    "dump: after-inlining",
                    "chain: the IR positions, outermost (the call site; file/line/col) first"}),
            new Spec("escape-stmt", F + "ir.EscapeStmt",
                    "One statement of the escape analysis trace (-m=3 `./main.go:37:34:[1] key stmt: strconv.i := id`).",
                    "ir-dump", new String[]{
                    "loopDepth: escape analysis' loop depth (1: outside any loop)",
                    "text: the statement as printed",
                    "dump: escape-trace",
                    "chain: the statement's position"}),
            new Spec("bounds-check", F + "logopt.BoundsCheck",
                    "A bounds check the compiler kept (-json `isInBounds`/`isSliceInBounds`).",
                    "logopt-json, escape-text", new String[]{"input: the input kind it came from"}),
            new Spec("opt-remark", F + "logopt.OptRemark",
                    "Any other -json optimisation record: nilcheck, copy, loop variable codes, PGO, unknown codes.",
                    "logopt-json", new String[]{
                    "code: the record's code; unknown codes are kept",
                    "knownCode: false for a code perfwarden does not know",
                    "message: the record's message"}),
            new Spec("runtime-call", F + "asm.RuntimeCall",
                    "A direct call into the runtime in the machine code (`CALL runtime.growslice(SB)`).",
                    "objdump, asm-listing", new String[]{
                    "callee: canonical callee (`runtime.growslice`)",
                    "category: what the runtime call does"}),
            new Spec("indirect-call", F + "asm.IndirectCall",
                    "A call through a register, classified by the load before it (itab dispatch, closure, unknown).",
                    "objdump, asm-listing", new String[]{
                    "register: the register called; empty for a memory operand",
                    "slot: itab method slot for `itab`, else -1",
                    "load: the load instruction's text"}),
            new Spec("direct-call", F + "asm.DirectCall",
                    "A direct call to a non-runtime function (only when direct calls are collected).",
                    "objdump, asm-listing", new String[]{"callee: canonical callee symbol"}),
            new Spec("write-barrier", F + "asm.WriteBarrierCheck",
                    "A test of `runtime.writeBarrier` guarding a pointer store into heap memory.",
                    "objdump, asm-listing", new String[]{
                    "op: the opcode (`CMPL`, `TESTB`, …)",
                    "form: how the flag is tested"}),
            new Spec("loop-line", F + "asm.LoopLine",
                    "A source line with at least one instruction inside a loop of the function's machine code.",
                    "objdump, asm-listing", new String[]{}),
            new Spec("asm-function", F + "asm.AsmFunction",
                    "One function's machine code: size, instruction count, loops, frame size.",
                    "objdump, asm-listing", new String[]{
                    "size: size in bytes",
                    "backEdges: jumps that close a loop",
                    "frameSize: -S `locals=`; -1 when unknown",
                    "argsSize: -S `args=`; -1 when unknown"}),
            new Spec("bce-check", F + "ssa.BceCheck",
                    "A bounds check kept after prove (`-d=ssa/check_bce/debug=1`: `Found IsInBounds`); symbol is empty.",
                    "ssa", new String[]{}),
            new Spec("ssa-remark", F + "ssa.SsaRemark",
                    "Another positional SSA debug message (proved, induction variable, nil checks); symbol is empty.",
                    "ssa", new String[]{"detail: the rest of the message"}),
            new Spec("hot-function", F + "profile.HotFunction",
                    "How hot one function is in one sample type of a profile.",
                    "pprof", new String[]{
                    "sampleType: the profile's sample type (`cpu`, `alloc_space`, …)",
                    "flat: samples whose innermost frame is the function",
                    "flatShare: flat as a share of the profile's total (0.05 = 5 %)",
                    "cum: samples with the function anywhere on the stack",
                    "cumShare: cum as a share of the total"}),
            new Spec("hot-line", F + "profile.HotLine",
                    "How hot one source line is, per sample type.",
                    "pprof", new String[]{
                    "flatShare: flat as a share of the profile's total",
                    "cumShare: cum as a share of the total"}),
            new Spec("line-cost", F + "profile.LineCost",
                    "What one source line costs in one sample type, over every function it was compiled into.",
                    "pprof", new String[]{
                    "flatShare: samples whose innermost frame (inlined frames included) is the line, as a share",
                    "cumShare: samples with the line anywhere on the stack, as a share",
                    "functions: how many profile functions hold the line"}),
            new Spec("caller-line", F + "profile.CallerLine",
                    "A line outside the standard library with the standard-library work it calls charged to it, per sample type.",
                    "pprof", new String[]{
                    "flat: samples whose innermost frame outside the standard library is the line",
                    "flatShare: flat as a share of the profile's total"}),
            new Spec("hot-instruction", F + "disasm.HotInstruction",
                    "One machine instruction with the CPU samples at it: a CPU profile's addresses joined to objdump of the same binary, as `go tool pprof -disasm` counts them.",
                    "pprof, objdump", new String[]{
                    "symbol: the objdump symbol holding the instruction (the outermost function for inlined code)",
                    "address: the instruction's address",
                    "text: the instruction as objdump prints it (`CALL CX`)",
                    "op: its opcode (`CALL`, `CMPQ`)",
                    "sampleType: `cpu` (joined for the CPU time of CPU profiles only)",
                    "flat: CPU time whose leaf frame is at the instruction (often the one after the slow instruction)",
                    "flatShare: flat as a share of the profile's total",
                    "cum: CPU time with the instruction anywhere on the stack (on a CALL: what the call reached)",
                    "cumShare: cum as a share of the total",
                    "flatSamples: flat as a number of samples",
                    "frames: the profile's frames at the address, innermost first (`pkg.square hot.go:28`); more than one where code is inlined"}),
            new Spec("profile-summary", F + "profile.ProfileSummary",
                    "One sample type of one profile: its total and the shares of the allocator, GC and scheduler.",
                    "pprof", new String[]{
                    "input: the profile file",
                    "allocatorShare: cumulative share of samples in the allocator",
                    "gcShare: share of samples in GC workers and assists",
                    "schedulerShare: share of samples in the scheduler",
                    "profilerShare: share of samples in the memory profiler itself (above 0.02 the profile is skewed)"}),
            new Spec("bench-result", F + "bench.BenchResult",
                    "One benchmark and one unit of a `go test -bench` run, over all its repeats.",
                    "bench", new String[]{
                    "name: benchmark name without the -N suffix (`BenchmarkSub/n=1`)",
                    "fullName: as printed",
                    "unit: `ns/op`, `B/op`, `allocs/op`, `MB/s` or a custom unit",
                    "median: the median of the samples",
                    "samples: the value of each result line"}),
            new Spec("bench-failure", F + "bench.BenchFailure",
                    "A benchmark that failed or was skipped.",
                    "bench", new String[]{"status: `FAIL` or `SKIP`"}));

    private static final List<Vocab> VOCABS = List.of(
            new Vocab("escape", "kind", F + "escape.EscapeFact", "KIND_", true),
            new Vocab("inline", "kind", F + "inline.InlineFact", "KIND_", true),
            new Vocab("inline", "reasonKind", F + "inline.InlineReasons", "", true),
            new Vocab("devirtualization", "kind", F + "inline.Devirtualization", "KIND_", true),
            new Vocab("bounds-check", "kind", F + "logopt.BoundsCheck", "KIND_", true),
            new Vocab("opt-remark", "code", F + "logopt.OptRemark", "CODE_", false),
            new Vocab("compiler-remark", "kind", F + "escape.CompilerRemark", "KIND_", true),
            new Vocab("runtime-call", "category", F + "asm.RuntimeCall", "", true),
            new Vocab("indirect-call", "kind", F + "asm.IndirectCall", "", true),
            new Vocab("write-barrier", "form", F + "asm.WriteBarrierCheck", "", true),
            new Vocab("bce-check", "kind", F + "ssa.BceCheck", "", true),
            new Vocab("ssa-remark", "kind", F + "ssa.SsaRemark", "", true),
            new Vocab("*", "attribution", F + "core.Attributable", "", true));

    /** Notes every fact type shares, for fields of these names. */
    private static final Map<String, String> COMMON_NOTES = Map.ofEntries(
            Map.entry("symbol", "the function, as objdump and pprof print it (`example.com/m.(*T).M`); empty when unknown"),
            Map.entry("file", "source file relative to the module root"),
            Map.entry("line", "1-based line; 0 when unknown"),
            Map.entry("col", "1-based column; 0 when unknown"),
            Map.entry("pkg", "import path of the package"),
            Map.entry("compilerFunc", "the function name as the compiler printed it"),
            Map.entry("attribution", "how `symbol` was found"),
            Map.entry("evidence", "the input line (shown with the finding)"),
            Map.entry("inlineChain", "-json inlining positions; empty for text input"),
            Map.entry("inLoop", "the instruction lies inside a loop"),
            Map.entry("address", "objdump: absolute address; -S: offset in the function"),
            Map.entry("unit", "the sample type's unit"),
            Map.entry("evidence.input", "the input kind the fact comes from (`escape-text`, `logopt-json`, `objdump`, …)"),
            Map.entry("evidence.text", "the input line or record as printed"),
            Map.entry("evidence.at", "where in the input"),
            Map.entry("evidence.at.input", "the input file"),
            Map.entry("evidence.at.line", "line in the input (a byte offset when byteOffset is true)"),
            Map.entry("evidence.at.byteOffset", "line is a byte offset (binary inputs)"),
            Map.entry("at", "position in the input"),
            Map.entry("at.input", "the input file"),
            Map.entry("at.line", "line in the input"),
            Map.entry("at.byteOffset", "line is a byte offset"));

    private static final class Holder {
        static final FactTypes INSTANCE = new FactTypes(FactTypes.class.getClassLoader());
    }

    private final Map<String, FactType> byName;

    private FactTypes(ClassLoader cl) {
        Map<String, FactType> m = new LinkedHashMap<>();
        for (Spec s : SPECS) {
            Class<?> c;
            try {
                c = Class.forName(s.className(), false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (!c.isRecord()) {
                continue;
            }
            m.put(s.name(), build(s, c, cl));
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The registry of the engine's class loader. */
    public static FactTypes get() {
        return Holder.INSTANCE;
    }

    /** Every fact type, in reference order. */
    public Collection<FactType> all() {
        return byName.values();
    }

    public Optional<FactType> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static FactType build(Spec s, Class<?> c, ClassLoader cl) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (String n : s.notes()) {
            int colon = n.indexOf(": ");
            notes.put(n.substring(0, colon), n.substring(colon + 2));
        }
        Map<String, FieldInfo> fields = new LinkedHashMap<>();
        addFields(s, c, "", 0, notes, cl, fields);
        boolean hasEvidence;
        try {
            Method m = c.getMethod("evidence");
            hasEvidence = !Modifier.isStatic(m.getModifiers());
        } catch (NoSuchMethodException e) {
            hasEvidence = false;
        }
        List<String> inputs = List.of(s.inputs().split(",\\s*"));
        return new FactType(s.name(), c, s.description(), inputs, Collections.unmodifiableMap(fields),
                Located.class.isAssignableFrom(c), hasEvidence);
    }

    /** Record components of {@code c} as fields named {@code prefix + name}; record-typed ones also field by field. */
    private static void addFields(Spec s, Class<?> c, String prefix, int depth, Map<String, String> notes,
                                  ClassLoader cl, Map<String, FieldInfo> fields) {
        for (RecordComponent rc : c.getRecordComponents()) {
            if (rc.getType() == dev.perfwarden.facts.core.TextRef.class) {
                continue; // where an evidence line lies in its input: for the report, not a field for rules
            }
            String name = prefix + rc.getName();
            List<String> values = List.of();
            boolean closed = false;
            for (Vocab v : VOCABS) {
                if ((v.type().equals(s.name()) || v.type().equals("*")) && v.field().equals(name)) {
                    values = constants(v.owner(), v.prefix(), cl);
                    closed = v.closed() && !values.isEmpty();
                }
            }
            String note = notes.getOrDefault(name, COMMON_NOTES.getOrDefault(name, ""));
            fields.put(name, new FieldInfo(name, kindOf(rc.getType()), typeName(rc), values, closed, note));
            if (rc.getType().isRecord() && depth < 2) {
                addFields(s, rc.getType(), name + ".", depth + 1, notes, cl, fields);
            }
        }
    }

    private static ValueKind kindOf(Class<?> t) {
        if (t == String.class) {
            return ValueKind.TEXT;
        }
        if (t == int.class || t == long.class || t == short.class || t == Integer.class || t == Long.class) {
            return ValueKind.INTEGER;
        }
        if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
            return ValueKind.DECIMAL;
        }
        if (t == boolean.class || t == Boolean.class) {
            return ValueKind.BOOLEAN;
        }
        if (Collection.class.isAssignableFrom(t)) {
            return ValueKind.LIST;
        }
        if (Map.class.isAssignableFrom(t)) {
            return ValueKind.MAP;
        }
        return ValueKind.OTHER;
    }

    private static String typeName(RecordComponent rc) {
        return rc.getGenericType().getTypeName().replaceAll("[a-z0-9_]+\\.", "");
    }

    /** Values of the public static final String constants of {@code owner} whose names start with {@code prefix}. */
    private static List<String> constants(String owner, String prefix, ClassLoader cl) {
        Class<?> c;
        try {
            c = Class.forName(owner, false, cl);
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Field f : c.getFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class
                    && f.getName().startsWith(prefix)) {
                try {
                    String v = (String) f.get(null);
                    if (v != null && v.matches("[a-z][a-z0-9-]*") && !out.contains(v)) {
                        out.add(v);
                    }
                } catch (IllegalAccessException e) {
                    // not readable: skip
                }
            }
        }
        return List.copyOf(out);
    }
}
