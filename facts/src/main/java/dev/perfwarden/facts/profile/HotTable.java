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

    private final ProfileData data;
    private final int index;
    private final boolean byCum;
    private final List<Row> rows;
    private final int nodeCount;
    private final int dropped;
    private final long cutoff;

    private HotTable(ProfileData data, int index, boolean byCum, List<Row> rows, int nodeCount, int dropped,
                     long cutoff) {
        this.data = data;
        this.index = index;
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
        int t = data.sampleIndex(sampleIndex);
        long cutoff = Math.abs((long) (data.total(t) * nodeFraction));
        List<Integer> nodes = new ArrayList<>();
        int dropped = 0;
        for (int fn = 0; fn < data.functionCount(); fn++) {
            if (data.flat(fn, t) != 0 || data.cum(fn, t) != 0) {
                if (Math.abs(data.cum(fn, t)) < cutoff) {
                    dropped++;
                } else {
                    nodes.add(fn);
                }
            }
        }
        Comparator<Integer> byFlat = Comparator.comparingLong((Integer fn) -> -Math.abs(data.flat(fn, t)));
        Comparator<Integer> byCumValue = Comparator.comparingLong((Integer fn) -> -Math.abs(data.cum(fn, t)));
        Comparator<Integer> byName = (a, b) -> compareCodePoints(data.functionName(a), data.functionName(b));
        nodes.sort(cum ? byCumValue.thenComparing(byName).thenComparing(byFlat)
                : byFlat.thenComparing(byName).thenComparing(byCumValue));
        int n = top > 0 ? Math.min(top, nodes.size()) : nodes.size();
        List<Row> rows = new ArrayList<>(n);
        for (int fn : nodes.subList(0, n)) {
            long flat = data.flat(fn, t);
            long c = data.cum(fn, t);
            rows.add(new Row(data.functionName(fn), flat, data.share(flat, t), c, data.share(c, t),
                    data.inlineLabel(fn, t)));
        }
        return new HotTable(data, t, cum, rows, nodes.size(), dropped, cutoff);
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
        return data.sampleTypes().get(index);
    }

    public long total() {
        return data.total(index);
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

    public ProfileData data() {
        return data;
    }

    /** The table as {@code go tool pprof -top} prints it (header lines, then one row per function). */
    public String toText() {
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
        ProfileData.Header h = data.header();
        if (!h.mainBinary().isEmpty()) {
            sb.append("File: ").append(h.mainBinary().substring(h.mainBinary().lastIndexOf('/') + 1)).append('\n');
        }
        if (!h.mainBuildId().isEmpty()) {
            sb.append("Build ID: ").append(h.mainBuildId()).append('\n');
        }
        sb.append("Type: ").append(sampleType().type()).append('\n');
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
                    PprofUnits.percentage(r.cum(), total), r.symbol(), r.inline().isEmpty() ? "" : " " + r.inline()));
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
