package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link Pack} as plain data for {@link PackImage}: strings, numbers and counts in a fixed order, read back
 * through the records' constructors. Java serialization did the same in about 85 ms of a cold start (class
 * descriptors, reflection, and method handles bound to each record's canonical constructor on first use);
 * this reads the 200 kB image of go-perf in a few. Any change to a field of these records changes
 * {@link #FORMAT}; an image of another format is not read (the pack is loaded from its files).
 */
final class PackCodec {
    /** Bumped with every change of what is written. */
    static final int FORMAT = 2;

    private PackCodec() {
    }

    static void write(DataOutputStream out, Pack p) throws IOException {
        out.writeInt(FORMAT);
        str(out, p.id());
        str(out, p.version());
        str(out, p.engineRange().toString());
        out.writeInt(p.requires().size());
        for (var r : new TreeMap<>(p.requires()).entrySet()) {
            str(out, r.getKey());
            str(out, r.getValue().toString());
        }
        str(out, p.description());
        str(out, p.origin());
        str(out, p.sha256());
        out.writeInt(p.parameters().size());
        for (var e : p.parameters().entrySet()) {
            PackParameter v = e.getValue();
            str(out, e.getKey());
            str(out, v.name());
            str(out, v.type().name());
            value(out, v.defaultValue());
            str(out, v.description());
        }
        out.writeInt(p.rules().size());
        for (RuleInfo r : p.rules()) {
            str(out, r.id());
            str(out, r.pack());
            str(out, r.packVersion());
            str(out, r.severity().name());
            str(out, r.hotSeverity() == null ? null : r.hotSeverity().name());
            str(out, r.scope().name());
            str(out, r.summary());
            strings(out, r.tags());
            strings(out, r.inputs());
            str(out, r.doc());
            str(out, r.file());
            out.writeInt(r.line());
            out.writeBoolean(r.cost().cum());
            out.writeBoolean(r.cost().cpu());
            out.writeBoolean(r.cost().alloc());
            out.writeInt(r.precedence());
        }
        sources(out, p.sources());
        map(out, new TreeMap<>(p.dsl()));
        map(out, p.files());
        out.writeBoolean(p.builtin());
    }

    private static void sources(DataOutputStream out, List<RuleSource> sources) throws IOException {
        out.writeInt(sources.size());
        for (RuleSource s : sources) {
            str(out, s.ruleId());
            str(out, s.file());
            str(out, s.language().name());
            str(out, s.text());
            str(out, s.drl());
            int[] map = s.lineMap().toSource();
            out.writeInt(map == null ? -1 : map.length);
            for (int i = 0; map != null && i < map.length; i++) {
                out.writeInt(map[i]);
            }
            if (map != null) {
                ints(out, s.lineMap().spans());
            }
        }
    }

    static Pack read(DataInputStream in) throws IOException {
        if (in.readInt() != FORMAT) {
            throw new IOException("pack image of another format");
        }
        String id = str(in);
        String version = str(in);
        VersionRange engine = range(str(in));
        Map<String, VersionRange> requires = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            requires.put(str(in), range(str(in)));
        }
        String description = str(in);
        String origin = str(in);
        String sha256 = str(in);
        Map<String, PackParameter> parameters = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            String key = str(in);
            parameters.put(key, new PackParameter(str(in), ParamType.valueOf(str(in)), value(in), str(in)));
        }
        List<RuleInfo> rules = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            String rid = str(in);
            String pack = str(in);
            String packVersion = str(in);
            Severity severity = Severity.valueOf(str(in));
            String hot = str(in);
            Scope scope = Scope.valueOf(str(in));
            String summary = str(in);
            List<String> tags = strings(in);
            List<String> inputs = strings(in);
            String doc = str(in);
            String file = str(in);
            int line = in.readInt();
            CostSpec cost = new CostSpec(in.readBoolean(), in.readBoolean(), in.readBoolean());
            rules.add(new RuleInfo(rid, pack, packVersion, severity, hot == null ? null : Severity.valueOf(hot), scope,
                    summary, tags, inputs, doc, file, line, cost, in.readInt()));
        }
        List<RuleSource> sources = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            String ruleId = str(in);
            String file = str(in);
            RuleSource.Language language = RuleSource.Language.valueOf(str(in));
            String text = str(in);
            String drl = str(in);
            int len = in.readInt();
            LineMap lineMap = LineMap.identity();
            if (len >= 0) {
                int[] m = new int[len];
                for (int i = 0; i < len; i++) {
                    m[i] = in.readInt();
                }
                lineMap = LineMap.of(m, ints(in));
            }
            sources.add(new RuleSource(ruleId, file, language, text, drl, lineMap));
        }
        Map<String, String> dsl = map(in);
        SortedMap<String, String> files = map(in);
        return new Pack(id, version, engine, requires, description, origin, sha256, parameters, rules, sources, dsl,
                files, in.readBoolean());
    }

    static void map(DataOutputStream out, SortedMap<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (var e : m.entrySet()) {
            str(out, e.getKey());
            str(out, e.getValue());
        }
    }

    static SortedMap<String, String> map(DataInputStream in) throws IOException {
        SortedMap<String, String> m = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            m.put(str(in), str(in));
        }
        return m;
    }

    /** A string of any length, or null (length -1); writeUTF stops at 64 kB. */
    static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            str(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        List<String> list = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            list.add(str(in));
        }
        return list;
    }

    /** A parameter's default: a {@link Double}, {@link String}, {@link Boolean} or null ({@link PackParameter}). */
    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v instanceof Double d) {
            out.writeByte('D');
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte('B');
            out.writeBoolean(b);
        } else if (v instanceof String s) {
            out.writeByte('S');
            str(out, s);
        } else if (v == null) {
            out.writeByte('N');
        } else {
            throw new IOException("parameter default of type " + v.getClass().getName() + " cannot be stored");
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        return switch (in.readByte()) {
            case 'D' -> in.readDouble();
            case 'B' -> in.readBoolean();
            case 'S' -> str(in);
            case 'N' -> null;
            default -> throw new IOException("bad parameter default in pack image");
        };
    }

    private static VersionRange range(String text) throws IOException {
        return text.equals("*") ? VersionRange.any()
                : VersionRange.parse(text).orElseThrow(() -> new IOException("bad version range " + text));
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
