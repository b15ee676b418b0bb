package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.facts.core.FactDoc;
import dev.perfwarden.facts.core.Origin;
import dev.perfwarden.facts.core.FieldDoc;
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
 * …), with their fields read from the record components by reflection, and their name, description, inputs
 * and field notes from the records' {@link FactDoc} and {@link FieldDoc} annotations (the same ones the
 * rule reference prints). The names are part of the
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

    private record Vocab(String type, String field, String owner, String prefix, boolean closed) {
    }

    private static final String F = "dev.perfwarden.facts.";

    /** The fact types in reference order; each record's {@link FactDoc} and {@link FieldDoc}s say the rest. */
    private static final List<String> CLASSES = List.of(
            F + "escape.EscapeFact",
            F + "escape.ClosureCapture",
            F + "escape.CompilerRemark",
            F + "inline.InlineFact",
            F + "inline.Devirtualization",
            F + "ir.IrConversion",
            F + "ir.IrCall",
            F + "ir.IrVariable",
            F + "ir.InlinedBody",
            F + "ir.EscapeStmt",
            F + "logopt.BoundsCheck",
            F + "logopt.OptRemark",
            F + "asm.RuntimeCall",
            F + "source.ReusedSlice",
            F + "source.NamedResult",
            F + "source.FieldAppend",
            F + "source.LoopExit",
            F + "asm.AppendInstruction",
            F + "asm.IndirectCall",
            F + "asm.DirectCall",
            F + "asm.WriteBarrierCheck",
            F + "asm.LoopLine",
            F + "asm.EntryExit",
            F + "asm.LoopCall",
            F + "asm.CheckBranch",
            F + "asm.AsmFunction",
            F + "ssa.BceCheck",
            F + "ssa.SsaRemark",
            F + "profile.HotFunction",
            F + "profile.HotLine",
            F + "profile.LineCost",
            F + "profile.CallerLine",
            F + "profile.LineCaller",
            F + "profile.RuntimeCallerLine",
            F + "disasm.HotInstruction",
            F + "profile.ProfileSummary",
            F + "profile.ProfileSite",
            F + "bench.BenchResult",
            F + "bench.BenchFailure");

    /**
     * Facts the engine derives from the input facts once per rule session ({@code DerivedFacts}): DRL and the
     * DSL can match them, a YAML policy cannot name them; the reference lists them apart.
     */
    private static final List<String> DERIVED = List.of(F + "program.Superseded", F + "program.ExternalFile");

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
    private final List<FactType> derived;

    private FactTypes(ClassLoader cl) {
        this.byName = Collections.unmodifiableMap(load(CLASSES, cl));
        this.derived = List.copyOf(load(DERIVED, cl).values());
    }

    private static Map<String, FactType> load(List<String> classes, ClassLoader cl) {
        Map<String, FactType> m = new LinkedHashMap<>();
        for (String name : classes) {
            Class<?> c;
            try {
                c = Class.forName(name, false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            FactDoc doc = c.getAnnotation(FactDoc.class);
            if (!c.isRecord() || doc == null) {
                continue;
            }
            m.put(doc.name(), build(doc, c, cl));
        }
        return m;
    }

    /** The registry of the engine's class loader. */
    public static FactTypes get() {
        return Holder.INSTANCE;
    }

    /** Every fact type, in reference order. */
    public Collection<FactType> all() {
        return byName.values();
    }

    /** The derived fact types (not policy fact types: {@link #byName} does not know them), in reference order. */
    public List<FactType> derived() {
        return derived;
    }

    public Optional<FactType> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static FactType build(FactDoc doc, Class<?> c, ClassLoader cl) {
        Map<String, FieldInfo> fields = new LinkedHashMap<>();
        addFields(doc.name(), c, "", 0, cl, fields);
        boolean hasEvidence;
        try {
            Method m = c.getMethod("evidence");
            hasEvidence = !Modifier.isStatic(m.getModifiers());
        } catch (NoSuchMethodException e) {
            hasEvidence = false;
        }
        return new FactType(doc.name(), c, doc.value(), List.of(doc.inputs()), Collections.unmodifiableMap(fields),
                Located.class.isAssignableFrom(c), hasEvidence);
    }

    /**
     * Record components of {@code c} as fields named {@code prefix + name}, each with its {@link FieldDoc} (else
     * the note all facts share for that name); record-typed ones also field by field.
     */
    private static void addFields(String type, Class<?> c, String prefix, int depth, ClassLoader cl,
                                  Map<String, FieldInfo> fields) {
        for (RecordComponent rc : c.getRecordComponents()) {
            if (rc.getType() == dev.perfwarden.facts.core.TextRef.class) {
                continue; // where an evidence line lies in its input: for the report, not a field for rules
            }
            if (rc.getType() == Origin.class && depth == 0) {
                // Attributable's default accessors (file(), line(), …) read the origin: its fields are the
                // fact's, written as before (file == $f), so YAML policies and the reference do not change
                addFields(type, Origin.class, "", depth + 1, cl, fields);
                continue;
            }
            String name = prefix + rc.getName();
            List<String> values = List.of();
            boolean closed = false;
            for (Vocab v : VOCABS) {
                if ((v.type().equals(type) || v.type().equals("*")) && v.field().equals(name)) {
                    values = constants(v.owner(), v.prefix(), cl);
                    closed = v.closed() && !values.isEmpty();
                }
            }
            FieldDoc own = depth == 0 || c == Origin.class ? rc.getAnnotation(FieldDoc.class) : null;
            String note = own != null ? own.value() : COMMON_NOTES.getOrDefault(name, "");
            fields.put(name, new FieldInfo(name, kindOf(rc.getType()), typeName(rc), values, closed, note));
            if (rc.getType().isRecord() && depth < 2) {
                addFields(type, rc.getType(), name + ".", depth + 1, cl, fields);
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
