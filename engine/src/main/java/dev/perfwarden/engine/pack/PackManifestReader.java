package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.pack.PackManifest.ParamSpec;
import dev.perfwarden.engine.pack.PackManifest.Require;
import dev.perfwarden.engine.pack.PackManifest.RuleEntry;
import dev.perfwarden.engine.pack.PackManifest.Text;
import dev.perfwarden.engine.yaml.PositionedYaml;
import dev.perfwarden.engine.yaml.YamlNode;
import dev.perfwarden.engine.yaml.YamlNode.Entry;
import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.engine.yaml.YamlNode.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code pack.yaml} with {@link PositionedYaml} into a {@link PackManifest}, refusing unknown keys
 * and values of the wrong shape, each problem at the line and column where it is written.
 */
final class PackManifestReader {
    /** Where problems go: line, column (1-based) and message. */
    interface Problems {
        void add(int line, int col, String message);
    }

    private static final List<String> TOP = List.of("id", "version", "perfwarden", "description", "requires",
            "parameters", "rules");
    private static final List<String> PARAM = List.of("type", "default", "description");
    private static final List<String> RULE = List.of("id", "severity", "tags", "summary");

    private final Problems problems;

    private PackManifestReader(Problems problems) {
        this.problems = problems;
    }

    /** The manifest, or null when the file cannot be read as one (the problems say why). */
    static PackManifest read(String text, Problems problems) {
        return new PackManifestReader(problems).read(text);
    }

    private PackManifest read(String text) {
        if (text.isBlank()) {
            problems.add(1, 0, "pack.yaml is empty");
            return null;
        }
        YamlNode root;
        try {
            root = PositionedYaml.parse(text);
        } catch (PositionedYaml.SyntaxError e) {
            problems.add(e.line(), e.col(), e.getMessage());
            return null;
        }
        if (!(root instanceof YMap top)) {
            problems.add(root == null ? 1 : root.line(), root == null ? 0 : root.col(),
                    "pack.yaml must be a mapping (id, version, ...), found " + (root == null ? "nothing" : root.describe()));
            return null;
        }
        boolean ok = onlyKeys(top, TOP, "");
        Map<String, Entry> e = top.entries();
        Text id = text(e.get("id"));
        Text version = text(e.get("version"));
        Text perfwarden = text(e.get("perfwarden"));
        Text description = text(e.get("description"));
        List<Require> requires = requires(e.get("requires"));
        List<ParamSpec> params = parameters(e.get("parameters"));
        Entry rulesE = e.get("rules");
        List<RuleEntry> rules = rulesE == null ? null : rules(rulesE);
        if (!ok || id == BAD || version == BAD || perfwarden == BAD || description == BAD || requires == null
                || params == null || rulesE != null && rules == null) {
            return null;
        }
        return new PackManifest(id, version, perfwarden, description == null ? null : description.value(), requires,
                params, rules, rulesE == null ? 1 : rulesE.line());
    }

    /** A value that is there but not text (already reported). */
    private static final Text BAD = new Text(null, 0, 0);

    private boolean onlyKeys(YMap m, List<String> allowed, String path) {
        boolean ok = true;
        for (Entry x : m.entries().values()) {
            if (!allowed.contains(x.key())) {
                problems.add(x.line(), x.col(), "unknown key '" + x.key() + "'" + (path.isEmpty() ? "" : " in " + path)
                        + " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                ok = false;
            }
        }
        return ok;
    }

    /** The entry's scalar as text (numbers and booleans as written); null when absent, {@link #BAD} when not a scalar. */
    private Text text(Entry x) {
        if (x == null || x.value() instanceof YScalar s && s.value() == null) {
            return null;
        }
        if (x.value() instanceof YScalar s) {
            return new Text(s.value().toString(), x.line(), x.col());
        }
        problems.add(x.value().line(), x.value().col(), x.key() + ": expected a single value, found "
                + x.value().describe());
        return BAD;
    }

    private YMap map(Entry x, String what) {
        if (x.value() instanceof YMap m) {
            return m;
        }
        problems.add(x.value().line(), x.value().col(), x.key() + ": expected " + what + ", found " + x.value().describe());
        return null;
    }

    private List<Require> requires(Entry x) {
        if (x == null || x.value() instanceof YScalar s && s.value() == null) {
            return List.of();
        }
        YMap m = map(x, "a mapping of pack id: version range");
        if (m == null) {
            return null;
        }
        List<Require> out = new ArrayList<>();
        for (Entry r : m.entries().values()) {
            Text range = text(r);
            if (range == BAD) {
                return null;
            }
            out.add(new Require(r.key(), range == null ? "" : range.value(), r.line(), r.col()));
        }
        return out;
    }

    private List<ParamSpec> parameters(Entry x) {
        if (x == null || x.value() instanceof YScalar s && s.value() == null) {
            return List.of();
        }
        YMap m = map(x, "a mapping of parameter name: {type, default, description}");
        if (m == null) {
            return null;
        }
        List<ParamSpec> out = new ArrayList<>();
        boolean ok = true;
        for (Entry p : m.entries().values()) {
            if (p.value() instanceof YScalar s && s.value() == null) {
                out.add(new ParamSpec(p.key(), null, null, null, p.line(), p.col()));
                continue;
            }
            YMap spec = map(p, "a mapping with type, default and description");
            if (spec == null || !onlyKeys(spec, PARAM, "parameters." + p.key())) {
                ok = false;
                continue;
            }
            Text type = text(spec.entries().get("type"));
            Text description = text(spec.entries().get("description"));
            Entry def = spec.entries().get("default");
            if (type == BAD || description == BAD) {
                ok = false;
                continue;
            }
            out.add(new ParamSpec(p.key(), type == null ? null : type.value(), def == null ? null : plain(def.value()),
                    description == null ? null : description.value(), p.line(), p.col()));
        }
        return ok ? out : null;
    }

    private List<RuleEntry> rules(Entry x) {
        if (!(x.value() instanceof YList l)) {
            problems.add(x.value().line(), x.value().col(), "rules: expected a list of rules (- id: ...), found "
                    + x.value().describe());
            return null;
        }
        List<RuleEntry> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < l.items().size(); i++) {
            YamlNode item = l.items().get(i);
            String path = "rules[" + i + "]";
            if (!(item instanceof YMap m)) {
                problems.add(item.line(), item.col(), path + ": expected a mapping (id, severity, tags, summary), found "
                        + item.describe());
                ok = false;
                continue;
            }
            ok &= onlyKeys(m, RULE, path);
            Entry idE = m.entries().get("id");
            Text id = text(idE);
            Text severity = text(m.entries().get("severity"));
            Text summary = text(m.entries().get("summary"));
            List<String> tags = tags(m.entries().get("tags"));
            if (id == BAD || severity == BAD || summary == BAD || tags == null) {
                ok = false;
                continue;
            }
            out.add(new RuleEntry(id == null ? null : id.value(), severity == null ? null : severity.value(),
                    tags.isEmpty() && m.entries().get("tags") == null ? null : tags,
                    summary == null ? null : summary.value(), idE == null ? m.line() : idE.line(),
                    idE == null ? m.col() : idE.col()));
        }
        return ok ? out : null;
    }

    private List<String> tags(Entry x) {
        if (x == null) {
            return List.of();
        }
        if (!(x.value() instanceof YList l) || !l.items().stream().allMatch(i -> i instanceof YScalar s && s.value() != null)) {
            problems.add(x.value().line(), x.value().col(), "tags: expected a list of tags, e.g. [alloc, escape], found "
                    + x.value().describe());
            return null;
        }
        return l.items().stream().map(i -> ((YScalar) i).value().toString()).toList();
    }

    /** A YAML value as plain Java: String, Number, Boolean, null, Map or List. */
    private static Object plain(YamlNode n) {
        if (n instanceof YScalar s) {
            return s.value();
        }
        if (n instanceof YList l) {
            return l.items().stream().map(PackManifestReader::plain).toList();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        ((YMap) n).entries().forEach((k, v) -> m.put(k, plain(v.value())));
        return m;
    }
}
