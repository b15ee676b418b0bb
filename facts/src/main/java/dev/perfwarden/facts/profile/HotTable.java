package dev.perfwarden.facts.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfwarden.facts.core.ParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The {@code perfwarden hot} table: the top functions of one sample type of a profile by flat or
 * by cumulative value, as {@code go tool pprof -top [-cum] -sample_index=NAME} lists them.
 * Ordering is pprof's: by |flat| (or |cum|) descending, then by name, then by the other value.
 * As in pprof, functions whose |cum| is under {@link #NODE_FRACTION} of the total are dropped
 * before the top rows are taken (pprof's {@code -nodefraction}; pass 0 to
 * {@link #of(ProfileData, String, boolean, int, double)} to keep them).
 */
public final class HotTable {
    /** One row; {@code symbol} is the function name as pprof prints it, {@code inline} pprof's node label. */
    public record Row(String symbol, long flat, double flatShare, long cum, double cumShare, String inline) {
    }

    /** pprof's default {@code -nodefraction}. */
    public static final double NODE_FRACTION = 0.005;

    /** Created on first use: most callers only want the text. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final ProfileData.Header header;
    private final SampleType sampleType;
    private final long total;
    private final boolean byCum;
    private final List<Row> rows;
    private final int nodeCount;
    private final int dropped;
    private final long cutoff;

    private HotTable(ProfileData.Header header, SampleType sampleType, long total, boolean byCum, List<Row> rows,
                     int nodeCount, int dropped, long cutoff) {
        this.header = header;
        this.sampleType = sampleType;
        this.total = total;
        this.byCum = byCum;
        this.rows = List.copyOf(rows);
        this.nodeCount = nodeCount;
        this.dropped = dropped;
        this.cutoff = cutoff;
    }

    /**
     * Reads {@code profile} and builds its table.
     *
     * @param sampleIndex a sample type name ({@code cpu}, {@code alloc_space}) or 0-based index;
     *                    null for the profile's default ({@code default_sample_type}, else the last)
     * @param cum         sort by cumulative instead of flat value
     * @param top         rows to keep; 0 or less for all
     * @throws IllegalArgumentException when {@code sampleIndex} names no sample type of the profile
     */
    public static HotTable from(Path profile, String sampleIndex, boolean cum, int top)
            throws IOException, ParseException {
        return of(new ProfileReader().read(profile), sampleIndex, cum, top);
    }

    /** Builds the table from a profile already read, dropping nodes as pprof does by default. */
    public static HotTable of(ProfileData data, String sampleIndex, boolean cum, int top) {
        return of(data, sampleIndex, cum, top, NODE_FRACTION);
    }

    /** Builds the table, dropping functions whose |cum| is under {@code nodeFraction} of the total. */
    public static HotTable of(ProfileData data, String sampleIndex, boolean cum, int top, double nodeFraction) {
        Objects.requireNonNull(data, "data");
        return merged(List.of(data), List.of("the profile"), sampleIndex, cum, top, nodeFraction);
    }

    /**
     * The table of several profiles merged as {@code go tool pprof -top a.pprof b.pprof} merges them (google/pprof
     * {@code profile.Merge}): the values of each function summed over the profiles (samples are never scaled), its
     * shares of the summed total; the header of the first profile with the earliest time and the summed duration.
     * One profile gives its own table ({@link #of(ProfileData, String, boolean, int, double)}).
     *
     * @param names the profiles' names, for errors
     * @throws IllegalArgumentException when a profile lacks the sample type or its unit differs (pprof: "profiles
     *                                  have empty common sample type list")
     */
    public static HotTable merged(List<ProfileData> profiles, List<String> names, String sampleIndex, boolean cum,
                                  int top, double nodeFraction) {
        ProfileData first = profiles.get(0);
        SampleType type = first.sampleTypes().get(first.sampleIndex(sampleIndex));
        java.util.Map<String, long[]> byName = new java.util.LinkedHashMap<>(); // flat, cum, inline bit, call bit
        long total = 0;
        long time = 0;
        long duration = 0;
        for (int p = 0; p < profiles.size(); p++) {
            ProfileData data = profiles.get(p);
            int t = index(data, type, names.get(p));
            total += data.total(t);
            time = time == 0 || data.header().timeNanos() != 0 && data.header().timeNanos() < time
                    ? data.header().timeNanos() : time;
            duration += data.header().durationNanos();
            for (int fn = 0; fn < data.functionCount(); fn++) {
                if (data.flat(fn, t) == 0 && data.cum(fn, t) == 0) {
                    continue;
                }
                long[] v = byName.computeIfAbsent(data.functionName(fn), k -> new long[4]);
                v[0] += data.flat(fn, t);
                v[1] += data.cum(fn, t);
                v[2] |= data.inlinedInto(fn, t) ? 1 : 0;
                v[3] |= data.calledInto(fn, t) ? 1 : 0;
            }
        }
        long cutoff = Math.abs((long) (total * nodeFraction));
        List<Row> nodes = new ArrayList<>();
        int dropped = 0;
        for (java.util.Map.Entry<String, long[]> e : byName.entrySet()) {
            long[] v = e.getValue();
            if (Math.abs(v[1]) < cutoff) {
                dropped++;
            } else {
                String label = v[2] != 0 ? (v[3] != 0 ? "(partial-inline)" : "(inline)") : "";
                nodes.add(new Row(e.getKey(), v[0], share(v[0], total), v[1], share(v[1], total), label));
            }
        }
        Comparator<Row> byFlat = Comparator.comparingLong(r -> -Math.abs(r.flat()));
        Comparator<Row> byCumValue = Comparator.comparingLong(r -> -Math.abs(r.cum()));
        Comparator<Row> byName2 = (a, b) -> compareCodePoints(a.symbol(), b.symbol());
        nodes.sort(cum ? byCumValue.thenComparing(byName2).thenComparing(byFlat)
                : byFlat.thenComparing(byName2).thenComparing(byCumValue));
        int n = top > 0 ? Math.min(top, nodes.size()) : nodes.size();
        ProfileData.Header h = first.header();
        ProfileData.Header header = new ProfileData.Header(h.sampleTypes(), h.defaultSampleType(), h.periodType(),
                h.period(), time, duration, h.dropFrames(), h.keepFrames(), h.comments(), h.docUrl(), h.mainBinary(),
                h.mainBuildId(), h.gzipped());
        return new HotTable(header, type, total, cum, nodes.subList(0, n), nodes.size(), dropped, cutoff);
    }

    /** The index of {@code type} (name and unit) in {@code data}; an error naming the profile when it has none. */
    private static int index(ProfileData data, SampleType type, String name) {
        List<SampleType> types = data.sampleTypes();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).type().equals(type.type()) && types.get(i).unit().equals(type.unit())) {
                return i;
            }
        }
        List<String> have = new ArrayList<>();
        types.forEach(x -> have.add(x.type() + "/" + x.unit()));
        throw new IllegalArgumentException(name + " has no sample type " + type.type() + "/" + type.unit()
                + " to merge with the first profile's (it has " + String.join(", ", have) + ")");
    }

    private static double share(long value, long total) {
        return total == 0 ? 0 : Math.abs((double) value / total); // of absolute values, as pprof's shares
    }

    /** Go compares strings bytewise (UTF-8), which is code-point order; Java's compareTo is UTF-16 order. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    public SampleType sampleType() {
        return sampleType;
    }

    public long total() {
        return total;
    }

    public boolean byCum() {
        return byCum;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Functions dropped under the node fraction (pprof's "Dropped N nodes"). */
    public int droppedCount() {
        return dropped;
    }

    /** Functions with a nonzero value left after dropping (pprof's "nodes out of N"). */
    public int nodeCount() {
        return nodeCount;
    }

    /** The table as {@code go tool pprof -top} prints it (header lines, then one row per function). */
    public String toText() {
        return toText(java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #toText()}, with every string that comes from the profile (the mapping's file name and build ID, the
     * sample type, function names) passed through {@code esc}: the command line gives its terminal-text escaper, so
     * a function name cannot drive the terminal (attack6 #7).
     */
    public String toText(java.util.function.UnaryOperator<String> esc) {
        String unit = sampleType().unit();
        long total = total();
        long min = 0;
        long flatShown = 0;
        for (Row r : rows) {
            long v = r.flat() != 0 ? Math.abs(r.flat()) : Math.abs(r.cum());
            if (v > 0 && (min == 0 || v < min)) {
                min = v;
            }
            flatShown += r.flat();
        }
        String out = PprofUnits.outputUnit(min, total, unit);
        StringBuilder sb = new StringBuilder();
        ProfileData.Header h = header;
        if (!h.mainBinary().isEmpty()) {
            sb.append("File: ").append(esc.apply(h.mainBinary().substring(h.mainBinary().lastIndexOf('/') + 1))).append('\n');
        }
        if (!h.mainBuildId().isEmpty()) {
            sb.append("Build ID: ").append(esc.apply(h.mainBuildId())).append('\n');
        }
        sb.append("Type: ").append(esc.apply(sampleType().type())).append('\n');
        if (h.timeNanos() != 0) {
            Instant at = Instant.ofEpochSecond(0, h.timeNanos());
            sb.append("Time: ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .format(at.atZone(ZoneOffset.UTC))).append('\n');
        }
        if (h.durationNanos() != 0) {
            sb.append("Duration: ").append(PprofUnits.label(h.durationNanos(), "nanoseconds", "auto"))
                    .append(", Total samples = ").append(PprofUnits.label(total, unit, out));
            if (unit.equals("nanoseconds")) {
                sb.append(" (").append(PprofUnits.percentage(total, h.durationNanos()).strip()).append(')');
            }
            sb.append('\n');
        }
        sb.append("Showing nodes accounting for ").append(PprofUnits.label(flatShown, unit, out)).append(", ")
                .append(PprofUnits.percentage(flatShown, total).strip()).append(" of ")
                .append(PprofUnits.label(total, unit, out)).append(" total\n");
        if (dropped > 0) {
            sb.append("Dropped ").append(dropped).append(" nodes (cum <= ")
                    .append(PprofUnits.label(cutoff, unit, out)).append(")\n");
        }
        if (rows.size() < nodeCount) {
            sb.append("Showing top ").append(rows.size()).append(" nodes out of ").append(nodeCount).append('\n');
        }
        sb.append(String.format("%10s %5s%% %5s%% %10s %5s%%%n", "flat", "flat", "sum", "cum", "cum"));
        long sum = 0;
        for (Row r : rows) {
            sum += r.flat();
            sb.append(String.format("%10s %s %s %10s %s  %s%s%n",
                    PprofUnits.label(r.flat(), unit, out), PprofUnits.percentage(r.flat(), total),
                    PprofUnits.percentage(sum, total), PprofUnits.label(r.cum(), unit, out),
                    PprofUnits.percentage(r.cum(), total), esc.apply(r.symbol()),
                    r.inline().isEmpty() ? "" : " " + esc.apply(r.inline())));
        }
        return sb.toString();
    }

    /**
     * {@code {"sampleType":"cpu","unit":"nanoseconds","total":N,"functions":[{"function":…,
     * "flat":N,"flatShare":0.12,"cum":N,"cumShare":0.4}]}}, values in the profile's own unit.
     */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("sampleType", sampleType().type());
        root.put("unit", sampleType().unit());
        root.put("total", total());
        ArrayNode fns = root.putArray("functions");
        for (Row r : rows) {
            ObjectNode o = fns.addObject();
            o.put("function", r.symbol());
            o.put("flat", r.flat());
            o.put("flatShare", r.flatShare());
            o.put("cum", r.cum());
            o.put("cumShare", r.cumShare());
        }
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
