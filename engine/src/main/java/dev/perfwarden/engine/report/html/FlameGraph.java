package dev.perfwarden.engine.report.html;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Profile;
import com.google.perftools.profiles.ProfileProto.ValueType;
import dev.perfwarden.facts.profile.PprofSamples;
import dev.perfwarden.facts.profile.PprofUnits;
import dev.perfwarden.facts.symbols.Symbols;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A flame graph (an icicle: callers on top, callees below) of one sample type of a pprof profile, computed
 * here and drawn as inline SVG: one box per call path, as wide as its share of the samples, inlined frames as
 * boxes of their own (pprof's own view). The profile was read and checked by the input reader before; this
 * reads its samples again (the reader keeps none), only for profiles up to {@link #MAX_BYTES}.
 */
public final class FlameGraph {
    /** Largest profile file drawn (gzipped or not). */
    static final long MAX_BYTES = 64L << 20;
    /** Width of the drawing in SVG units (scaled to the page's width). */
    static final double WIDTH = 1200;
    static final int ROW = 17;
    /** Boxes narrower than this (SVG units) are not drawn. */
    static final double MIN_WIDTH = 0.6;
    static final int MAX_DEPTH = 96;

    /** One call path: a frame under its caller's path, with the samples of every stack through it. */
    static final class Node {
        final String name;
        long value;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }

        Node child(String n) {
            return children.computeIfAbsent(n, Node::new);
        }

        List<Node> sorted() {
            List<Node> c = new ArrayList<>(children.values());
            c.sort((a, b) -> a.value != b.value ? Long.compare(b.value, a.value) : a.name.compareTo(b.name));
            return c;
        }
    }

    private final Node root;
    private final String sampleType;
    private final String unit;

    private FlameGraph(Node root, String sampleType, String unit) {
        this.root = root;
        this.sampleType = sampleType;
        this.unit = unit;
    }

    public long total() {
        return root.value;
    }

    public String unit() {
        return unit;
    }

    public String sampleType() {
        return sampleType;
    }

    Node root() {
        return root;
    }

    /**
     * The flame graph of {@code path}'s sample type named {@code type} ({@code cpu}, {@code alloc_space}), or
     * empty when the profile has no such type, no samples, or is too large or not a profile.proto.
     */
    public static Optional<FlameGraph> read(Path path, String type) throws IOException {
        return read(path, type, decodedLimit());
    }

    /** As {@link #read(Path, String)}, decoding at most {@code limit} decompressed bytes. */
    static Optional<FlameGraph> read(Path path, String type, int limit) throws IOException {
        if (!Files.isRegularFile(path) || Files.size(path) > MAX_BYTES) {
            return Optional.empty();
        }
        PprofSamples p;
        try {
            p = PprofSamples.read(path, limit);
        } catch (com.google.protobuf.InvalidProtocolBufferException | java.util.zip.ZipException e) {
            if (String.valueOf(e.getMessage()).contains("too large")) {
                throw new IOException("the profile holds more than " + (limit >> 20) + " MiB once decompressed, more"
                        + " than a flame graph is drawn from with this heap (PERFWARDEN_JAVA_OPTS=-Xmx… gives more)");
            }
            return Optional.empty(); // not a profile.proto (the legacy text heap profile): no graph
        }
        return of(p, type);
    }

    /**
     * The most decompressed bytes a profile's flame graph is decoded from: 256 MiB, or a 32nd of the maximum heap
     * when that is less (23 MiB at the launcher's default heap). The decoded messages take some 15 times their bytes
     * (a sample of 12 bytes is a message with two lists): a 1.4 MB gzipped profile that inflated to 720 MB ran the
     * HTML report out of memory, exit 70 (attack5 probe 08), and an eighth of the heap still did. {@link #MAX_BYTES}
     * bounds only the file.
     */
    static int decodedLimit() {
        return (int) Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 32);
    }

    /** The flame graph of {@code p}'s sample type {@code type}, or empty. */
    static Optional<FlameGraph> of(PprofSamples samples, String type) {
        Profile p = samples.profile();
        int index = -1;
        String unit = "";
        for (int i = 0; i < p.getSampleTypeCount(); i++) {
            ValueType vt = p.getSampleType(i);
            if (samples.string(vt.getType()).equals(type)) {
                index = i;
                unit = samples.string(vt.getUnit());
            }
        }
        if (index < 0) {
            return Optional.empty();
        }
        Map<Long, List<String>> frames = new HashMap<>();
        for (Location l : p.getLocationList()) {
            List<String> names = new ArrayList<>();
            List<Line> lines = l.getLineList();
            for (int i = lines.size() - 1; i >= 0; i--) { // outermost (the caller) first
                Function f = samples.function(lines.get(i).getFunctionId());
                names.add(f == null ? "?" : samples.string(f.getName()));
            }
            if (names.isEmpty()) {
                names.add(String.format(Locale.ROOT, "0x%x", l.getAddress()));
            }
            frames.put(l.getId(), names);
        }
        Node root = new Node("all");
        samples.forEachSample(index, (s, v) -> {
            if (v <= 0) {
                return;
            }
            root.value += v;
            Node n = root;
            for (int i = s.getLocationIdCount() - 1; i >= 0; i--) { // root (main) first
                for (String name : frames.getOrDefault(s.getLocationId(i), List.of("?"))) {
                    n = n.child(name);
                    n.value += v;
                }
            }
        });
        return root.value == 0 ? Optional.empty() : Optional.of(new FlameGraph(root, type, unit));
    }

    /** The graph as an {@code <svg>} element; each box's title gives its frame, share and value. */
    public Element svg(String id) {
        int depth = Math.min(MAX_DEPTH, depth(root, 0));
        int height = (depth + 1) * ROW;
        Element svg = new Element("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("id", id)
                .addClass("flame").attr("viewBox", "0 0 " + (int) WIDTH + " " + height)
                .attr("preserveAspectRatio", "none").attr("width", "100%").attr("height", String.valueOf(height))
                .attr("data-total", String.valueOf(root.value)).attr("data-unit", unit);
        draw(svg, root, 0, 0, WIDTH);
        return svg;
    }

    private static int depth(Node n, int d) {
        int m = d;
        for (Node c : n.children.values()) {
            m = Math.max(m, depth(c, d + 1));
        }
        return m;
    }

    private void draw(Element svg, Node n, int d, double x, double w) {
        if (w < MIN_WIDTH || d > MAX_DEPTH) {
            return;
        }
        double share = (double) n.value / root.value;
        Element g = svg.appendElement("g").addClass("fr").addClass(kind(n.name))
                .attr("data-x", fmt(x)).attr("data-w", fmt(w)).attr("data-d", String.valueOf(d))
                .attr("data-n", n.name);
        g.appendElement("title").text(n.name + " — " + pct(share) + " (" + PprofUnits.label(n.value, unit, "minimum") + ")");
        g.appendElement("rect").attr("x", fmt(x)).attr("y", String.valueOf(d * ROW)).attr("width", fmt(w))
                .attr("height", String.valueOf(ROW - 1)).attr("rx", "1");
        g.appendElement("text").attr("x", fmt(x + 3)).attr("y", String.valueOf(d * ROW + ROW - 5))
                .text(fit(n.name, w));
        double cx = x;
        for (Node c : n.sorted()) {
            double cw = w * c.value / n.value;
            draw(svg, c, d + 1, cx, cw);
            cx += cw;
        }
    }

    /** The class that colours a box: the module's code, the runtime, or the rest of the standard library. */
    static String kind(String name) {
        if (name.equals("all")) {
            return "k-root";
        }
        if (name.startsWith("runtime.") || name.startsWith("internal/runtime/") || name.startsWith("runtime/")) {
            return "k-runtime";
        }
        return Symbols.isStandardLibrary(name) ? "k-std" : "k-module";
    }

    /** {@code name} cut to what fits in {@code w} SVG units (about 6.5 units a character), "" when nothing fits. */
    static String fit(String name, double w) {
        int chars = (int) ((w - 6) / 6.5);
        if (chars < 3) {
            return "";
        }
        return name.length() <= chars ? name : name.substring(0, chars - 1) + "…";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
