package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.runtime.RuntimeFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link ProfileReader} keeps of a profile: its header (sample types, period, duration…)
 * and the aggregates every report needs, per sample type: flat and cumulative values per
 * function (keyed by name, as pprof's function granularity does), per source line (function,
 * file, line), the total, and the {@link dev.perfwarden.facts.runtime.RuntimeFunctions.Bucket runtime buckets}. Individual samples are
 * not kept.
 *
 * <p>Indices: {@code fn} is a function index in {@code [0, functionCount())}, {@code ln} a line
 * index in {@code [0, lineCount())}, {@code t} a sample-type index in {@code [0,
 * sampleTypes().size())}. Values are in the sample type's own unit and may be negative only if
 * the profile's are (pprof diff profiles).
 */
public final class ProfileData {
    /** Totals of one string label ({@code pprof.Labels}) pair, per sample type. */
    public record LabelTotal(String key, String value, List<Long> values) {
        public LabelTotal {
            values = List.copyOf(values);
        }
    }

    /**
     * Header of the profile. {@code defaultSampleType} is "" when the profile names none;
     * {@code mainBinary}/{@code mainBuildId} are those of the first mapping ("" when none).
     */
    public record Header(List<SampleType> sampleTypes, String defaultSampleType, SampleType periodType, long period,
                         long timeNanos, long durationNanos, String dropFrames, String keepFrames,
                         List<String> comments, String docUrl, String mainBinary, String mainBuildId,
                         boolean gzipped) {
        public Header {
            sampleTypes = List.copyOf(sampleTypes);
            comments = List.copyOf(comments);
        }
    }

    /** Record counts of the profile. */
    public record Counts(long samples, long locations, long functions, long mappings, long strings,
                         long unknownFields) {
    }

    /**
     * The samples of one untimed part of a benchmark ({@link UntimedLines}) that were left out: how many, and their
     * values per sample type (in no other value and no {@link #total}).
     */
    public record LeftOut(UntimedLines.Part part, long samples, long[] values) {
        public LeftOut {
            values = values.clone();
        }

        public long value(int t) {
            return values[t];
        }
    }

    static final int INLINE_IN = 1;
    static final int CALL_IN = 2;

    private final Header header;
    private final Counts counts;
    private final int k;
    private final int defaultIndex;
    private final String[] fnNames;
    private final long[] fnFlat;
    private final long[] fnCum;
    private final long[] fnInlineTypes;
    private final long[] fnCallTypes;
    private final int[] lineFn;
    private final String[] lineFile;
    private final long[] lineNo;
    private final long[] lineFlat;
    private final long[] lineCum;
    private final long[] lineCaller;
    private final long[] totals;
    private final long[] buckets;
    private final List<LabelTotal> labels;
    private final long droppedLabelPairs;
    private final ModuleLineCounters moduleLines;
    private final Map<Long, long[]> runtimeCaller;
    private List<LeftOut> leftOut = List.of();
    private Map<ProfileAggregator.Peek, long[]> peeks = Map.of();

    ProfileData(Header header, Counts counts, String[] fnNames, long[] fnFlat, long[] fnCum, long[] fnInlineTypes,
                long[] fnCallTypes, int[] lineFn, String[] lineFile, long[] lineNo, long[] lineFlat, long[] lineCum,
                long[] lineCaller, long[] totals, long[] buckets, List<LabelTotal> labels, long droppedLabelPairs,
                ModuleLineCounters moduleLines, Map<Long, long[]> runtimeCaller) {
        this.header = header;
        this.counts = counts;
        this.k = header.sampleTypes().size();
        this.defaultIndex = defaultIndex(header);
        this.fnNames = fnNames;
        this.fnFlat = fnFlat;
        this.fnCum = fnCum;
        this.fnInlineTypes = fnInlineTypes;
        this.fnCallTypes = fnCallTypes;
        this.lineFn = lineFn;
        this.lineFile = lineFile;
        this.lineNo = lineNo;
        this.lineFlat = lineFlat;
        this.lineCum = lineCum;
        this.lineCaller = lineCaller;
        this.totals = totals;
        this.buckets = buckets;
        this.labels = List.copyOf(labels);
        this.droppedLabelPairs = droppedLabelPairs;
        this.moduleLines = moduleLines;
        this.runtimeCaller = runtimeCaller;
    }

    /** Sets the callers of the lines {@link #lineCaller} counts (once, before the data is handed on). */
    ProfileData withPeeks(Map<ProfileAggregator.Peek, long[]> callers) {
        this.peeks = callers;
        return this;
    }

    /**
     * One line {@link #lineCaller} counts and the two frames out from it (the call that called its function and the
     * frame after that): line indices ({@code -1}: no frame, or a frame without line information) and function indices
     * ({@code -1}: no frame), with the samples' values per sample type.
     */
    public record LinePeek(int line, int caller, int callerFn, int outer, int outerFn, long[] values) {
    }

    /** The {@link LinePeek}s, kept only for a profile with an {@code alloc_space} sample type (else empty). */
    public List<LinePeek> linePeeks() {
        List<LinePeek> out = new ArrayList<>(peeks.size());
        peeks.forEach((p, v) -> out.add(new LinePeek(p.line(), p.caller(), p.callerFn(), p.outer(), p.outerFn(), v)));
        return out;
    }

    /** Sets what the reader left out (once, before the data is handed on). */
    ProfileData withLeftOut(List<LeftOut> parts) {
        this.leftOut = List.copyOf(parts);
        return this;
    }

    /** The samples of benchmarks' untimed parts left out, per part in order of first appearance; empty when none. */
    public List<LeftOut> leftOut() {
        return leftOut;
    }

    /** The share of sample type {@code t} left out: its left-out values over those and {@link #total}'s. */
    public double leftOutShare(int t) {
        long out = 0;
        for (LeftOut l : leftOut) {
            out += Math.abs(l.value(t));
        }
        long all = Math.abs(total(t)) + out;
        return all == 0 ? 0 : (double) out / all;
    }

    private static int defaultIndex(Header h) {
        List<SampleType> types = h.sampleTypes();
        if (!h.defaultSampleType().isEmpty()) {
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).type().equals(h.defaultSampleType())) {
                    return i;
                }
            }
        }
        return types.size() - 1;
    }

    public Header header() {
        return header;
    }

    public Counts counts() {
        return counts;
    }

    public List<SampleType> sampleTypes() {
        return header.sampleTypes();
    }

    /** The sample type pprof shows by default: {@code default_sample_type} when it names one, else the last. */
    public int defaultSampleIndex() {
        return defaultIndex;
    }

    /**
     * Resolves a sample index as {@code go tool pprof -sample_index} takes it: a sample type name
     * ({@code alloc_space}, {@code cpu}), or a 0-based number; null or empty means the default.
     *
     * @throws IllegalArgumentException naming the profile's sample types when nothing matches
     */
    public int sampleIndex(String nameOrIndex) {
        if (nameOrIndex == null || nameOrIndex.isBlank()) {
            return defaultIndex;
        }
        String s = nameOrIndex.strip();
        List<SampleType> types = sampleTypes();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).type().equals(s)) {
                return i;
            }
        }
        if (s.chars().allMatch(Character::isDigit) && s.length() < 10) {
            int i = Integer.parseInt(s);
            if (i < types.size()) {
                return i;
            }
        }
        List<String> names = new ArrayList<>();
        types.forEach(t -> names.add(t.type()));
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "sample index %s not valid: the profile has %s", nameOrIndex, String.join(", ", names)));
    }

    public long total(int t) {
        return totals[check(t)];
    }

    public int functionCount() {
        return fnNames.length;
    }

    /** The function's name as pprof prints it; {@code [binary]} or {@code <unknown>} for unsymbolized frames. */
    public String functionName(int fn) {
        return fnNames[fn];
    }

    public long flat(int fn, int t) {
        return fnFlat[fn * k + check(t)];
    }

    public long cum(int fn, int t) {
        return fnCum[fn * k + check(t)];
    }

    /**
     * pprof's node label for sample type {@code t}: {@code (inline)} when every call into the
     * function that carries a value was inlined, {@code (partial-inline)} when some were, else "".
     * (pprof decides on the edges left after its edge trimming; this uses all edges.)
     */
    public String inlineLabel(int fn, int t) {
        long bit = t < 64 ? 1L << t : 0;
        boolean inline = (fnInlineTypes[fn] & bit) != 0;
        boolean call = (fnCallTypes[fn] & bit) != 0;
        return inline ? (call ? "(partial-inline)" : "(inline)") : "";
    }

    /** Whether a call into the function that carries a value of sample type {@code t} was inlined (pprof's label). */
    boolean inlinedInto(int fn, int t) {
        return t < 64 && (fnInlineTypes[fn] & 1L << t) != 0;
    }

    /** Whether a call into the function that carries a value of sample type {@code t} was a real call. */
    boolean calledInto(int fn, int t) {
        return t < 64 && (fnCallTypes[fn] & 1L << t) != 0;
    }

    public int lineCount() {
        return lineFn.length;
    }

    public int lineFunction(int ln) {
        return lineFn[ln];
    }

    public String lineFile(int ln) {
        return lineFile[ln];
    }

    public long lineNumber(int ln) {
        return lineNo[ln];
    }

    public long lineFlat(int ln, int t) {
        return lineFlat[ln * k + check(t)];
    }

    public long lineCum(int ln, int t) {
        return lineCum[ln * k + check(t)];
    }

    /**
     * Value of the samples whose innermost frame outside the standard library is this line: its own work
     * plus what the standard-library code it calls does (an allocation in net/http counts at the calling line).
     */
    public long lineCaller(int ln, int t) {
        return lineCaller[ln * k + check(t)];
    }

    /** The runtime functions' categories a {@link RuntimeCallerLine} may name: the table's, and {@code other}. */
    static final List<String> RUNTIME_CATEGORIES;

    static {
        TreeSet<String> c = new TreeSet<>(RuntimeFunctions.CATEGORIES);
        c.add(RuntimeFunctions.OTHER);
        RUNTIME_CATEGORIES = List.copyOf(c);
    }

    /**
     * The index in {@link #RUNTIME_CATEGORIES} of a function as pprof names it when it is a runtime function, else
     * -1. A name without a package ({@code gcWriteBarrier}: an assembly-local symbol of the runtime since 1.21) is
     * one when the table has a category for {@code runtime.NAME}.
     */
    static int runtimeCategory(String name) {
        if (RuntimeFunctions.isRuntime(name)) {
            return RUNTIME_CATEGORIES.indexOf(RuntimeFunctions.category(name));
        }
        if (name.indexOf('.') < 0 && name.indexOf('/') < 0) {
            String c = RuntimeFunctions.category("runtime." + name);
            return c.equals(RuntimeFunctions.OTHER) ? -1 : RUNTIME_CATEGORIES.indexOf(c);
        }
        return -1;
    }

    /** What a {@link RuntimeCallerLine} counts: a line, a runtime category, one value per sample type. */
    public record RuntimeCharge(int line, String category, long[] values) {
    }

    /** The samples in runtime functions charged to their calling line, by category (values by sample type). */
    public List<RuntimeCharge> runtimeCharges() {
        List<RuntimeCharge> out = new ArrayList<>(runtimeCaller.size());
        int nc = RUNTIME_CATEGORIES.size();
        runtimeCaller.forEach((key, v) -> out.add(new RuntimeCharge((int) (key / nc),
                RUNTIME_CATEGORIES.get((int) (key % nc)), v)));
        return out;
    }

    /** Whether the line is in test code (a {@code *_test.go} file); see {@link ModuleLineCounters}. */
    public boolean lineInTests(int ln) {
        return moduleLines.test()[ln];
    }

    /**
     * The line's own cost: samples whose innermost frame outside the Go runtime (inlined frames included) is
     * this line; 0 for a line of test code; see {@link ModuleLineCounters}.
     */
    public long lineSelf(int ln, int t) {
        return moduleLines.self()[ln * k + check(t)];
    }

    /**
     * Samples with the line on the stack whose innermost runtime frames are preemption machinery
     * ({@code runtime.asyncPreempt}); part of {@link #lineCum}, never of {@link #lineSelf}; see {@link ModuleLineCounters}.
     */
    public long linePreempt(int ln, int t) {
        return moduleLines.preempt()[ln * k + check(t)];
    }

    /** The part of {@link #cum} of function {@code fn} whose innermost runtime frames are preemption machinery. */
    public long preempt(int fn, int t) {
        return moduleLines.functionPreempt()[fn * k + check(t)];
    }

    /** Value of the samples whose stack passes through {@code bucket}, each sample counted once. */
    public long bucket(RuntimeFunctions.Bucket bucket, int t) {
        return buckets[bucket.ordinal() * k + check(t)];
    }

    /** {@code value / total(t)}, 0 when the total is 0; shares use absolute values as pprof's do. */
    public double share(long value, int t) {
        long total = total(t);
        return total == 0 ? 0 : Math.abs((double) value / total);
    }

    /** Totals per string label pair, in first-seen order (at most {@link ProfileReader#MAX_LABEL_PAIRS}). */
    public List<LabelTotal> labels() {
        return labels;
    }

    /** Sample label pairs not kept because {@link #labels()} was full. */
    public long droppedLabelPairs() {
        return droppedLabelPairs;
    }

    private int check(int t) {
        return Objects.checkIndex(t, k);
    }
}
