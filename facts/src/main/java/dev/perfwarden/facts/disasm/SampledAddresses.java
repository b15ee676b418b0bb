package dev.perfwarden.facts.disasm;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Profile;
import com.google.protobuf.CodedInputStream;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.profile.PprofSamples;
import dev.perfwarden.facts.profile.ProfileData;
import dev.perfwarden.facts.profile.ProfileReader;
import dev.perfwarden.facts.profile.SampleType;
import dev.perfwarden.facts.profile.UntimedLines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A profile's samples by address, as {@code go tool pprof -disasm} counts them: pprof collapses each
 * location to its outermost frame ({@code -disasm} forces {@code noinlines}) and makes one node per
 * address of the main binary's mapping; a sample adds its value to the flat of its leaf node and to the
 * cum of every distinct node on its stack. Nodes are sorted by address; each keeps the location's full
 * frame chain (innermost first) for {@link HotInstruction#frames()}.
 *
 * <p>The profile is first read (and validated, with positioned errors) by {@link ProfileReader}, which
 * also resolves the sample index; the addresses are then read with the generated {@code profile.proto} classes
 * from the decompressed bytes that read kept in memory (the file is not read and decompressed again unless it
 * was too large to keep). Only the first mapping (the main binary, in Go's profiles) is kept:
 * addresses of the vDSO and other mappings are never in the binary's objdump.
 */
public final class SampledAddresses {
    /**
     * Largest decompressed profile read for addresses: 512 MiB, or a 32nd of the maximum heap when that is less
     * (the decoded messages take some 15 times their bytes: a small gzipped profile that inflates past the heap must
     * be refused as too large, not run the JVM out of memory; see the HTML report's FlameGraph).
     */
    static final int MAX_BYTES = (int) Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 32);
    /** The frame an asynchronous preemption pushes at the interrupted instruction: no callee of the code there. */
    private static final String PREEMPT = "runtime.asyncPreempt ";

    private final String display;
    private final SampleType sampleType;
    private final long total;
    private final String binary;
    private final String buildId;
    private final long[] address;
    private final long[] flat;
    private final long[] cum;
    private final long[] flatCount;
    private final List<List<String>> frames;
    private final List<Map<String, Long>> callees;
    /** Per node: the samples of each benchmark ({flat, cum}), null when none. */
    private final List<Map<String, long[]>> benchmarks;
    /** Each benchmark's timed samples ({@link BenchmarkSamples#total()}). */
    private final Map<String, Long> benchmarkTotals;
    private final String[] outerFunction;
    private final String[] outerFile;
    private final int[] outerLine;

    private SampledAddresses(String display, SampleType sampleType, long total, String binary, String buildId,
                             List<Node> nodes, Map<String, Long> benchmarkTotals) {
        this.display = display;
        this.sampleType = sampleType;
        this.total = total;
        this.binary = binary;
        this.buildId = buildId;
        int n = nodes.size();
        address = new long[n];
        flat = new long[n];
        cum = new long[n];
        flatCount = new long[n];
        frames = new ArrayList<>(n);
        callees = new ArrayList<>(n);
        benchmarks = new ArrayList<>(n);
        this.benchmarkTotals = Map.copyOf(benchmarkTotals);
        outerFunction = new String[n];
        outerFile = new String[n];
        outerLine = new int[n];
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            address[i] = node.address;
            flat[i] = node.flat;
            cum[i] = node.cum;
            flatCount[i] = node.flatCount;
            frames.add(List.copyOf(node.frames));
            callees.add(node.callees());
            benchmarks.add(node.benchmarks);
            outerFunction[i] = node.function;
            outerFile[i] = node.file;
            outerLine[i] = node.line;
        }
    }

    /**
     * Reads {@code profile} for one sample type.
     *
     * @param sampleIndex a sample type name ({@code cpu}, {@code samples}) or 0-based index; null for the default
     * @throws IllegalArgumentException when {@code sampleIndex} names no sample type of the profile
     */
    public static SampledAddresses read(Path profile, String display, String sampleIndex)
            throws IOException, ParseException {
        return read(profile, display, sampleIndex, UntimedLines.NONE);
    }

    /**
     * As {@link #read(Path, String, String)}, leaving out every sample whose stack holds a frame at one of a
     * benchmark's {@code untimed} lines (as {@link ProfileReader#withUntimed} leaves them out of the profile facts):
     * no value, no total; {@link UntimedLines#NONE} for pprof's own figures ({@code perfwarden hot --disasm}).
     */
    public static SampledAddresses read(Path profile, String display, String sampleIndex, UntimedLines untimed)
            throws IOException, ParseException {
        ProfileReader.Read read = new ProfileReader().withoutInlineLabels().readKeepingBytes(profile, display);
        ProfileData data = read.data();
        int t = data.sampleIndex(sampleIndex);
        int count = countIndex(data.sampleTypes(), t);
        PprofSamples p;
        try {
            p = read.plain() != null
                    ? PprofSamples.of(Profile.parseFrom(CodedInputStream.newInstance(read.plain(), 0, read.plainSize())))
                    : PprofSamples.read(profile, MAX_BYTES);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw ParseException.malformed(InputPos.offset(display, 0), "not a readable profile.proto message: "
                    + e.getMessage(), null);
        }
        if (p.profile().getLocationCount() > 0 && p.profile().getLocationList().stream().allMatch(l -> l.getAddress() == 0)) {
            throw ParseException.malformed(InputPos.offset(display, 0),
                    "the profile records no addresses (a legacy or symbolized-only profile): nothing to join to machine code", null);
        }
        return build(display, data, p, t, count, untimed);
    }

    /** The index of the {@code samples/count} type, for flat sample counts; {@code t} itself when there is none. */
    private static int countIndex(List<SampleType> types, int t) {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).type().equals("samples") && types.get(i).unit().equals("count")) {
                return i;
            }
        }
        return t;
    }

    private static final class Node {
        final long address;
        final List<String> frames;
        final String function;
        final String file;
        final int line;
        long flat;
        long cum;
        long flatCount;
        /** What the samples below this node called (the next inner location's outermost function), by value; null when none. */
        Map<String, Long> callees;
        /** The samples of each benchmark at this node, {flat, cum} ({@code samples/count}); null when none. */
        Map<String, long[]> benchmarks;

        Node(long address, List<String> frames, String function, String file, int line) {
            this.address = address;
            this.frames = frames;
            this.function = function;
            this.file = file;
            this.line = line;
        }

        void called(String callee, long v) {
            if (callees == null) {
                callees = new HashMap<>(4);
            }
            callees.merge(callee, v, Long::sum);
        }

        /** Counts a sample of {@code benchmark} here (none: null). */
        void ranBy(String benchmark, long flatCount, long cumCount) {
            if (benchmark == null) {
                return;
            }
            if (benchmarks == null) {
                benchmarks = new HashMap<>(4);
            }
            long[] fc = benchmarks.computeIfAbsent(benchmark, k -> new long[2]);
            fc[0] += flatCount;
            fc[1] += cumCount;
        }

        Map<String, Long> callees() {
            return callees == null ? Map.of() : Map.copyOf(callees);
        }
    }

    /**
     * A location's outermost frame as {@code function file:startLine} (base file name; the line of the function's
     * declaration, 0 when the profile has none): what a call into it called. The start line names a function literal
     * whatever name inlining gave its copies ({@code BenchmarkX.NewG[...].Less[...].func2}).
     */
    private static String callee(Location l, PprofSamples p) {
        if (l == null || l.getLineCount() == 0) {
            return "";
        }
        Function f = p.function(l.getLine(l.getLineCount() - 1).getFunctionId());
        if (f == null) {
            return "";
        }
        String file = p.string(f.getFilename());
        return p.string(f.getName()) + " " + file.substring(file.lastIndexOf('/') + 1) + ":" + f.getStartLine();
    }

    /** Whether a frame of location {@code l} (an inlined one too) is at one of a benchmark's untimed lines. */
    private static boolean untimed(Location l, PprofSamples p, UntimedLines untimed) {
        for (Line line : l.getLineList()) {
            Function f = p.function(line.getFunctionId());
            if (f != null && untimed.at(p.string(f.getName()), p.string(f.getFilename()), line.getLine()) != null) {
                return true;
            }
        }
        return false;
    }

    /** A location's node: its address and its frames, innermost first (the last one is the outermost). */
    private static Node node(Location l, PprofSamples p) {
        List<String> chain = new ArrayList<>(l.getLineCount());
        String function = "";
        String file = "";
        int lineNo = 0;
        for (Line line : l.getLineList()) {
            Function f = p.function(line.getFunctionId());
            function = f == null ? "" : p.string(f.getName());
            file = f == null ? "" : p.string(f.getFilename());
            lineNo = (int) Math.max(0, Math.min(Integer.MAX_VALUE, line.getLine()));
            chain.add(function + " " + file.substring(file.lastIndexOf('/') + 1) + ":" + lineNo);
        }
        return new Node(l.getAddress(), chain, function, file, lineNo);
    }

    /** Whether a frame of sample {@code s} is at one of {@code locations}. */
    private static boolean anyAt(com.google.perftools.profiles.ProfileProto.Sample s, Set<Long> locations) {
        if (!locations.isEmpty()) {
            for (int i = 0; i < s.getLocationIdCount(); i++) {
                if (locations.contains(s.getLocationId(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SampledAddresses build(String display, ProfileData data, PprofSamples samples, int t, int count,
                                          UntimedLines untimed) {
        Profile p = samples.profile();
        long mainMapping = p.getMappingCount() == 0 ? 0 : p.getMapping(0).getId();
        Map<Long, Node> byLocation = new HashMap<>();
        Map<Long, Node> byAddress = new HashMap<>();
        Map<Long, String> calleeOf = new HashMap<>();
        Set<Long> untimedLocations = new HashSet<>();
        Map<Long, String[]> functionsOf = new HashMap<>();
        for (Location l : p.getLocationList()) {
            calleeOf.put(l.getId(), callee(l, samples));
            functionsOf.put(l.getId(), Benchmarks.functions(l, samples));
            if (untimed != UntimedLines.NONE && untimed(l, samples, untimed)) {
                untimedLocations.add(l.getId());
            }
            if (l.getMappingId() != mainMapping || l.getAddress() == 0) {
                continue;
            }
            byLocation.put(l.getId(), byAddress.computeIfAbsent(l.getAddress(), a -> node(l, samples)));
        }
        long[] total = {0};
        Map<String, Long> benchmarkTotals = new HashMap<>();
        Set<Node> seen = new HashSet<>();
        samples.forEachSample(t, (s, v) -> {
            if (anyAt(s, untimedLocations)) {
                return; // a benchmark's untimed setup: no value, no total
            }
            long c = count < s.getValueCount() ? s.getValue(count) : v;
            total[0] += Math.abs(v);
            String benchmark = Benchmarks.of(s, functionsOf);
            long benchCum = Benchmarks.count(benchmark, s, c, functionsOf, benchmarkTotals);
            seen.clear();
            for (int i = 0; i < s.getLocationIdCount(); i++) {
                Node node = byLocation.get(s.getLocationId(i));
                if (node == null) {
                    continue;
                }
                if (i == 0) {
                    node.flat += v;
                    node.flatCount += c;
                }
                if (seen.add(node)) {
                    node.cum += v;
                    node.ranBy(benchmark, i == 0 ? c : 0, benchCum);
                    String callee = i == 0 ? "" : calleeOf.getOrDefault(s.getLocationId(i - 1), "");
                    if (!callee.isEmpty() && !callee.startsWith(PREEMPT)) {
                        node.called(callee, v);
                    }
                }
            }
        });
        List<Node> nodes = new ArrayList<>(byAddress.values());
        nodes.removeIf(n -> n.flat == 0 && n.cum == 0);
        nodes.sort((a, b) -> Long.compareUnsigned(a.address, b.address));
        ProfileData.Header h = data.header();
        return new SampledAddresses(display, data.sampleTypes().get(t), total[0], h.mainBinary(), h.mainBuildId(), nodes,
                benchmarkTotals);
    }

    public String display() {
        return display;
    }

    public SampleType sampleType() {
        return sampleType;
    }

    /** The sum of the absolute sample values (pprof's {@code Total}). */
    public long total() {
        return total;
    }

    /** The main binary's path as the profile's first mapping records it. */
    public String binary() {
        return binary;
    }

    /** The first mapping's build ID (Go 1.24+: the binary's GNU build ID in hex); empty when the profile has none. */
    public String buildId() {
        return buildId;
    }

    /** Nodes with a nonzero flat or cum value, sorted by address. */
    public int size() {
        return address.length;
    }

    public long address(int i) {
        return address[i];
    }

    public long flat(int i) {
        return flat[i];
    }

    public long cum(int i) {
        return cum[i];
    }

    public long flatCount(int i) {
        return flatCount[i];
    }

    /** The location's frames, innermost first, each {@code function file:line} (base name). */
    public List<String> frames(int i) {
        return frames.get(i);
    }

    /**
     * What the samples below the nodes {@code [from, to)} called (one instruction: the return address of its call,
     * and the instruction's own address where a sample was preempted there), each a {@link ReachedCallee}: the next
     * inner location's outermost frame ({@code function file:startLine}, base file name) with its value and its share
     * of all their values, the largest value first, counted at the node's innermost occurrence on each stack. For a
     * {@code CALL}'s return address: the functions the call reached; empty for a leaf. {@code runtime.asyncPreempt},
     * which preemption pushes, is no callee. Callees declared at one {@code file:line} are one callee
     * ({@link #byDeclaration}).
     */
    public List<ReachedCallee> reached(int from, int to) {
        Map<String, Long> all = new HashMap<>();
        for (int i = from; i < to; i++) {
            callees.get(i).forEach((k, v) -> all.merge(k, v, Long::sum));
        }
        return byDeclaration(all);
    }

    /**
     * Callees ({@code function file:line} with their values) as {@link ReachedCallee}s, those declared at one
     * {@code file:line} (line > 0) summed into one, named by its largest part: a func literal's inlined copies
     * ({@code BenchmarkA.NewG[...].func2}, {@code BenchmarkB.NewG[...].func2}) are one function, whose share decides
     * whether it dominates a call. Done here, where the shares are computed, so that every reader of
     * {@link HotInstruction#reached()} sees one target per declaration. The largest value first (ties: by name).
     */
    static List<ReachedCallee> byDeclaration(Map<String, Long> callees) {
        List<Map.Entry<String, Long>> parts = new ArrayList<>(callees.entrySet());
        parts.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, String> name = new HashMap<>();
        Map<String, Long> all = new HashMap<>();
        for (Map.Entry<String, Long> e : parts) {
            String k = e.getKey();
            String pos = k.substring(k.lastIndexOf(' ') + 1);
            String decl = pos.endsWith(":0") || pos.indexOf(':') < 0 ? k : pos;
            all.merge(name.computeIfAbsent(decl, d -> k), e.getValue(), Long::sum);
        }
        List<Map.Entry<String, Long>> l = new ArrayList<>(all.entrySet());
        l.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long sum = 0;
        for (Map.Entry<String, Long> e : l) {
            sum += e.getValue();
        }
        List<ReachedCallee> out = new ArrayList<>(l.size());
        for (Map.Entry<String, Long> e : l) {
            out.add(ReachedCallee.of(e.getKey(), e.getValue(), sum == 0 ? 0 : (double) e.getValue() / sum));
        }
        return out;
    }

    /**
     * The samples each benchmark ran at the nodes {@code [from, to)} (one instruction, as {@link #reached(int, int)}),
     * with each benchmark's timed samples, the most flat samples first (then cum, then name); empty when no benchmark
     * ran them ({@link BenchmarkSamples}).
     */
    public List<BenchmarkSamples> benchmarks(int from, int to) {
        Map<String, long[]> all = new HashMap<>();
        for (int i = from; i < to; i++) {
            Map<String, long[]> b = benchmarks.get(i);
            if (b != null) {
                b.forEach((k, v) -> {
                    long[] fc = all.computeIfAbsent(k, x -> new long[2]);
                    fc[0] += v[0];
                    fc[1] += v[1];
                });
            }
        }
        List<BenchmarkSamples> l = new ArrayList<>(all.size());
        all.forEach((k, v) -> l.add(new BenchmarkSamples(k, v[0], v[1], benchmarkTotals.getOrDefault(k, 0L))));
        l.sort(java.util.Comparator.comparingLong(BenchmarkSamples::flat).reversed()
                .thenComparing(java.util.Comparator.comparingLong(BenchmarkSamples::cum).reversed())
                .thenComparing(BenchmarkSamples::benchmark));
        return l;
    }

    /** Each benchmark's timed samples ({@code samples/count}), by name ({@link BenchmarkSamples}). */
    Map<String, Long> benchmarkTotals() {
        return benchmarkTotals;
    }

    /** The outermost frame's function: the name pprof shows for the address. */
    public String function(int i) {
        return outerFunction[i];
    }

    public String file(int i) {
        return outerFile[i];
    }

    public int line(int i) {
        return outerLine[i];
    }

    /** The first node at or above {@code addr} (unsigned order); {@link #size()} when none. */
    public int firstAtOrAbove(long addr) {
        int lo = 0;
        int hi = address.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(address[mid], addr) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** What pprof matches a {@code -disasm} regex against for node {@code i}: {@code %016x NAME FILE:LINE}. */
    public String printableName(int i) {
        StringBuilder b = new StringBuilder(String.format("%016x", address[i]));
        if (!outerFunction[i].isEmpty()) {
            b.append(' ').append(outerFunction[i]);
        }
        if (outerLine[i] != 0) {
            b.append(' ').append(outerFile[i]).append(':').append(outerLine[i]);
        } else if (!outerFile[i].isEmpty()) {
            b.append(' ').append(outerFile[i]);
        }
        return b.toString();
    }
}
