package dev.perfwarden.engine.lock;

import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ConfigYaml;
import dev.perfwarden.engine.yaml.YamlNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code perfwarden.lock}: the rule packs a project approved, so that auditors run exactly what was
 * reviewed. For each pack: id, exact version, origin ({@code builtin}, or the folder or archive relative to
 * the lock file) and sha256 over its files ({@link Pack#sha256()}), plus the sha256 of every file, so that
 * a refusal names the file that changed. Written as YAML, or JSON when the file name ends in
 * {@code .json}; read from either. Documented in {@code docs/packs.md}.
 *
 * @param perfwarden the perfwarden version that wrote it (informational)
 * @param packs      sorted by id
 */
public record LockFile(String perfwarden, List<LockedPack> packs) {
    /** The format version written as {@code lockVersion}. */
    public static final int VERSION = 1;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** One approved pack. */
    public record LockedPack(String id, String version, String origin, String sha256, SortedMap<String, String> files,
                             String trust) {
        public LockedPack {
            files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
            trust = trust == null ? "" : trust;
        }

        /** A locked pack without a recorded trust (locks written before trust was recorded). */
        public LockedPack(String id, String version, String origin, String sha256, SortedMap<String, String> files) {
            this(id, version, origin, sha256, files, "");
        }

        public String label() {
            return id + "@" + version;
        }
    }

    public LockFile {
        List<LockedPack> l = new ArrayList<>(packs);
        l.sort(Comparator.comparing(LockedPack::id));
        packs = List.copyOf(l);
    }

    /** A lock of {@code packs}; folder and archive origins are written relative to {@code lockDir}. */
    public static LockFile of(List<Pack> packs, Path lockDir) {
        return of(packs, lockDir, dev.perfwarden.engine.restrict.Trust.RESTRICTED);
    }

    /**
     * A lock of {@code packs} that records, with each hash, the trust the packs were checked with:
     * {@code builtin} (shipped with perfwarden, chosen by id), else {@code trust}'s id. The recorded trust
     * never grants anything (the lock lives in the repository); a pack locked as built-in that is loaded from
     * a path is refused.
     */
    public static LockFile of(List<Pack> packs, Path lockDir, dev.perfwarden.engine.restrict.Trust trust) {
        List<LockedPack> out = new ArrayList<>();
        for (Pack p : packs) {
            out.add(new LockedPack(p.id(), p.version(), origin(p, lockDir), p.sha256(), p.files(),
                    p.builtin() ? BUILTIN : trust.id()));
        }
        return new LockFile(EngineInfo.version(), out);
    }

    /** The trust recorded for a pack shipped with perfwarden. */
    public static final String BUILTIN = "builtin";

    static String origin(Pack p, Path lockDir) {
        if (p.builtin()) {
            return "builtin";
        }
        Path o = Path.of(p.origin()).toAbsolutePath().normalize();
        if (lockDir == null) {
            return o.toString().replace('\\', '/');
        }
        Path d = lockDir.toAbsolutePath().normalize();
        try {
            return d.relativize(o).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return o.toString().replace('\\', '/');
        }
    }

    public Optional<LockedPack> pack(String id) {
        return packs.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    // ---------------------------------------------------------------- checking

    /**
     * What differs between the loaded {@code packs} and this lock, one problem per pack and file: a pack
     * missing from the lock, another version, or changed content (each changed, added or removed file
     * named). Packs in the lock that are not loaded are not a problem for a run (see {@link #unused}).
     *
     * @param lockFile the lock's path, for messages
     */
    public List<Problem> check(List<Pack> packs, Path lockFile) {
        List<Problem> out = new ArrayList<>();
        String lf = lockFile == null ? "the lock file" : lockFile.toString();
        for (Pack p : packs) {
            LockedPack l = pack(p.id()).orElse(null);
            if (l == null) {
                out.add(new Problem(p.id(), p.origin(), "", 0, 0, "pack " + p.label() + " is not in " + lf
                        + "; review it, then run 'perfwarden packs lock' to approve it"));
                continue;
            }
            if (l.trust().equals(BUILTIN) && !p.builtin()) {
                out.add(new Problem(p.id(), p.origin(), "", 0, 0, "pack " + p.id() + " is locked as built-in in " + lf
                        + ", but this run loads it from " + p.origin() + "; choose built-in packs with --pack ID"));
            }
            if (!l.version().equals(p.version())) {
                out.add(new Problem(p.id(), p.origin(), "pack.yaml", 0, 0, "pack " + p.id() + " is version "
                        + p.version() + ", but " + lf + " approved " + l.version()));
            }
            if (l.sha256().equals(p.sha256())) {
                continue;
            }
            TreeSet<String> all = new TreeSet<>(l.files().keySet());
            all.addAll(p.files().keySet());
            int before = out.size();
            for (String f : all) {
                String was = l.files().get(f);
                String now = p.files().get(f);
                if (was == null) {
                    out.add(new Problem(p.id(), p.origin(), f, 0, 0, "added since " + lf + " approved "
                            + l.label() + "; the pack's content changed"));
                } else if (now == null) {
                    out.add(new Problem(p.id(), p.origin(), f, 0, 0, "removed since " + lf + " approved "
                            + l.label() + "; the pack's content changed"));
                } else if (!was.equals(now)) {
                    out.add(new Problem(p.id(), p.origin(), f, 0, 0, "changed since " + lf + " approved "
                            + l.label() + " (sha256 " + now.substring(0, 12) + "…, approved " + was.substring(0, 12)
                            + "…); the pack's content changed"));
                }
            }
            if (out.size() == before) {
                out.add(new Problem(p.id(), p.origin(), "", 0, 0, "content differs from what " + lf + " approved"
                        + " (sha256 " + p.sha256() + ", approved " + l.sha256() + ")"));
            }
        }
        return out;
    }

    /** Refuses the run when {@link #check} finds anything. */
    public void enforce(List<Pack> packs, Path lockFile) throws PackException {
        List<Problem> p = check(packs, lockFile);
        if (!p.isEmpty()) {
            throw new PackException(p);
        }
    }

    /** Locked packs that are not among {@code packs}. */
    public List<LockedPack> unused(List<Pack> packs) {
        return this.packs.stream().filter(l -> packs.stream().noneMatch(p -> p.id().equals(l.id()))).toList();
    }

    // ---------------------------------------------------------------- reading and writing

    public static LockFile read(Path file) throws ConfigException {
        String text = dev.perfwarden.engine.project.ProjectFiles.read(file,
                dev.perfwarden.engine.project.ProjectFiles.LOCK_MAX, "lock file");
        return parse(text, file.toString());
    }

    public static LockFile parse(String text, String fileName) throws ConfigException {
        YamlNode root = ConfigYaml.parse(text, fileName);
        ConfigYaml.Errors errors = new ConfigYaml.Errors(fileName);
        if (!root.isMap()) {
            errors.at(root, "expected a lock file (lockVersion, perfwarden, packs)");
            errors.throwIfAny();
        }
        errors.onlyKeys(root, "lockVersion", "perfwarden", "packs");
        YamlNode v = root.get("lockVersion");
        if (v == null || v.kind() != YamlNode.Kind.NUMBER || ((Number) v.scalar()).intValue() != VERSION) {
            errors.at(v == null ? root : v, "lockVersion: expected " + VERSION + (v == null ? ", missing"
                    : ", got " + v.describeValue()));
        }
        YamlNode pw = root.get("perfwarden");
        List<LockedPack> packs = new ArrayList<>();
        YamlNode pn = root.get("packs");
        if (pn == null || !pn.isList()) {
            errors.at(pn == null ? root : pn, "packs: expected a list of locked packs");
        } else {
            Map<String, YamlNode> seen = new LinkedHashMap<>();
            for (YamlNode e : pn.list()) {
                LockedPack p = lockedPack(e, seen, errors);
                if (p != null) {
                    packs.add(p);
                }
            }
        }
        errors.throwIfAny();
        return new LockFile(pw == null ? "" : String.valueOf(pw.text()), packs);
    }

    /** One entry of {@code packs:}; null (with errors) when it is not a whole locked pack. */
    private static LockedPack lockedPack(YamlNode e, Map<String, YamlNode> seen, ConfigYaml.Errors errors) {
        if (!e.isMap()) {
            errors.at(e, "packs: expected {id, version, origin, sha256, files}, got " + e.describeValue());
            return null;
        }
        errors.onlyKeys(e, "id", "version", "origin", "sha256", "files", "trust");
        String id = string(e, "id", errors);
        String version = string(e, "version", errors);
        String origin = string(e, "origin", errors);
        String sha = string(e, "sha256", errors);
        if (sha != null && !HEX64.matcher(sha).matches()) {
            errors.at(e.get("sha256"), "sha256: expected 64 lower-case hex digits");
        }
        SortedMap<String, String> files = new TreeMap<>();
        YamlNode fn = e.get("files");
        if (fn == null || !fn.isMap()) {
            errors.at(fn == null ? e : fn, "files: expected a map of file path to sha256");
        } else {
            fn.map().forEach((f, h) -> {
                if (h.kind() != YamlNode.Kind.STRING || !HEX64.matcher(h.text()).matches()) {
                    errors.at(h, "files: " + f + ": expected a sha256 (64 lower-case hex digits)");
                } else {
                    files.put(f, h.text());
                }
            });
        }
        if (id != null && seen.put(id, e) != null) {
            errors.at(e, "pack " + id + " is locked twice");
        }
        if (id == null || version == null || origin == null || sha == null) {
            return null;
        }
        YamlNode tn = e.get("trust");
        String trust = tn == null ? "" : tn.text();
        if (!trust.isEmpty() && !trust.equals(BUILTIN) && dev.perfwarden.engine.restrict.Trust.byId(trust).isEmpty()) {
            errors.at(tn, "trust: expected builtin, restricted or full, got " + tn.describeValue());
        }
        return new LockedPack(id, version, origin, sha.toLowerCase(Locale.ROOT), files, trust);
    }

    private static String string(YamlNode map, String key, ConfigYaml.Errors errors) {
        YamlNode n = map.get(key);
        if (n == null) {
            errors.at(map, "missing '" + key + "'");
            return null;
        }
        if (n.kind() != YamlNode.Kind.STRING && n.kind() != YamlNode.Kind.NUMBER) {
            errors.at(n, key + ": expected a string, got " + n.describeValue());
            return null;
        }
        return n.text();
    }

    /** Writes YAML, or JSON when {@code file} ends in {@code .json}. */
    public void write(Path file) throws IOException {
        String text = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json") ? toJson() : toYaml();
        // written to a temporary file and renamed: a run reading the lock while it is rewritten (two CI steps, a
        // batch) sees the old lock or the new one, never half of one (attack6: a reader mid-write failed, exit 2)
        dev.perfwarden.engine.report.ReportFile.writeString(file, text);
    }

    public String toYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("# perfwarden.lock: the rule packs approved for this project, written by 'perfwarden packs lock'.\n")
                .append("# A run refuses a pack whose version or files differ from what is recorded here.\n")
                .append("# Review every change to this file like code.\n")
                .append("lockVersion: ").append(VERSION).append('\n')
                .append("perfwarden: ").append(q(perfwarden)).append('\n')
                .append("packs:\n");
        for (LockedPack p : packs) {
            sb.append("  - id: ").append(q(p.id())).append('\n')
                    .append("    version: ").append(q(p.version())).append('\n')
                    .append("    origin: ").append(q(p.origin())).append('\n')
                    .append("    sha256: ").append(q(p.sha256())).append('\n');
            if (!p.trust().isEmpty()) {
                sb.append("    trust: ").append(q(p.trust())).append('\n');
            }
            sb.append("    files:\n");
            p.files().forEach((f, h) -> sb.append("      ").append(q(f)).append(": ").append(q(h)).append('\n'));
        }
        return sb.toString();
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"lockVersion\": ").append(VERSION).append(",\n  \"perfwarden\": ").append(jq(perfwarden))
                .append(",\n  \"packs\": [");
        for (int i = 0; i < packs.size(); i++) {
            LockedPack p = packs.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(jq(p.id())).append(", \"version\": ")
                    .append(jq(p.version())).append(", \"origin\": ").append(jq(p.origin())).append(", \"sha256\": ")
                    .append(jq(p.sha256())).append(p.trust().isEmpty() ? "" : ", \"trust\": " + jq(p.trust()))
                    .append(",\n     \"files\": {");
            int j = 0;
            for (Map.Entry<String, String> f : p.files().entrySet()) {
                sb.append(j++ == 0 ? "\n" : ",\n").append("       ").append(jq(f.getKey())).append(": ").append(jq(f.getValue()));
            }
            sb.append("}}");
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /** A YAML double-quoted scalar. */
    private static String q(String s) {
        return jq(s);
    }

    private static String jq(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
