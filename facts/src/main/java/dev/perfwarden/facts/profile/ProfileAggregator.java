package dev.perfwarden.facts.profile;

import com.google.perftools.profiles.ProfileProto.Label;
import com.google.perftools.profiles.ProfileProto.Sample;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.profile.ProfileReader.LineKey;
import dev.perfwarden.facts.profile.ProfileReader.Resolved;
import dev.perfwarden.facts.runtime.RuntimeFunctions;
import dev.perfwarden.facts.symbols.Symbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 2: adds each sample to per-function and per-line counters. A generation stamp per
 * function and line makes cum count each once per sample. Caller→callee edges are kept too
 * (weight per sample type, and whether every occurrence was an inlined call), only to give
 * functions pprof's {@code (inline)} / {@code (partial-inline)} label; they are walked from
 * the root to the leaf, as pprof does, so the same occurrence of a repeated edge counts.
 */
final class ProfileAggregator {
    /** pprof's default {@code -edgefraction}: edges under 0.1% of the total lose their label. */
    static final double EDGE_FRACTION = 0.001;

    private final Resolved r;
    private final ProfileTables run;
    private final boolean trackEdges;
    private final int k;
    private final long[] fnFlat;
    private final long[] fnCum;
    private final long[] lineFlat;
    private final long[] lineCum;
    /** Per line: samples whose innermost frame outside the standard library is this line. */
    private final long[] lineCaller;
    /** Per function: its package is in the standard library (incl. the runtime). */
    private final boolean[] fnStd;
    /** Per function: its index in {@link ProfileData#RUNTIME_CATEGORIES} when it is a runtime function, else -1. */
    private final int[] fnCategory;
    /** Per function: a write-barrier function that also clears or copies ({@link RuntimeFunctions#barrierWithOperation}). */
    private final boolean[] fnMixed;
    private static final int WRITE_BARRIER = ProfileData.RUNTIME_CATEGORIES.indexOf("write-barrier");
    private static final int OTHER = ProfileData.RUNTIME_CATEGORIES.indexOf(RuntimeFunctions.OTHER);
    /**
     * Per (line, caller frame's line, outer frame's line) of the innermost frame outside the standard library (the
     * line {@link #lineCaller} counts): its samples, by the two frames that called it ({@link LineCaller}); -1: no
     * frame. Kept only for profiles with an {@code alloc_space} sample type.
     */
    private final Map<Peek, long[]> peeks = new LinkedHashMap<>();
    /** Whether {@link #peeks} are kept: 1 yes, 0 no, -1 not known yet (the first sample asks the sample types). */
    private int trackPeeks = -1;

    /** A {@link #peeks} key: the line, and each of the two frames out from it as its line (-1: none) and function (-1: none). */
    record Peek(int line, int caller, int callerFn, int outer, int outerFn) {
    }

    /** Whether one of the profile's {@code k} sample types is {@code type}. */
    private static boolean hasType(ProfileTables t, int k, String type) {
        for (int i = 0; i < k && 2 * i < t.sampleTypeIdx.size(); i++) {
            long idx = t.sampleTypeIdx.get(2 * i);
            if (idx >= 0 && idx < t.strings.size() && type.equals(t.strings.get((int) idx))) {
                return true;
            }
        }
        return false;
    }

    /** Per (line, runtime category): samples in runtime functions of that category called from the line. */
    private final Map<Long, long[]> runtimeCaller = new LinkedHashMap<>();
    private final int[] fnStamp;
    private final int[] lineStamp;
    // ModuleLineCounters: the line's own cost, never given to a line of test code
    private final long[] self;
    private final long[] preempt;
    private final long[] fnPreemptCum;
    private final boolean[] lineTest;
    private final boolean[] fnRuntime;
    /** Per function: preemption machinery ({@link ModuleLineCounters#preemption}). */
    private final boolean[] fnPreempt;
    /** The current sample's innermost runtime frames hold preemption machinery. */
    private boolean preempting;
    private final long[] totals;
    private final long[] buckets;
    private final long[] values;
    private final int[] nz;
    private int nzCount;
    private int[] locs = new int[128];
    private int stamp;
    private final Map<String, long[]> labels = new LinkedHashMap<>();
    private long droppedLabels;
    /** Per location: the index in {@link #parts} of the untimed benchmark part one of its frames is in, else -1. */
    private final int[] locUntimed;
    /** The untimed parts met ({@link UntimedLines}), their samples left out and their values per sample type. */
    private final List<UntimedLines.Part> parts = new ArrayList<>();
    private final List<long[]> partValues = new ArrayList<>();
    private final List<long[]> partSamples = new ArrayList<>();

    // edges: caller -> callee, dense indices
    private final LongIntMap edgeIndex;
    private int edges;
    private int[] edgeCallee = new int[64];
    private long[] edgeWeight;
    private long[] edgeSeen = new long[64];
    private long[] edgeCalled = new long[64];
    private int[] edgeStamp = new int[64];
    private final int[] frameEdge;
    private final int[] crossFrom;
    private final int[] crossEdge;

    ProfileAggregator(Resolved r, ProfileTables run, boolean trackEdges) {
        this(r, run, trackEdges, UntimedLines.NONE);
    }

    ProfileAggregator(Resolved r, ProfileTables run, boolean trackEdges, UntimedLines untimed) {
        this.r = r;
        this.run = run;
        this.trackEdges = trackEdges;
        this.k = r.types();
        int nf = r.names().length;
        int nl = r.lines().size();
        fnFlat = new long[nf * k];
        fnCum = new long[nf * k];
        lineFlat = new long[nl * k];
        lineCum = new long[nl * k];
        lineCaller = new long[nl * k];
        fnStd = new boolean[nf];
        for (int i = 0; i < nf; i++) {
            fnStd[i] = Symbols.isStandardLibrary(r.names()[i]);
        }
        fnCategory = new int[nf];
        fnMixed = new boolean[nf];
        for (int i = 0; i < nf; i++) {
            fnCategory[i] = ProfileData.runtimeCategory(r.names()[i]);
            fnMixed[i] = RuntimeFunctions.barrierWithOperation(r.names()[i]);
        }
        fnStamp = new int[nf];
        lineStamp = new int[nl];
        self = new long[nl * k];
        preempt = new long[nl * k];
        fnPreemptCum = new long[nf * k];
        lineTest = new boolean[nl];
        for (int i = 0; i < nl; i++) {
            lineTest[i] = ModuleLineCounters.testFile(r.lines().get(i).file());
        }
        fnRuntime = new boolean[nf];
        fnPreempt = new boolean[nf];
        for (int i = 0; i < nf; i++) {
            fnRuntime[i] = ModuleLineCounters.runtime(r.names()[i]);
            fnPreempt[i] = ModuleLineCounters.preemption(r.names()[i]);
        }
        totals = new long[k];
        buckets = new long[RuntimeFunctions.Bucket.values().length * k];
        values = new long[k];
        nz = new int[k];
        edgeWeight = new long[64 * k];
        int[] frameFn = r.frameFn();
        int[] frameStart = r.frameStart();
        edgeIndex = new LongIntMap(Math.max(16, frameFn.length));
        frameEdge = new int[frameFn.length];
        Arrays.fill(frameEdge, -1);
        for (int li = 0; trackEdges && li + 1 < frameStart.length; li++) {
            for (int f = frameStart[li]; f + 1 < frameStart[li + 1]; f++) {
                if (frameFn[f + 1] != frameFn[f]) {
                    frameEdge[f] = edge(frameFn[f + 1], frameFn[f]);
                }
            }
        }
        int nLoc = frameStart.length - 1;
        crossFrom = new int[nLoc];
        crossEdge = new int[nLoc];
        Arrays.fill(crossFrom, -1);
        locUntimed = untimed(untimed);
    }

    /** {@link #locUntimed}: asks {@code untimed} about each line of a test file (benchmarks and their helpers). */
    private int[] untimed(UntimedLines untimed) {
        int[] frameStart = r.frameStart();
        int[] out = new int[frameStart.length - 1];
        Arrays.fill(out, -1);
        if (untimed == UntimedLines.NONE) {
            return out;
        }
        List<LineKey> keys = r.lines();
        int[] lineUntimed = new int[keys.size()];
        Map<UntimedLines.Part, Integer> index = new java.util.HashMap<>();
        for (int ln = 0; ln < keys.size(); ln++) {
            LineKey key = keys.get(ln);
            String fn = r.names()[key.fn()];
            UntimedLines.Part p = key.file().endsWith("_test.go") ? untimed.at(fn, key.file(), key.line()) : null;
            lineUntimed[ln] = p == null ? -1 : index.computeIfAbsent(p, x -> {
                parts.add(x);
                partValues.add(new long[k]);
                partSamples.add(new long[1]);
                return parts.size() - 1;
            });
        }
        for (int li = 0; li < out.length && !parts.isEmpty(); li++) {
            for (int f = frameStart[li]; f < frameStart[li + 1] && out[li] < 0; f++) {
                int ln = r.frameLine()[f];
                out[li] = ln < 0 ? -1 : lineUntimed[ln];
            }
        }
        return out;
    }

    private int edge(int caller, int callee) {
        long key = ((long) (caller + 1) << 32) | (callee + 1);
        int e = edgeIndex.get(key);
        if (e >= 0) {
            return e;
        }
        e = edges++;
        if (e == edgeCallee.length) {
            int cap = edgeCallee.length * 2;
            edgeCallee = Arrays.copyOf(edgeCallee, cap);
            edgeSeen = Arrays.copyOf(edgeSeen, cap);
            edgeCalled = Arrays.copyOf(edgeCalled, cap);
            edgeStamp = Arrays.copyOf(edgeStamp, cap);
            edgeWeight = Arrays.copyOf(edgeWeight, cap * k);
        }
        edgeCallee[e] = callee;
        edgeIndex.put(key, e);
        return e;
    }

    void add(Sample s, long off) throws ParseException {
        long nonZero = values(s, off);
        int n = locations(s, off);
        int part = parts.isEmpty() ? -1 : untimedPart(n);
        if (part >= 0) { // a benchmark's untimed part: counted apart, in nothing else (not even the totals)
            partSamples.get(part)[0]++;
            for (int t = 0; t < k; t++) {
                totals[t] -= Math.abs(values[t]);
                partValues.get(part)[t] += values[t];
            }
            return;
        }
        for (int i = 0; i < s.getLabelCount(); i++) {
            label(s.getLabel(i), off);
        }
        if (nzCount == 0) {
            return;
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(fnStamp, 0);
            Arrays.fill(lineStamp, 0);
            Arrays.fill(edgeStamp, 0);
            stamp = 1;
        }
        preempting = preempting(n);
        int mask = cumulative(n, nonZero);
        if (n > 0) {
            flat(n);
            addSelf(n);
        }
        for (RuntimeFunctions.Bucket b : RuntimeFunctions.Bucket.values()) {
            if ((mask & b.bit()) != 0) {
                addTo(buckets, b.ordinal());
            }
        }
    }

    /** Reads the sample's values into {@code values} and {@code nz}; returns the bit set of nonzero types (first 64). */
    private long values(Sample s, long off) throws ParseException {
        if (s.getValueCount() != k) {
            throw run.malformed(off, "sample has " + s.getValueCount() + " values, but the profile declares " + k
                    + " sample types");
        }
        long nonZero = 0;
        nzCount = 0;
        for (int t = 0; t < k; t++) {
            long v = s.getValue(t);
            values[t] = v;
            try {
                // exact: every flat, cum, edge and label sum is bounded by this total
                totals[t] = Math.addExact(totals[t], Math.absExact(v));
            } catch (ArithmeticException e) {
                throw run.malformed(off, "the values of sample type " + (t + 1) + " add up to more than "
                        + Long.MAX_VALUE + " (64-bit overflow)");
            }
            if (v != 0) {
                nz[nzCount++] = t;
                if (t < 64) {
                    nonZero |= 1L << t;
                }
            }
        }
        return nonZero;
    }

    /** The untimed part of the innermost location of the sample's stack that is in one, or -1. */
    private int untimedPart(int n) {
        for (int i = 0; i < n; i++) {
            if (locUntimed[locs[i]] >= 0) {
                return locUntimed[locs[i]];
            }
        }
        return -1;
    }

    /** Reads the sample's location indices into {@code locs}, leaf first; returns how many. */
    private int locations(Sample s, long off) throws ParseException {
        int n = s.getLocationIdCount();
        if (locs.length < n) {
            locs = new int[Math.max(n, locs.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            long id = s.getLocationId(i);
            int li = r.locations().get(id);
            if (li < 0) {
                throw run.malformed(off, "sample references location id " + id
                        + (id == 0 ? " (ids must be nonzero)" : ", which the profile does not define"));
            }
            locs[i] = li;
        }
        return n;
    }

    /**
     * Walks the stack from the root: cumulative counters of each function and line once per sample,
     * and the caller → callee edges; returns the runtime buckets the stack's locations fall in.
     */
    private int cumulative(int n, long nonZero) {
        int[] frameStart = r.frameStart();
        int[] frameFn = r.frameFn();
        int[] frameLine = r.frameLine();
        int mask = 0;
        int parent = -1;
        int parentLoc = -1;
        for (int i = n - 1; i >= 0; i--) {
            int li = locs[i];
            int start = frameStart[li];
            int outer = frameStart[li + 1] - 1;
            for (int f = outer; f >= start; f--) {
                int fn = frameFn[f];
                if (fnStamp[fn] != stamp) {
                    fnStamp[fn] = stamp;
                    addTo(fnCum, fn);
                    if (preempting && !fnPreempt[fn]) {
                        addTo(fnPreemptCum, fn);
                    }
                }
                int ln = frameLine[f];
                if (ln >= 0 && lineStamp[ln] != stamp) {
                    lineStamp[ln] = stamp;
                    addTo(lineCum, ln);
                    if (preempting && !fnPreempt[fn]) { // the preemption's own lines: that is what they are
                        addTo(preempt, ln);
                    }
                }
                if (trackEdges && parent >= 0 && parent != fn) {
                    addEdge(f == outer ? crossEdge(li, parentLoc, parent, fn) : frameEdge[f], f == outer, nonZero);
                }
                parent = fn;
            }
            parentLoc = li;
            mask |= r.locMask()[li];
        }
        return mask;
    }

    /** The edge into location {@code li}'s outermost frame from the location walked before it (cached per location). */
    private int crossEdge(int li, int parentLoc, int parent, int fn) {
        if (crossFrom[li] == parentLoc) {
            return crossEdge[li];
        }
        int e = edge(parent, fn);
        crossFrom[li] = parentLoc;
        crossEdge[li] = e;
        return e;
    }

    private void addEdge(int e, boolean call, long nonZero) {
        if (edgeStamp[e] != stamp) {
            edgeStamp[e] = stamp;
            addTo(edgeWeight, e);
            edgeSeen[e] |= nonZero;
            if (call) {
                edgeCalled[e] |= nonZero;
            }
        }
    }

    /** Flat counters of the leaf's function and line, and the innermost line outside the standard library. */
    private void flat(int n) {
        int[] frameStart = r.frameStart();
        int[] frameFn = r.frameFn();
        int[] frameLine = r.frameLine();
        int leaf = frameStart[locs[0]];
        addTo(fnFlat, frameFn[leaf]);
        if (frameLine[leaf] >= 0) {
            addTo(lineFlat, frameLine[leaf]);
        }
        chargeRuntime(n);
        for (int i = 0; i < n; i++) {
            int li = locs[i];
            for (int f = frameStart[li]; f < frameStart[li + 1]; f++) {
                if (!fnStd[frameFn[f]] && frameLine[f] >= 0) {
                    addTo(lineCaller, frameLine[f]);
                    if (trackPeeks < 0) {
                        trackPeeks = hasType(run, k, "alloc_space") ? 1 : 0;
                    }
                    if (trackPeeks == 1) {
                        peek(n, i, f);
                    }
                    return;
                }
            }
        }
    }

    /** Counts the sample for frame {@code f} (of location {@code i}) under the two frames out from it ({@link #peeks}). */
    private void peek(int n, int i, int f) {
        int[] frameStart = r.frameStart();
        int[] frameLine = r.frameLine();
        int[] frameFn = r.frameFn();
        int[] out = {-1, -1, -1, -1};
        int found = 0;
        int li = i;
        int g = f + 1;
        while (found < 2 && li < n) {
            if (g >= frameStart[locs[li] + 1]) {
                li++;
                g = li < n ? frameStart[locs[li]] : g;
                continue;
            }
            out[2 * found] = frameLine[g];
            out[2 * found + 1] = frameFn[g];
            found++;
            g++;
        }
        if (found == 0) {
            return; // the line's function is the stack's root
        }
        long[] v = peeks.computeIfAbsent(new Peek(frameLine[f], out[0], out[1], out[2], out[3]), x -> new long[k]);
        for (int j = 0; j < nzCount; j++) {
            v[nz[j]] += values[nz[j]];
        }
    }

    /**
     * Charges a sample whose innermost frames are runtime functions to the first frame outside the runtime (the line
     * that called them), under the category of the outermost of those runtime frames (the function the line called).
     * A write-barrier function that also clears or copies ({@link RuntimeFunctions#barrierWithOperation}:
     * {@code memclrHasPointers}) is the barrier only in the pure barrier functions it calls ({@code
     * bulkBarrierPreWrite}); its other samples (the clearing, its own instructions) are charged as {@code other}.
     */
    private void chargeRuntime(int n) {
        int[] frameStart = r.frameStart();
        int[] frameFn = r.frameFn();
        int[] frameLine = r.frameLine();
        int category = -1; // the category of the outermost runtime frame walked so far (the function a line called)
        boolean mixed = false; // that frame is a barrier function that also does the operation
        boolean barrier = false; // a pure barrier function was walked
        for (int i = 0; i < n; i++) {
            int li = locs[i];
            for (int f = frameStart[li]; f < frameStart[li + 1]; f++) {
                int fn = frameFn[f];
                if (fnCategory[fn] >= 0) {
                    category = fnCategory[fn];
                    mixed = fnMixed[fn];
                    barrier |= category == WRITE_BARRIER && !mixed;
                    continue;
                }
                if (category >= 0 && frameLine[f] >= 0) {
                    int c = category == WRITE_BARRIER && mixed && !barrier ? OTHER : category;
                    long key = (long) frameLine[f] * ProfileData.RUNTIME_CATEGORIES.size() + c;
                    addTo(runtimeCaller.computeIfAbsent(key, x -> new long[k]), 0);
                }
                return; // done: the first frame outside the runtime is found
            }
        }
    }

    /** Whether the sample's innermost runtime frames (up to the first frame outside the runtime) hold preemption. */
    private boolean preempting(int n) {
        int[] frameStart = r.frameStart();
        int[] frameFn = r.frameFn();
        for (int i = 0; i < n; i++) {
            int li = locs[i];
            for (int f = frameStart[li]; f < frameStart[li + 1]; f++) {
                int fn = frameFn[f];
                if (!fnRuntime[fn]) {
                    return false;
                }
                if (fnPreempt[fn]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Gives the sample to the innermost frame outside the runtime, unless that frame is a line of test code (a
     * {@code *_test.go} file: the benchmark's own loop). A module line inlined into a test function counts: the
     * benchmark calling {@code NewEncoder} is how the module's code runs. A preemption sample is nobody's.
     */
    private void addSelf(int n) {
        if (preempting) {
            return;
        }
        int[] frameStart = r.frameStart();
        for (int i = 0; i < n; i++) {
            int li = locs[i];
            for (int f = frameStart[li]; f < frameStart[li + 1]; f++) {
                if (!fnRuntime[r.frameFn()[f]]) {
                    int ln = r.frameLine()[f];
                    if (ln >= 0 && !lineTest[ln]) {
                        addTo(self, ln);
                    }
                    return;
                }
            }
        }
    }

    /** Adds this sample's nonzero values to the counters of {@code index}. */
    private void addTo(long[] counters, int index) {
        int base = index * k;
        for (int j = 0; j < nzCount; j++) {
            int t = nz[j];
            counters[base + t] += values[t];
        }
    }

    private void label(Label l, long off) throws ParseException {
        String key = run.str(l.getKey(), off, "sample label key");
        String str = run.str(l.getStr(), off, "sample label " + key + " value");
        run.str(l.getNumUnit(), off, "sample label " + key + " num_unit");
        if (l.getStr() == 0) {
            return; // numeric label (e.g. heap profiles' "bytes")
        }
        String pair = key + '\u0000' + str;
        long[] sums = labels.get(pair);
        if (sums == null) {
            if (labels.size() >= ProfileReader.MAX_LABEL_PAIRS) {
                droppedLabels++;
                return;
            }
            sums = new long[k];
            labels.put(pair, sums);
        }
        for (int t = 0; t < k; t++) {
            sums[t] += values[t];
        }
    }

    ProfileData finish(ProfileData.Header header, ProfileData.Counts counts) {
        List<LineKey> keys = r.lines();
        int[] lineFn = new int[keys.size()];
        String[] lineFile = new String[keys.size()];
        long[] lineNo = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            lineFn[i] = keys.get(i).fn();
            lineFile[i] = keys.get(i).file();
            lineNo[i] = keys.get(i).line();
        }
        // pprof's label: from the callee's incoming edges that survive the edge-fraction cut
        int nf = r.names().length;
        long[] inlineTypes = new long[nf];
        long[] callTypes = new long[nf];
        for (int t = 0; t < Math.min(k, 64); t++) {
            long cutoff = Math.abs((long) (totals[t] * EDGE_FRACTION));
            long bit = 1L << t;
            for (int e = 0; e < edges; e++) {
                if ((edgeSeen[e] & bit) == 0 || Math.abs(edgeWeight[e * k + t]) < cutoff) {
                    continue;
                }
                if ((edgeCalled[e] & bit) != 0) {
                    callTypes[edgeCallee[e]] |= bit;
                } else {
                    inlineTypes[edgeCallee[e]] |= bit;
                }
            }
        }
        List<ProfileData.LabelTotal> labelTotals = new ArrayList<>();
        labels.forEach((pair, sums) -> {
            int cut = pair.indexOf('\u0000');
            List<Long> v = new ArrayList<>();
            for (long x : sums) {
                v.add(x);
            }
            labelTotals.add(new ProfileData.LabelTotal(pair.substring(0, cut), pair.substring(cut + 1), v));
        });
        List<ProfileData.LeftOut> leftOut = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            if (partSamples.get(p)[0] > 0) {
                leftOut.add(new ProfileData.LeftOut(parts.get(p), partSamples.get(p)[0], partValues.get(p)));
            }
        }
        return new ProfileData(header, counts, r.names(), fnFlat, fnCum, inlineTypes, callTypes, lineFn, lineFile,
                lineNo, lineFlat, lineCum, lineCaller, totals, buckets, labelTotals, droppedLabels,
                new ModuleLineCounters(lineTest, self, preempt, fnPreemptCum), runtimeCaller)
                .withLeftOut(leftOut).withPeeks(peeks);
    }
}
