package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.runtime.RuntimeFunctions;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.parse.InputSource;
import dev.perfwarden.facts.parse.ParseContext;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads pprof profiles (profile.proto, gzipped as Go writes them or plain; CPU, heap/allocs,
 * mutex, block, or any other sample types; and the legacy text heap profile of
 * {@code /debug/pprof/heap?debug=1} and the compiler's {@code -memprofile}) through {@link ProfileReader} and emits, for every
 * sample type: one {@link ProfileSummary}, one {@link HotFunction} per function with a nonzero
 * flat or cum value, one {@link HotLine} per (function, file, line) with a nonzero value, and one
 * {@link LineCost} per (file, line), summed over the functions that hold the line, and one {@link CallerLine}
 * per (function, file, line) outside the standard library that the standard-library work of a sample is
 * charged to, and one {@link RuntimeCallerLine} per such line and category of the runtime functions it calls that
 * hold samples, and for {@code alloc_space} one {@link LineCaller} per such line and the two frames that called it.
 *
 * <p>Each sample counts as one record. Symbols are the profile's function names passed through
 * {@link Symbols#normalize} (for Go's own profiles that changes nothing but the pre-1.20
 * {@code type..eq} spelling); files pass through the {@link FileNormalizer} given to the
 * constructor (default: kept as the profile records them).
 */
public final class PprofParser implements InputParser {
    private final FileNormalizer files;
    private final UntimedLines untimed;

    public PprofParser() {
        this(FileNormalizer.identity());
    }

    public PprofParser(FileNormalizer files) {
        this(files, UntimedLines.NONE);
    }

    private PprofParser(FileNormalizer files, UntimedLines untimed) {
        this.files = Objects.requireNonNull(files, "files");
        this.untimed = Objects.requireNonNull(untimed, "untimed");
    }

    /**
     * This parser leaving out the samples of benchmarks' untimed parts ({@link UntimedLines}, known from the sources),
     * with a note on the input saying how many and whose ({@link #leftOutNote}).
     */
    public PprofParser withUntimed(UntimedLines lines) {
        return new PprofParser(files, lines);
    }

    @Override
    public InputKind kind() {
        return InputKind.PPROF;
    }

    @Override
    public boolean sniff(InputHead head) {
        try {
            return ProfileSniffer.looksLikeProfile(head)
                    || (!head.directory() && !head.gzip() && !head.binary() && LegacyHeapProfile.sniff(head.text()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A gzip file or a file named like a profile ({@code .pprof}, {@code .prof}, {@code .pb.gz}) that did not sniff: damaged. */
    @Override
    public boolean claims(InputHead head) {
        String n = head.name().toLowerCase(java.util.Locale.ROOT);
        return !head.directory() && (head.gzip() || n.endsWith(".pprof") || n.endsWith(".prof")
                || n.endsWith(".pb.gz") || n.endsWith(".pb"));
    }

    @Override
    public void parse(InputSource source, ParseContext ctx) throws IOException, ParseException {
        ProfileData data = new ProfileReader(files).withoutInlineLabels().withUntimed(untimed)
                .read(source.path(), ctx.input());
        for (long i = 0; i < data.counts().samples(); i++) {
            ctx.record();
        }
        String leftOut = leftOutNote(data);
        if (leftOut != null) {
            ctx.note(leftOut);
        }
        if (data.counts().unknownFields() > 0) {
            ctx.unparsed(0, "fields unknown to profile.proto skipped", data.counts().unknownFields() + " fields");
        }
        emit(data, ctx.input(), ctx);
    }

    private record LineSite(String file, int line) {
    }

    /** Most untimed parts a note names (the largest); the others are counted. */
    static final int NOTE_PARTS = 3;

    /**
     * The input's note on the samples of benchmarks' untimed parts left out, or null when none were:
     * {@code 1,234 samples (19.9 % of alloc_space) of benchmark setup left out: Benchmark_DivideNew before
     * b.ResetTimer at decimal_bench_test.go:95}; samples are a CPU profile's {@code samples/count}, else the
     * profile's sample records (a heap profile's sampled stacks); the share is of {@code alloc_space} when the profile has it (what
     * the rules weigh allocations by), else of its default sample type, and each part gets its own share when there
     * are several (the largest {@link #NOTE_PARTS}, then how many more).
     */
    static String leftOutNote(ProfileData data) {
        if (data.leftOut().isEmpty()) {
            return null;
        }
        int t = data.defaultSampleIndex();
        for (int i = 0; i < data.sampleTypes().size(); i++) {
            t = data.sampleTypes().get(i).type().equals("alloc_space") ? i : t;
        }
        int type = t;
        int count = -1; // a CPU profile's samples/count: its samples, each stack record holding several
        for (int i = 0; i < data.sampleTypes().size(); i++) {
            SampleType st = data.sampleTypes().get(i);
            count = st.type().equals("samples") && st.unit().equals("count") ? i : count;
        }
        int c = count;
        long samples = data.leftOut().stream().mapToLong(l -> c < 0 ? l.samples() : Math.abs(l.value(c))).sum();
        long all = Math.abs(data.total(t)) + data.leftOut().stream().mapToLong(l -> Math.abs(l.value(type))).sum();
        List<ProfileData.LeftOut> parts = data.leftOut().stream()
                .sorted(Comparator.comparingLong((ProfileData.LeftOut l) -> -Math.abs(l.value(type)))).toList();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,d samples (%s of %s) of benchmark"
                + " setup left out: ", samples, percent(data.leftOutShare(t)), data.sampleTypes().get(t).type()));
        for (int i = 0; i < Math.min(NOTE_PARTS, parts.size()); i++) {
            ProfileData.LeftOut l = parts.get(i);
            out.append(i == 0 ? "" : ", ").append(l.part().describe());
            if (parts.size() > 1) {
                out.append(" (").append(percent(all == 0 ? 0.0 : Math.abs((double) l.value(t)) / all)).append(')');
            }
        }
        if (parts.size() > NOTE_PARTS) {
            out.append(" and ").append(parts.size() - NOTE_PARTS).append(" more");
        }
        return out.toString();
    }

    /** Each function's instance name ({@link Symbols#normalizeInstance}), by function index. */
    private static String[] instances(ProfileData data) {
        String[] out = new String[data.functionCount()];
        for (int fn = 0; fn < out.length; fn++) {
            out[fn] = Symbols.normalizeInstance(data.functionName(fn));
        }
        return out;
    }

    /** Emits the facts of an already read profile. */
    static void emit(ProfileData data, String input, ParseContext ctx) {
        String[] instances = instances(data);
        String[] symbols = new String[instances.length];
        for (int fn = 0; fn < symbols.length; fn++) {
            symbols[fn] = Symbols.collapseTypeArgs(instances[fn]); // the site key; the same string when not generic
        }
        for (int t = 0; t < data.sampleTypes().size(); t++) {
            SampleType st = data.sampleTypes().get(t);
            ctx.emit(summary(data, input, symbols, t));
            for (int fn = 0; fn < symbols.length; fn++) {
                long flat = data.flat(fn, t);
                long cum = data.cum(fn, t);
                if (flat != 0 || cum != 0) {
                    ctx.emit(new HotFunction(symbols[fn], st.type(), st.unit(), flat, data.share(flat, t), cum,
                            data.share(cum, t), instances[fn], data.preempt(fn, t), input));
                }
            }
            Map<LineSite, long[]> sites = new LinkedHashMap<>();
            for (int ln = 0; ln < data.lineCount(); ln++) {
                long flat = data.lineFlat(ln, t);
                long cum = data.lineCum(ln, t);
                long caller = data.lineCaller(ln, t);
                int lineNo = (int) Math.min(Integer.MAX_VALUE, Math.max(0, data.lineNumber(ln)));
                if (caller != 0) {
                    ctx.emit(new CallerLine(symbols[data.lineFunction(ln)], data.lineFile(ln), lineNo, st.type(),
                            st.unit(), caller, data.share(caller, t), instances[data.lineFunction(ln)], flat, input));
                }
                if (flat != 0 || cum != 0) {
                    ctx.emit(new HotLine(symbols[data.lineFunction(ln)], data.lineFile(ln), lineNo, st.type(),
                            st.unit(), flat, data.share(flat, t), cum, data.share(cum, t),
                            instances[data.lineFunction(ln)], data.linePreempt(ln, t)));
                    if (data.lineInTests(ln)) {
                        continue; // a line of test code costs the module nothing; module lines inlined there count
                    }
                    long[] sum = sites.computeIfAbsent(new LineSite(data.lineFile(ln), lineNo), k -> new long[4]);
                    sum[0] += flat;
                    sum[1] += cum - data.linePreempt(ln, t); // preemption: no work the line or its calls asked for
                    sum[2] += data.lineSelf(ln, t);
                    sum[3]++;
                }
            }
            emitRuntimeCallers(data, symbols, t, ctx);
            if (st.type().equals("alloc_space")) {
                emitLineCallers(data, symbols, instances, t, input, ctx);
            }
            long total = Math.abs(data.total(t));
            for (Map.Entry<LineSite, long[]> e : sites.entrySet()) {
                long[] sum = e.getValue();
                // a stack holding the line in two functions (two instances of one generic) would count twice
                long cum = total == 0 ? sum[1] : Math.max(-total, Math.min(total, sum[1]));
                ctx.emit(new LineCost(e.getKey().file(), e.getKey().line(), st.type(), st.unit(), sum[0],
                        data.share(sum[0], t), cum, Math.min(1.0, data.share(cum, t)), sum[2],
                        data.share(sum[2], t), (int) sum[3], input));
            }
        }
    }

    /** {@code 19.9 %}; {@code <0.1 %} for a share above 0 that would print as 0.0. */
    private static String percent(double share) {
        return share > 0 && share < 0.0005 ? "<0.1 %" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** The {@link ProfileSummary} of sample type {@code t}. */
    private static ProfileSummary summary(ProfileData data, String input, String[] symbols, int t) {
        SampleType st = data.sampleTypes().get(t);
        ProfileData.Header h = data.header();
        Map<String, Long> assembly = assembly(data, symbols, t);
        return new ProfileSummary(input, st.type(), st.unit(), data.total(t), h.durationNanos(), h.period(),
                data.share(data.bucket(RuntimeFunctions.Bucket.ALLOCATOR, t), t),
                data.share(data.bucket(RuntimeFunctions.Bucket.GC, t), t),
                data.share(data.bucket(RuntimeFunctions.Bucket.SCHEDULER, t), t),
                data.share(data.bucket(RuntimeFunctions.Bucket.PROFILER, t), t),
                data.share(assembly.values().stream().mapToLong(Long::longValue).sum(), t),
                largest(assembly, data, t), h.mainBuildId(),
                Math.abs(data.leftOut().stream().mapToLong(l -> l.value(t)).sum()));
    }

    /** Flat samples of type {@code t} per function outside the standard library whose lines are in a {@code .s} file. */
    private static Map<String, Long> assembly(ProfileData data, String[] symbols, int t) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int ln = 0; ln < data.lineCount(); ln++) {
            long flat = data.lineFlat(ln, t);
            String fn = symbols[data.lineFunction(ln)];
            if (flat != 0 && data.lineFile(ln).endsWith(".s") && !Symbols.isStandardLibrary(fn)) {
                out.merge(fn, flat, Long::sum);
            }
        }
        return out;
    }

    /** The three largest of {@code flat} (by value, then name), each as {@code name (84.1 %)}. */
    private static java.util.List<String> largest(Map<String, Long> flat, ProfileData data, int t) {
        return flat.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> e.getKey() + String.format(java.util.Locale.ROOT, " (%.1f %%)",
                        data.share(e.getValue(), t) * 100)).toList();
    }

    /** One {@link LineCaller} per (line, caller frame, outer frame) with a nonzero value of sample type {@code t}. */
    private static void emitLineCallers(ProfileData data, String[] symbols, String[] instances, int t, String input,
                                        ParseContext ctx) {
        SampleType st = data.sampleTypes().get(t);
        for (ProfileData.LinePeek p : data.linePeeks()) {
            long v = p.values()[t];
            if (v == 0) {
                continue;
            }
            int fn = data.lineFunction(p.line());
            ctx.emit(new LineCaller(symbols[fn], data.lineFile(p.line()), lineNo(data, p.line()), instances[fn],
                    p.callerFn() < 0 ? "" : symbols[p.callerFn()], p.caller() < 0 ? "" : data.lineFile(p.caller()),
                    p.caller() < 0 ? 0 : lineNo(data, p.caller()),
                    p.outerFn() < 0 ? "" : symbols[p.outerFn()], p.outer() < 0 ? "" : data.lineFile(p.outer()),
                    p.outer() < 0 ? 0 : lineNo(data, p.outer()), st.type(), st.unit(), v, data.share(v, t), input));
        }
    }

    private static int lineNo(ProfileData data, int ln) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, data.lineNumber(ln)));
    }

    /** One {@link RuntimeCallerLine} per (line, runtime category) with a nonzero value of sample type {@code t}. */
    private static void emitRuntimeCallers(ProfileData data, String[] symbols, int t, ParseContext ctx) {
        SampleType st = data.sampleTypes().get(t);
        for (ProfileData.RuntimeCharge c : data.runtimeCharges()) {
            long v = c.values()[t];
            if (v != 0) {
                int lineNo = (int) Math.min(Integer.MAX_VALUE, Math.max(0, data.lineNumber(c.line())));
                ctx.emit(new RuntimeCallerLine(symbols[data.lineFunction(c.line())], data.lineFile(c.line()),
                        lineNo, c.category(), st.type(), st.unit(), v, data.share(v, t)));
            }
        }
    }
}
