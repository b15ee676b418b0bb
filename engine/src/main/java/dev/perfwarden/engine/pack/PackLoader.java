package dev.perfwarden.engine.pack;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.frontend.Diagnostic;
import dev.perfwarden.engine.pack.Frontends;
import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.PolicyFrontend;
import dev.perfwarden.engine.frontend.SourceFile;
import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.CostSpec;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.core.InputKind;
import org.drools.drl.parser.lang.dsl.DSLMapping;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.kie.internal.builder.KnowledgeBuilderResult;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads and verifies rule packs from a folder or from the class path.
 *
 * <p>A pack folder holds {@code pack.yaml}, its DSL vocabulary ({@code *.dsl}) at the root, its library
 * ({@code lib/*.drl}: functions and queries its rules share), and one
 * folder per rule, named after the rule id, with {@code rule.drl} or {@code rule.dslr} and
 * {@code doc.md}; {@code fixture/}, {@code captures/} and {@code twins/} ({@link #TWINS}) are not read. The rules' DRL metadata is the
 * source of truth for the rule catalogue; a {@code rules:} list in {@code pack.yaml} is optional and,
 * when given, must agree with it.
 *
 * <p>The pack's {@code sha256} covers exactly the files read (pack.yaml, root {@code *.dsl}, {@code lib/*.drl}, each
 * rule's source and doc.md): for each, sorted by path, the UTF-8 path, a NUL byte, the content length
 * as 8 bytes big-endian, and the content. So a pack hashes the same from the source tree and the jar.
 *
 * <p>Every problem found is collected; {@link PackException} carries them all with file:line.
 */
public final class PackLoader {
    /** Metadata keys a rule may carry. */
    public static final Set<String> METADATA_KEYS = Set.of("severity", "hotSeverity", "scope", "summary", "tags", "inputs",
            "cost", "precedence");

    /**
     * Queries the engine compiles into every pack's package (reading the pack's own parameters); reserved names.
     * See {@code dev/perfwarden/engine/kie/pack-queries.drl}.
     */
    public static final Set<String> PACK_QUERIES = Set.of("param", "paramText");

    /** The folder of a pack's library ({@code lib/*.drl}); not a rule folder. */
    public static final String LIBRARY = "lib";

    /**
     * A rule folder's sub-folder for other forms of the same rule (the same rule written in another policy
     * language, a negative twin): never read, hashed or shipped, like {@code fixture/} and {@code captures/};
     * the rule's own tests read it.
     */
    public static final String TWINS = "twins";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*");

    /** Made on first use: a built-in pack read from its {@link PackImage} needs neither (start-up time). */
    private static final class Parsers {
        static final Frontends FRONTENDS = Frontends.defaults();
    }

    private PackLoader() {
    }

    /** Loads the pack in folder {@code dir}, or in a {@code .zip}/{@code .jar} archive (see {@link PackArchive}). */
    public static Pack load(Path dir) throws PackException {
        if (PackArchive.isArchive(dir)) {
            return PackArchive.load(dir);
        }
        PackFiles files;
        try {
            files = PackFiles.fromDirectory(dir);
        } catch (IOException e) {
            throw new PackException(new Problem(String.valueOf(dir.getFileName()), dir.toString(), "", 0, 0,
                    "cannot read pack: " + e.getMessage()));
        }
        return load(files);
    }

    /** Loads built-in pack {@code id} from {@code packs/<id>/} on the class path of {@code cl}. */
    public static Pack loadBuiltin(ClassLoader cl, String id) throws PackException {
        return loadResource(cl, "packs/" + id);
    }

    /** Loads the pack in class-path folder {@code resourceDir} (e.g. {@code packs/go-perf}), from a directory or jar. */
    public static Pack loadResource(ClassLoader cl, String resourceDir) throws PackException {
        Optional<Pack> prebuilt = PackImage.find(cl, resourceDir);
        if (prebuilt.isPresent()) {
            return prebuilt.get();
        }
        PackFiles files;
        try {
            files = PackFiles.fromClasspath(cl, resourceDir);
        } catch (IOException e) {
            throw new PackException(new Problem(resourceDir, "classpath:" + resourceDir, "", 0, 0,
                    "cannot read pack: " + e.getMessage()));
        }
        if (files == null) {
            throw new PackException(new Problem(resourceDir, "classpath:" + resourceDir, "", 0, 0,
                    "no pack here (no pack.yaml on the class path)"));
        }
        return load(files);
    }

    /**
     * Whether {@code id} is a built-in pack: what {@link #builtinIds} would list, found without listing the
     * class path (in the launcher's jar that walks some 14,000 entries, about 25 ms of a start).
     */
    public static boolean isBuiltin(ClassLoader cl, String id) {
        return id.matches("[A-Za-z0-9_][A-Za-z0-9._-]*") && !id.contains("..")
                && cl.getResource("packs/" + id + "/pack.yaml") != null;
    }

    /** Ids of the packs under {@code packs/} on the class path of {@code cl} (built-in packs), sorted. */
    public static List<String> builtinIds(ClassLoader cl) throws IOException {
        Set<String> ids = new TreeSet<>();
        Enumeration<URL> roots = cl.getResources("packs");
        while (roots.hasMoreElements()) {
            URL u = roots.nextElement();
            if ("file".equals(u.getProtocol())) {
                try (Stream<Path> s = Files.list(Path.of(u.toURI()))) {
                    s.filter(p -> Files.isRegularFile(p.resolve("pack.yaml")))
                            .forEach(p -> ids.add(p.getFileName().toString()));
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            } else if ("jar".equals(u.getProtocol())) {
                URL jarUrl = ((JarURLConnection) u.openConnection()).getJarFileURL();
                try (JarFile jar = new JarFile(Path.of(jarUrl.toURI()).toFile())) {
                    Enumeration<JarEntry> en = jar.entries();
                    while (en.hasMoreElements()) {
                        String n = en.nextElement().getName();
                        if (!n.startsWith("packs/") || !n.endsWith("/pack.yaml")) {
                            continue;
                        }
                        String[] seg = n.split("/");
                        if (seg.length == 3 && seg[0].equals("packs") && seg[2].equals("pack.yaml")) {
                            ids.add(seg[1]);
                        }
                    }
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IOException("cannot list " + jarUrl, e);
                }
            }
        }
        return List.copyOf(ids);
    }

    static Pack load(PackFiles pf) throws PackException {
        return new Loading(pf).run();
    }

    /** The state of loading one pack. */
    private static final class Loading {
        private final PackFiles pf;
        private final List<Problem> problems = new ArrayList<>();
        private final SortedMap<String, byte[]> used = new TreeMap<>();
        private String packId;

        Loading(PackFiles pf) {
            this.pf = pf;
            this.packId = pf.folderName().isEmpty() ? "?" : pf.folderName();
        }

        private void problem(String file, int line, int col, String msg) {
            problems.add(new Problem(packId, pf.origin(), file, line, col, msg));
        }

        private String read(String path) {
            byte[] b = pf.files().get(path);
            used.put(path, b);
            try {
                return PackFiles.text(b);
            } catch (UncheckedIOException e) {
                problem(path, 0, 0, "not valid UTF-8");
                return "";
            }
        }

        Pack run() throws PackException {
            if (!pf.files().containsKey("pack.yaml")) {
                problem("", 0, 0, "no pack.yaml in the pack folder");
                throw new PackException(problems);
            }
            String yamlText = read("pack.yaml");
            PackManifest m = PackManifestReader.read(yamlText, (line, col, msg) -> problem("pack.yaml", line, col, msg));
            if (m == null) {
                throw new PackException(problems);
            }
            if (m.id() == null || m.id().value().isBlank()) {
                problem("pack.yaml", 1, 0, "missing required key 'id'");
            } else if (!ID.matcher(m.id().value()).matches()) {
                problem("pack.yaml", m.id().line(), m.id().col(),
                        "id '" + m.id().value() + "' must be kebab-case (lower-case letters, digits, single dashes)");
            } else {
                packId = m.id().value();
            }
            String version = m.version() == null ? null : m.version().value();
            if (version == null || version.isBlank()) {
                problem("pack.yaml", 1, 0, "missing required key 'version'");
            } else if (SemVer.parse(version).isEmpty()) {
                problem("pack.yaml", m.version().line(), m.version().col(),
                        "version '" + version + "' is not a semantic version (MAJOR.MINOR.PATCH)");
            }
            VersionRange engineRange = engineRange(m.perfwarden());
            Map<String, VersionRange> requires = new LinkedHashMap<>();
            for (PackManifest.Require req : m.requires()) {
                VersionRange r = VersionRange.parse(req.range()).orElse(null);
                if (!ID.matcher(req.id()).matches() || r == null) {
                    problem("pack.yaml", req.line(), req.col(),
                            "requires: '" + req.id() + ": " + req.range() + "' needs a pack id and a version range");
                } else {
                    requires.put(req.id(), r);
                }
            }
            Map<String, PackParameter> params = parameters(m);
            Map<String, String> dslTexts = new TreeMap<>();
            Map<String, DSLMapping> dsls = dsls(dslTexts);

            List<RuleInfo> rules = new ArrayList<>();
            List<RuleSource> sources = new ArrayList<>();
            PackContext ctx = context(packId, params, dsls);
            String packVersion = version == null ? "" : version;
            loadLibrary(ctx, sources);
            Set<String> policyRuleIds = loadPolicyFiles(ctx, packVersion, rules, sources);
            for (String dir : ruleDirs()) {
                loadRule(dir, ctx, packVersion, policyRuleIds, rules, sources);
            }
            if (m.rules() != null) {
                compareRuleList(m.rules(), m.rulesLine(), rules);
            }
            if (!problems.isEmpty()) {
                throw new PackException(problems);
            }
            return new Pack(packId, version, engineRange, requires, m.description(), pf.origin(), sha256(used),
                    params, rules, sources, dslTexts, PackHashes.of(used), pf.builtin());
        }

        private VersionRange engineRange(PackManifest.Text perfwarden) {
            if (perfwarden == null) {
                return VersionRange.any();
            }
            VersionRange r = VersionRange.parse(perfwarden.value()).orElse(null);
            if (r == null) {
                problem("pack.yaml", perfwarden.line(), perfwarden.col(), "perfwarden '" + perfwarden.value()
                        + "' is not a version range (e.g. \">=0.1.0 <1.0.0\")");
                return VersionRange.any();
            }
            return r;
        }

        private Map<String, PackParameter> parameters(PackManifest m) {
            Map<String, PackParameter> params = new LinkedHashMap<>();
            for (PackManifest.ParamSpec spec : m.parameters()) {
                String name = spec.name();
                String problem = parameterProblem(spec);
                if (problem != null) {
                    problem("pack.yaml", spec.line(), spec.col(), problem);
                } else {
                    params.put(name, new PackParameter(name, ParamType.byId(spec.type()).orElseThrow(),
                            spec.defaultValue(), spec.description()));
                }
            }
            return params;
        }

        private static String parameterProblem(PackManifest.ParamSpec spec) {
            String name = spec.name();
            if (!PARAM_NAME.matcher(name).matches()) {
                return "parameter name '" + name + "' must be dotted identifiers";
            }
            if (spec.type() == null && spec.defaultValue() == null && spec.description() == null) {
                return "parameter '" + name + "' needs type and default";
            }
            ParamType type = ParamType.byId(spec.type()).orElse(null);
            if (type == null) {
                return "parameter '" + name + "': type must be number, string or boolean, not '" + spec.type() + "'";
            }
            Object d = spec.defaultValue();
            if (d == null) {
                return "parameter '" + name + "' needs a default";
            }
            if (d instanceof String && type != ParamType.STRING || d instanceof Boolean && type != ParamType.BOOLEAN
                    || d instanceof Number && type != ParamType.NUMBER || d instanceof Map || d instanceof Collection) {
                return "parameter '" + name + "': default " + d + " is not a " + type.id();
            }
            return null;
        }

        private static final Pattern SLOT = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");
        private static final Pattern DSL_NOT_PLAIN = Pattern.compile("[^\\p{L}\\p{N} '\",.:;\\-_/%<>!&#@~]");

        private Map<String, DSLMapping> dsls(Map<String, String> texts) {
            Map<String, DSLMapping> dsls = new TreeMap<>();
            for (String path : pf.files().keySet()) {
                if (path.contains("/") || !path.endsWith(".dsl")) {
                    continue;
                }
                String text = read(path);
                texts.put(path, text);
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String l = lines[i].strip();
                    int eq = unescapedEquals(l);
                    if (l.startsWith("[") && eq > 0 && l.substring(eq + 1).contains("\\n")) {
                        problem(path, i + 1, 0, "DSL values must be one line (no \\n), so that errors map to DSLR lines");
                    }
                }
                DSLTokenizedMappingFile f = new DSLTokenizedMappingFile();
                boolean ok;
                try {
                    ok = f.parseAndLoad(new StringReader(text));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    problem(path, 0, 0, "DSL parser failed: " + e.getMessage());
                    continue;
                }
                for (KnowledgeBuilderResult r : f.getErrors()) {
                    int[] ls = r.getLines();
                    problem(path, ls != null && ls.length > 0 ? ls[0] : 0, 0,
                            "cannot read this DSL entry (expected [when]|[then]|[keyword]|[*] sentence=DRL): "
                                    + r.getMessage());
                }
                if (ok && f.getErrors().isEmpty() && plainSentences(path, lines, f.getMapping())) {
                    dsls.put(path, f.getMapping());
                }
            }
            return dsls;
        }

        /**
         * False (with a problem per entry) when a DSL entry's sentence is not words, punctuation and {slot}s: Drools
         * compiles each sentence into a java.util.regex pattern and matches it against every sentence of every
         * rule, so regex syntax in a sentence ({@code (a|aa)+}, {@code .*a.*a}) would let a pack's text hang the
         * load with backtracking, and {@code {slot:regex}} likewise.
         */
        private boolean plainSentences(String path, String[] lines, DSLMapping mapping) {
            boolean ok = true;
            for (DSLMappingEntry e : mapping.getEntries()) {
                String key = e.getMappingKey() == null ? "" : e.getMappingKey().strip();
                Matcher bad = DSL_NOT_PLAIN.matcher(SLOT.matcher(key).replaceAll(""));
                if (bad.find()) {
                    problem(path, lineOfKey(lines, key), 0, "DSL sentence \"" + key + "\" has '" + bad.group()
                            + "': a sentence is words, spaces, punctuation (' \" , . : ; - _ / % < > ! & # @ ~) and"
                            + " {slot}s named by a word; no regular-expression syntax (( ) [ ] * + ? | ^ $ \\ or a"
                            + " {slot:pattern}), which Drools would match by backtracking");
                    ok = false;
                }
            }
            return ok;
        }

        private static int lineOfKey(String[] lines, String key) {
            for (int i = 0; i < lines.length; i++) {
                int close = lines[i].indexOf(']');
                if (lines[i].strip().startsWith("[") && close >= 0 && lines[i].substring(close + 1).strip().startsWith(key)) {
                    return i + 1;
                }
            }
            return 0;
        }

        private Set<String> ruleDirs() {
            Set<String> dirs = new TreeSet<>();
            for (String path : pf.files().keySet()) {
                int slash = path.indexOf('/');
                if (slash > 0) {
                    String d = path.substring(0, slash);
                    if (!d.startsWith(".") && !d.startsWith("_") && !d.equals(LIBRARY)) {
                        dirs.add(d);
                    }
                }
            }
            return dirs;
        }

        /** False (with a problem) when {@code ins} defines a query named like one every pack has. */
        private boolean reservedQueries(String file, DrlInspector.Result ins) {
            boolean ok = true;
            for (DrlInspector.RuleHead h : ins.rules()) {
                if (h.query() && PACK_QUERIES.contains(h.name())) {
                    problem(file, h.line(), 0, "query name '" + h.name() + "' is reserved: every pack has a query "
                            + h.name() + " that reads the pack's own parameters (docs/rules.md, Parameters)");
                    ok = false;
                }
            }
            return ok;
        }

        /**
         * The pack's library: {@code lib/*.drl}, functions, queries and declarations shared by its rules,
         * compiled into the pack's DRL package with them. A library file holds no rule.
         */
        private void loadLibrary(PackContext ctx, List<RuleSource> sources) {
            for (String path : List.copyOf(pf.files().keySet())) {
                if (!path.startsWith(LIBRARY + "/")) {
                    continue;
                }
                if (!path.endsWith(".drl") || path.indexOf('/', LIBRARY.length() + 1) >= 0) {
                    if (!path.endsWith(".md")) {
                        problem(path, 0, 0, "lib/ holds the pack's library as DRL files (lib/NAME.drl: functions,"
                                + " queries, declare); this file is not read");
                    }
                    continue;
                }
                String text = read(path);
                DrlInspector.Result ins = DrlInspector.inspect(text);
                for (DrlInspector.Error e : ins.errors()) {
                    problem(path, e.line(), e.column(), e.message());
                }
                if (!ins.errors().isEmpty()) {
                    continue;
                }
                if (!ctx.drlPackage().equals(ins.packageName())) {
                    problem(path, lineOf(text, "package"), 0, "declares package '" + ins.packageName()
                            + "'; the library of pack " + packId + " must declare 'package " + ctx.drlPackage() + ";'");
                    continue;
                }
                boolean ok = reservedQueries(path, ins);
                for (DrlInspector.RuleHead h : ins.rules()) {
                    if (!h.query()) {
                        problem(path, h.line(), 0, "rule \"" + h.name() + "\" in the library: lib/ holds functions,"
                                + " queries and declarations; a rule goes in its own folder (" + h.name() + "/rule.drl)");
                        ok = false;
                    }
                }
                if (ok) {
                    sources.add(new RuleSource(path, path, RuleSource.Language.DRL, text, text, LineMap.identity()));
                }
            }
        }

        /**
         * Pack-level policy files ({@code *.rules.yaml} at the root, or any front-end's file that may sit
         * there): each defines one or more rules. Returns their rule ids, whose folders may then hold only
         * doc.md and a fixture.
         */
        private Set<String> loadPolicyFiles(PackContext ctx, String packVersion, List<RuleInfo> rules,
                                            List<RuleSource> sources) {
            Set<String> ids = new TreeSet<>();
            for (String path : List.copyOf(pf.files().keySet())) {
                PolicyFrontend fe = path.contains("/") ? null : Parsers.FRONTENDS.forFile(path).orElse(null);
                if (fe != null && fe.packLevel()) {
                    addRules(path, fe, ctx, null, packVersion, rules, sources).forEach(ids::add);
                }
            }
            return ids;
        }

        private void loadRule(String dir, PackContext ctx, String packVersion, Set<String> policyRuleIds,
                              List<RuleInfo> rules, List<RuleSource> sources) {
            List<String> found = pf.files().keySet().stream()
                    .filter(p -> p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0)
                    .filter(p -> Parsers.FRONTENDS.forFile(p.substring(dir.length() + 1)).isPresent()).toList();
            if (found.isEmpty()) {
                if (!policyRuleIds.contains(dir)) {
                    problem(dir + "/", 0, 0, "rule folder holds no rule source (rule.drl, rule.dslr or rule.rules.yaml)");
                }
                return;
            }
            if (found.size() > 1) {
                problem(dir + "/", 0, 0, "rule folder holds " + found.stream().map(f -> f.substring(dir.length() + 1))
                        .collect(Collectors.joining(" and ")) + "; keep one");
                return;
            }
            if (!ID.matcher(dir).matches()) {
                problem(dir + "/", 0, 0, "rule folder name '" + dir + "' must be a kebab-case rule id");
            }
            String file = found.get(0);
            addRules(file, Parsers.FRONTENDS.forFile(file.substring(dir.length() + 1)).orElseThrow(), ctx, dir, packVersion,
                    rules, sources);
        }

        /**
         * Translates one rule source with its front-end, checks the DRL and its rules' metadata, and adds
         * them. {@code dir} is the rule folder (the file must define exactly the rule of that name), or
         * null for a pack-level policy file. Returns the ids defined.
         */
        private List<String> addRules(String file, PolicyFrontend fe, PackContext ctx, String dir, String packVersion,
                                      List<RuleInfo> rules, List<RuleSource> sources) {
            String text = read(file);
            Translation t;
            try {
                t = fe.translate(new SourceFile(file, text), ctx);
            } catch (RuntimeException e) {
                problem(file, 0, 0, "the " + fe.id() + " front-end failed on this file: " + e);
                return List.of();
            }
            for (Diagnostic d : t.problems()) {
                problem(d.file(), d.line(), d.column(), d.message());
            }
            if (!t.ok()) {
                if (dir != null) {
                    doc(dir, t);
                }
                return List.of();
            }
            String drl = t.drl();
            LineMap map = t.lineMap();
            DrlInspector.Result ins = DrlInspector.inspect(drl);
            for (DrlInspector.Error e : ins.errors()) {
                LineMap.Point at = map.source(e.line(), e.column());
                problem(file, at.line(), at.column(), e.message());
            }
            if (!ins.errors().isEmpty()) {
                return List.of();
            }
            if (!ctx.drlPackage().equals(ins.packageName())) {
                problem(file, lineOf(text, "package"), 0, "declares package '" + ins.packageName()
                        + "'; rules of pack " + packId + " must declare 'package " + ctx.drlPackage() + ";'");
            }
            if (!reservedQueries(file, ins)) {
                return List.of();
            }
            List<DrlInspector.RuleHead> heads = ins.rules().stream().filter(h -> !h.query()).toList();
            if (dir != null ? heads.size() != 1 : heads.isEmpty()) {
                problem(file, 0, 0, "must hold " + (dir != null ? "exactly one rule" : "at least one rule") + ", holds "
                        + heads.size());
                return List.of();
            }
            int before = problems.size();
            List<RuleInfo> infos = new ArrayList<>();
            for (DrlInspector.RuleHead h : heads) {
                int line = map.sourceLine(h.line());
                if (dir != null && !h.name().equals(dir)) {
                    problem(file, line, 0, "rule name \"" + h.name() + "\" must equal its folder name \"" + dir + "\"");
                } else if (dir == null && !ID.matcher(h.name()).matches()) {
                    problem(file, line, 0, "rule name \"" + h.name() + "\" must be a kebab-case rule id");
                }
                String group = h.attributes().get("agenda-group");
                if (group != null && !unquote(group).equals("MAIN")
                        && !"true".equals(h.attributes().getOrDefault("auto-focus", "false").strip())) {
                    problem(file, line, 0, "agenda-group \"" + unquote(group)
                            + "\" without auto-focus would never fire: perfwarden fires the MAIN group only");
                }
                if (h.attributes().containsKey("ruleflow-group")) {
                    problem(file, line, 0, "ruleflow-group would never fire: perfwarden runs no process");
                }
                String doc = doc(dir != null ? dir : h.name(), t);
                RuleInfo info = ruleInfo(h.name(), packVersion, h.metadata(), doc == null ? "" : doc, file, line);
                if (info != null) {
                    infos.add(info);
                }
            }
            for (RuleInfo i : infos) {
                RuleInfo prev = rules.stream().filter(r -> r.id().equals(i.id())).findFirst().orElse(null);
                if (prev != null) {
                    problem(file, i.line(), 0, "rule id '" + i.id() + "' is also defined in " + prev.file() + ":"
                            + prev.line() + "; rule ids must be unique");
                }
            }
            if (problems.size() > before) {
                return List.of();
            }
            rules.addAll(infos);
            sources.add(new RuleSource(dir != null ? dir : file, file, RuleSource.Language.of(fe.id()), text, drl, map));
            return infos.stream().map(RuleInfo::id).toList();
        }

        /** The rule's doc: {@code <id>/doc.md}, else the doc its source carries; a problem when neither. */
        private String doc(String id, Translation t) {
            String path = id + "/doc.md";
            if (pf.files().containsKey(path)) {
                String doc = read(path);
                if (doc.isBlank()) {
                    problem(path, 1, 0, "doc.md is empty");
                }
                return doc;
            }
            String inline = t.docs().get(id);
            if (inline == null) {
                problem(path, 0, 0, "missing doc.md (why it costs, how to fix)");
            }
            return inline;
        }

        private RuleInfo ruleInfo(String id, String packVersion, Map<String, Object> meta, String doc, String file,
                                  int line) {
            int before = problems.size();
            for (String k : meta.keySet()) {
                if (!METADATA_KEYS.contains(k)) {
                    problem(file, line, 0, "unknown metadata @" + k + " (allowed: "
                            + METADATA_KEYS.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            }
            Severity severity = null;
            Object sv = meta.get("severity");
            if (sv == null) {
                problem(file, line, 0, "missing @severity(error|warning|note)");
            } else {
                severity = Severity.byId(sv.toString()).orElse(null);
                if (severity == null) {
                    problem(file, line, 0, "@severity(" + sv + ") must be error, warning or note");
                }
            }
            Severity hot = null;
            Object hv = meta.get("hotSeverity");
            if (hv != null) {
                hot = Severity.byId(hv.toString()).orElse(null);
                if (hot == null) {
                    problem(file, line, 0, "@hotSeverity(" + hv + ") must be error, warning or note");
                } else if (severity != null && !hot.atLeast(severity)) {
                    problem(file, line, 0, "@hotSeverity(" + hot + ") is below @severity(" + severity + ")");
                }
            }
            Scope scope = Scope.LINE;
            Object sc = meta.get("scope");
            if (sc != null) {
                scope = Scope.byId(sc.toString()).orElse(null);
                if (scope == null) {
                    problem(file, line, 0, "@scope(" + sc + ") must be function, line or none");
                }
            }
            Object cv = meta.get("cost");
            CostSpec cost = CostSpec.parse(cv == null ? null : cv.toString()).orElse(null);
            if (cost == null) {
                problem(file, line, 0, "@cost(" + cv + ") must be words among self or cum, cpu, alloc"
                        + " (e.g. @cost(\"cum, cpu\"))");
            }
            int precedence = 0;
            Object pv = meta.get("precedence");
            if (pv != null) {
                try {
                    precedence = Integer.parseInt(pv.toString().strip());
                } catch (NumberFormatException e) {
                    problem(file, line, 0, "@precedence(" + pv + ") must be an integer");
                }
            }
            Object sum = meta.get("summary");
            if (sum == null || sum.toString().isBlank()) {
                problem(file, line, 0, "missing @summary(\"one sentence\")");
            }
            List<String> tags = csv(meta.get("tags"));
            List<String> inputs = csv(meta.get("inputs"));
            for (String in : inputs) {
                if (InputKind.byId(in).isEmpty()) {
                    problem(file, line, 0, "@inputs names unknown input kind '" + in + "' (known: "
                            + Arrays.stream(InputKind.values()).map(InputKind::id).collect(Collectors.joining(", ")) + ")");
                }
            }
            if (problems.size() > before) {
                return null;
            }
            return new RuleInfo(id, packId, packVersion, severity, hot, scope, sum.toString().strip(), tags, inputs,
                    doc, file, line, cost, precedence);
        }

        private void compareRuleList(List<PackManifest.RuleEntry> listed, int rulesLine, List<RuleInfo> rules) {
            Map<String, RuleInfo> byId = new LinkedHashMap<>();
            rules.forEach(r -> byId.put(r.id(), r));
            Set<String> seen = new TreeSet<>();
            for (PackManifest.RuleEntry e : listed) {
                if (e.id() == null) {
                    problem("pack.yaml", e.line(), e.col(), "every entry of rules: needs an id");
                    continue;
                }
                int line = e.line();
                if (!seen.add(e.id())) {
                    problem("pack.yaml", line, e.col(), "rule '" + e.id() + "' is listed twice");
                    continue;
                }
                RuleInfo r = byId.get(e.id());
                if (r == null) {
                    problem("pack.yaml", line, e.col(), "lists rule '" + e.id() + "' but the pack has no folder " + e.id()
                            + "/ with a rule of that name");
                    continue;
                }
                if (e.severity() != null && !Severity.byId(e.severity()).equals(java.util.Optional.of(r.severity()))) {
                    problem("pack.yaml", line, e.col(), "rule '" + e.id() + "': severity " + e.severity()
                            + " disagrees with @severity(" + r.severity() + ") in " + r.file());
                }
                if (e.summary() != null && !e.summary().strip().equals(r.summary())) {
                    problem("pack.yaml", line, e.col(), "rule '" + e.id() + "': summary disagrees with @summary in " + r.file());
                }
                if (e.tags() != null && !new TreeSet<>(e.tags()).equals(new TreeSet<>(r.tags()))) {
                    problem("pack.yaml", line, e.col(), "rule '" + e.id() + "': tags " + e.tags()
                            + " disagree with @tags " + r.tags() + " in " + r.file());
                }
            }
            for (RuleInfo r : rules) {
                if (!seen.contains(r.id())) {
                    problem("pack.yaml", rulesLine, 0, "rules: does not list rule '" + r.id()
                            + "' (" + r.file() + "); list every rule or drop the list");
                }
            }
        }
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static List<String> csv(Object v) {
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int unescapedEquals(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '=') {
                return i;
            }
        }
        return -1;
    }

    /** 1-based line of the first line whose text starts with {@code word}, or 1. */
    private static int lineOf(String text, String word) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(word)) {
                return i + 1;
            }
        }
        return 1;
    }

    static String sha256(SortedMap<String, byte[]> files) {
        MessageDigest md = Sha256.digest();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            long len = e.getValue().length;
            for (int i = 7; i >= 0; i--) {
                md.update((byte) (len >>> (8 * i)));
            }
            md.update(e.getValue());
        }
        return Sha256.hex(md);
    }

    /** What a front-end may know of pack {@code packId}: its DRL package, its parameters plus the engine's, its DSLs. */
    private static PackContext context(String packId, Map<String, PackParameter> params,
                                       Map<String, org.drools.drl.parser.lang.dsl.DSLMapping> dsl) {
        Map<String, ParamType> types = new java.util.TreeMap<>();
        Pack.ENGINE_PARAMETERS.keySet().forEach(n -> types.put(n, ParamType.NUMBER));
        params.values().forEach(p -> types.put(p.name(), p.type()));
        return new PackContext(packId, Pack.drlPackageOf(packId), types, dsl);
    }
}
