package dev.perfwarden.engine.project;

import dev.perfwarden.engine.yaml.YamlNode;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.pack.VersionRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project's {@code .perfwarden.yaml}: which packs run (built-in ids or local pack folders and archives,
 * with version ranges), parameter overrides, paths to include and exclude, per-rule switches and severity
 * overrides, and where the baseline and the lock file are. Found upward from the analysed module (see
 * {@link #find}). Unknown keys and wrong values are errors with file:line:col. Documented in
 * {@code docs/packs.md}.
 *
 * <p>The file cannot raise trust: a pack it names is restricted unless the command line says
 * {@code --trust=full}, because the file lives in the repository being analysed.
 *
 * @param file       the file read (absolute)
 * @param packs      packs to run, in file order; empty means the default ({@code go-perf})
 * @param parameters parameter overrides, {@code "pack:name"} or {@code "name"}, with their lines
 * @param paths      which finding files to report
 * @param rules      per-rule settings by rule id
 * @param baseline   baseline file (resolved against the file's folder), or null
 * @param lock       lock file named in the file (resolved), or null: then {@code perfwarden.lock} next to it
 *                   is used when it exists
 * @param failOn     gate threshold, or null (the command line's or the default)
 * @param limits     run-time limits of the rule session ({@code limits:}); the file may only tighten the
 *                   defaults, never loosen them (it lives in the repository being analysed)
 * @param contracts  the {@code contracts:} list (service contracts that {@code analyze} checks, read by the
 *                   contracts module's ContractLoader with this file's positions), or null when absent
 * @param debt       the {@code debt:} section (weights of the performance-debt board, read by the debt module's
 *                   DebtWeights with this file's positions), or null when absent
 */
public record ProjectConfig(Path file, List<PackSpec> packs, List<ParamSetting> parameters, PathFilter paths,
                            Map<String, RuleSetting> rules, Path baseline, Path lock, FailOn failOn,
                            dev.perfwarden.engine.restrict.SessionLimits limits, YamlNode contracts, YamlNode debt) {
    /** A project file without {@code debt:}. */
    public ProjectConfig(Path file, List<PackSpec> packs, List<ParamSetting> parameters, PathFilter paths,
                         Map<String, RuleSetting> rules, Path baseline, Path lock, FailOn failOn,
                         dev.perfwarden.engine.restrict.SessionLimits limits, YamlNode contracts) {
        this(file, packs, parameters, paths, rules, baseline, lock, failOn, limits, contracts, null);
    }

    /** A project file without {@code contracts:}. */
    public ProjectConfig(Path file, List<PackSpec> packs, List<ParamSetting> parameters, PathFilter paths,
                         Map<String, RuleSetting> rules, Path baseline, Path lock, FailOn failOn,
                         dev.perfwarden.engine.restrict.SessionLimits limits) {
        this(file, packs, parameters, paths, rules, baseline, lock, failOn, limits, null);
    }

    /** A project file without {@code limits:} (the defaults). */
    public ProjectConfig(Path file, List<PackSpec> packs, List<ParamSetting> parameters, PathFilter paths,
                         Map<String, RuleSetting> rules, Path baseline, Path lock, FailOn failOn) {
        this(file, packs, parameters, paths, rules, baseline, lock, failOn,
                dev.perfwarden.engine.restrict.SessionLimits.defaults());
    }

    /** The file name looked for. */
    public static final String FILE_NAME = ".perfwarden.yaml";
    /** The lock file used next to the project file when the project file names none. */
    public static final String LOCK_NAME = "perfwarden.lock";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern PARAM = Pattern.compile("(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*:)?"
            + "[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*");
    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9]*(?:[-/][a-z0-9]+)*");

    /**
     * A pack to run: a built-in {@code id} or a {@code path} (folder or {@code .zip}/{@code .jar},
     * resolved against the project file's folder), optionally pinned to a version range.
     */
    public record PackSpec(String id, Path path, VersionRange range, String rangeText,
                           Map<String, Object> parameters, int line) {
        public boolean builtin() {
            return id != null;
        }

        /** {@code go-perf@^1.0} or the path, for messages. */
        public String label() {
            String base = id != null ? id : path.toString();
            return rangeText == null ? base : base + "@" + rangeText;
        }
    }

    /** One parameter override: {@code pack} null means every pack that has {@code name}. */
    public record ParamSetting(String pack, String name, Object value, int line, int col) {
        public String key() {
            return pack == null ? name : pack + ":" + name;
        }
    }

    /** What the file says about one rule. {@code severity} null keeps the weighed severity. */
    public record RuleSetting(String rule, boolean enabled, Severity severity, PathFilter paths, int line, int col) {
    }

    public ProjectConfig {
        packs = List.copyOf(packs);
        parameters = List.copyOf(parameters);
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /** Parameter overrides as {@code Options.withParams} takes them. */
    public Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ParamSetting p : parameters) {
            m.put(p.key(), p.value());
        }
        return m;
    }

    /** Severity overrides by rule id. */
    public Map<String, Severity> severities() {
        Map<String, Severity> m = new LinkedHashMap<>();
        rules.forEach((id, r) -> {
            if (r.enabled() && r.severity() != null) {
                m.put(id, r.severity());
            }
        });
        return m;
    }

    /**
     * Hides findings the file switches off: rules with {@code enabled: false} (reason {@code disabled}) and
     * files outside {@code paths} or the rule's own {@code paths} (reason {@code excluded}).
     */
    public dev.perfwarden.engine.analysis.FindingFilter filter() {
        return f -> {
            RuleSetting r = rules.get(f.rule());
            if (r != null && !r.enabled()) {
                return "disabled";
            }
            if (!paths.keeps(f.file()) || r != null && !r.paths().keeps(f.file())) {
                return "excluded";
            }
            return null;
        };
    }

    /** The lock file that applies: the one named, else {@code perfwarden.lock} next to the file if it exists. */
    public Optional<Path> lockFile() {
        if (lock != null) {
            return Optional.of(lock);
        }
        Path p = file.resolveSibling(LOCK_NAME);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Rules named in {@code rules:} that no loaded pack defines, as errors at their lines (a typo would
     * silently switch nothing off).
     */
    public Optional<ConfigException> unknownRules(Collection<String> known) {
        List<ConfigException.Issue> issues = new ArrayList<>();
        for (RuleSetting r : rules.values()) {
            if (!known.contains(r.rule()) && !r.rule().startsWith("perfwarden/")) {
                issues.add(new ConfigException.Issue(file.toString(), r.line(), r.col(), "rules: '" + r.rule()
                        + "' is not a rule of the loaded packs"));
            }
        }
        return issues.isEmpty() ? Optional.empty() : Optional.of(new ConfigException(issues));
    }

    // ---------------------------------------------------------------- finding and reading

    /**
     * The nearest {@code .perfwarden.yaml} at or above each start folder, in order: the first found wins.
     * Start folders that are files count as their parent folder. A file found in a folder that every user may write
     * to ({@code /tmp}: anyone could have put it there, with packs to run, a lock or baseline to overwrite, rules to
     * switch off) is refused, not applied: {@code --config} names it when it is meant.
     *
     * @throws ConfigException when the nearest file sits in such a folder
     */
    public static Optional<Path> find(List<Path> starts) throws ConfigException {
        for (Path s : starts) {
            if (s == null) {
                continue;
            }
            Path d = s.toAbsolutePath().normalize();
            if (Files.isRegularFile(d)) {
                d = d.getParent();
            }
            for (Path p = d; p != null; p = p.getParent()) {
                Path f = p.resolve(FILE_NAME);
                if (Files.isRegularFile(f)) {
                    if (everyoneMayWrite(p)) {
                        throw new ConfigException(f.toString(), 0, 0, "not applied: every user may write to " + p
                                + ", so this file may be anyone's (its packs would run, its lock or baseline path be"
                                + " written); pass --config " + f + " to use it, or --no-config");
                    }
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code dir}'s POSIX permissions let every user write to it (false where the file system has none). */
    static boolean everyoneMayWrite(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    public static ProjectConfig load(Path file) throws ConfigException {
        String text = ProjectFiles.read(file, ProjectFiles.PROJECT_FILE_MAX, "project file");
        return parse(text, file.toAbsolutePath().normalize());
    }

    /** {@code limits:} over the defaults; a value looser than the default is refused (only --limit may loosen). */
    private static dev.perfwarden.engine.restrict.SessionLimits limits(YamlNode n, ConfigYaml.Errors errors) {
        dev.perfwarden.engine.restrict.SessionLimits d = dev.perfwarden.engine.restrict.SessionLimits.defaults();
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            return d;
        }
        if (!n.isMap()) {
            errors.at(n, "limits: expected a map (time, firings, facts, heapHeadroom), got " + n.describeValue());
            return d;
        }
        dev.perfwarden.engine.restrict.SessionLimits l = d;
        for (Map.Entry<String, YamlNode> e : n.map().entrySet()) {
            try {
                dev.perfwarden.engine.restrict.SessionLimits next = l.with(e.getKey(), e.getValue().text());
                if (next.time().compareTo(d.time()) > 0 || next.firings() > d.firings() || next.facts() > d.facts()
                        || next.heapHeadroom() < d.heapHeadroom()) {
                    errors.at(e.getValue(), "limits." + e.getKey() + ": " + e.getValue().text() + " is looser than the"
                            + " default " + d.describe().get(e.getKey()) + "; the project file may only tighten"
                            + " limits (use --limit on the command line to loosen them)");
                } else {
                    l = next;
                }
            } catch (IllegalArgumentException x) {
                errors.at(e.getValue(), "limits." + e.getKey() + ": " + x.getMessage());
            }
        }
        return l;
    }

    /** Parses the text of {@code file} (which need not exist; relative paths resolve against its folder). */
    public static ProjectConfig parse(String text, Path file) throws ConfigException {
        String name = file.toString();
        YamlNode root = ConfigYaml.parse(text, name);
        ConfigYaml.Errors errors = new ConfigYaml.Errors(name);
        if (!root.isMap()) {
            errors.at(root, "expected a map of settings (packs, parameters, paths, rules, baseline, lock, failOn, limits, contracts, debt)");
            errors.throwIfAny();
        }
        errors.onlyKeys(root, "packs", "parameters", "paths", "rules", "baseline", "lock", "failOn", "limits", "contracts",
                "debt");
        Path dir = file.getParent() == null ? Path.of("") : file.getParent();

        List<PackSpec> packs = packs(root.get("packs"), dir, errors);
        List<ParamSetting> params = params(root.get("parameters"), packs, errors);
        PathFilter paths = pathFilter(root.get("paths"), errors);
        Map<String, RuleSetting> rules = rules(root.get("rules"), errors);
        Path baseline = pathValue(root.get("baseline"), dir, errors, true);
        Path lock = pathValue(root.get("lock"), dir, errors, true);
        FailOn failOn = failOn(root.get("failOn"), errors);
        dev.perfwarden.engine.restrict.SessionLimits limits = limits(root.get("limits"), errors);
        YamlNode contracts = root.get("contracts");
        if (contracts != null && !contracts.isList()) {
            errors.at(contracts, "contracts: expected a list of service contracts (as in contracts/<service>.yaml), got "
                    + contracts.describeValue());
        }
        YamlNode debt = root.get("debt");
        if (debt != null && !debt.isMap() && debt.kind() != YamlNode.Kind.NULL) {
            errors.at(debt, "debt: expected a map (severity, cost), got " + debt.describeValue());
        }
        errors.throwIfAny();
        return new ProjectConfig(file, packs, params, paths, rules, baseline, lock, failOn, limits, contracts, debt);
    }

    private static List<PackSpec> packs(YamlNode pn, Path dir, ConfigYaml.Errors errors) {
        List<PackSpec> packs = new ArrayList<>();
        if (pn == null || pn.kind() == YamlNode.Kind.NULL) {
            return packs;
        }
        if (!pn.isList()) {
            errors.at(pn, "packs: expected a list of {id: ...} or {path: ...} entries, got " + pn.describeValue());
            return packs;
        }
        for (YamlNode e : pn.list()) {
            PackSpec s = packSpec(e, dir, errors);
            if (s != null) {
                packs.add(s);
            }
        }
        return packs;
    }

    /** {@code parameters:}, then the parameters given in the built-in packs' entries. */
    private static List<ParamSetting> params(YamlNode par, List<PackSpec> packs, ConfigYaml.Errors errors) {
        List<ParamSetting> params = new ArrayList<>();
        if (par != null && par.kind() != YamlNode.Kind.NULL) {
            params(par, null, params, errors);
        }
        for (PackSpec s : packs) {
            if (s.builtin()) {
                s.parameters().forEach((k, v) -> params.add(new ParamSetting(s.id(), k, v, s.line(), 0)));
            }
        }
        return params;
    }

    private static Map<String, RuleSetting> rules(YamlNode rn, ConfigYaml.Errors errors) {
        Map<String, RuleSetting> rules = new LinkedHashMap<>();
        if (rn == null || rn.kind() == YamlNode.Kind.NULL) {
            return rules;
        }
        if (!rn.isMap()) {
            errors.at(rn, "rules: expected a map of rule id to settings, got " + rn.describeValue());
            return rules;
        }
        rn.map().forEach((id, v) -> {
            RuleSetting r = rule(id, v, errors);
            if (r != null) {
                rules.put(id, r);
            }
        });
        return rules;
    }

    private static FailOn failOn(YamlNode fo, ConfigYaml.Errors errors) {
        if (fo == null) {
            return null;
        }
        FailOn failOn = FailOn.byId(fo.text()).orElse(null);
        if (failOn == null) {
            errors.at(fo, "failOn: expected error, warning, note or none, got " + fo.describeValue());
        }
        return failOn;
    }

    private static PackSpec packSpec(YamlNode e, Path dir, ConfigYaml.Errors errors) {
        if (e.kind() == YamlNode.Kind.STRING) {
            // shorthand: "go-perf" or "go-perf@^1.0"
            String t = e.text();
            int at = t.indexOf('@');
            String id = at < 0 ? t : t.substring(0, at);
            String range = at < 0 ? null : t.substring(at + 1);
            return builtinSpec(e, id, range, e, Map.of(), errors);
        }
        if (!e.isMap()) {
            errors.at(e, "packs: each entry is {id: ...} or {path: ...}, got " + e.describeValue());
            return null;
        }
        errors.onlyKeys(e, "id", "path", "version", "parameters");
        YamlNode id = e.get("id");
        YamlNode path = e.get("path");
        YamlNode version = e.get("version");
        Map<String, Object> params = packParameters(e.get("parameters"), errors);
        if ((id == null) == (path == null)) {
            errors.at(e, "packs: each entry needs exactly one of 'id' (a built-in pack) or 'path' (a pack folder or"
                    + " archive)");
            return null;
        }
        String rangeText = version == null ? null : version.text();
        if (version != null && rangeText == null) {
            errors.at(version, "version: expected a version range such as \"^1.0\", got " + version.describeValue());
            return null;
        }
        if (id != null) {
            return builtinSpec(id, id.text(), rangeText, version, params, errors);
        }
        if (path.kind() != YamlNode.Kind.STRING || path.text().isBlank()) {
            errors.at(path, "path: expected a pack folder or .zip/.jar, got " + path.describeValue());
            return null;
        }
        VersionRange range = range(rangeText, version, errors);
        if (rangeText != null && range == null) {
            return null;
        }
        // the pack id is known only once it is loaded: its parameters are kept for the caller
        return new PackSpec(null, dir.resolve(path.text()).normalize(), range, rangeText,
                params.isEmpty() ? Map.of() : params, e.line());
    }

    /** A pack entry's {@code parameters:} map (name → scalar); bad names and values are errors. */
    private static Map<String, Object> packParameters(YamlNode pn, ConfigYaml.Errors errors) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (pn == null || pn.kind() == YamlNode.Kind.NULL) {
            return params;
        }
        if (!pn.isMap()) {
            errors.at(pn, "parameters: expected a map of name to value, got " + pn.describeValue());
            return params;
        }
        pn.map().forEach((k, v) -> {
            if (!v.isScalar() || v.kind() == YamlNode.Kind.NULL) {
                errors.at(v, "parameter '" + k + "': expected a number, string or boolean, got " + v.describeValue());
            } else if (!PARAM.matcher(k).matches() || k.contains(":")) {
                errors.atKey(v, "parameter name '" + k + "' must be dotted identifiers");
            } else {
                params.put(k, v.scalar());
            }
        });
        return params;
    }

    private static PackSpec builtinSpec(YamlNode at, String id, String rangeText, YamlNode versionNode,
                                        Map<String, Object> params, ConfigYaml.Errors errors) {
        if (id == null || !ID.matcher(id).matches()) {
            errors.at(at, "packs: '" + id + "' is not a pack id (kebab-case, e.g. go-perf)");
            return null;
        }
        VersionRange range = range(rangeText, versionNode, errors);
        if (rangeText != null && range == null) {
            return null;
        }
        return new PackSpec(id, null, range, rangeText, params, at.line());
    }

    private static VersionRange range(String text, YamlNode at, ConfigYaml.Errors errors) {
        if (text == null) {
            return null;
        }
        VersionRange r = VersionRange.parse(text).orElse(null);
        if (r == null) {
            errors.at(at, "version: '" + text + "' is not a version range (e.g. \"^1.0\", \">=1.2.0 <2.0.0\")");
        }
        return r;
    }

    private static void params(YamlNode par, String pack, List<ParamSetting> out, ConfigYaml.Errors errors) {
        if (!par.isMap()) {
            errors.at(par, "parameters: expected a map of name (or pack:name) to value, got " + par.describeValue());
            return;
        }
        par.map().forEach((k, v) -> {
            if (v.isMap() && pack == null && ID.matcher(k).matches()) {
                params(v, k, out, errors); // parameters: {go-perf: {name: value}}
                return;
            }
            if (!v.isScalar() || v.kind() == YamlNode.Kind.NULL) {
                errors.at(v, "parameter '" + k + "': expected a number, string or boolean, got " + v.describeValue());
                return;
            }
            if (!PARAM.matcher(k).matches()) {
                errors.atKey(v, "parameter name '" + k + "' must be NAME or PACK:NAME with dotted identifiers");
                return;
            }
            int colon = k.indexOf(':');
            String p = colon < 0 ? pack : k.substring(0, colon);
            String n = colon < 0 ? k : k.substring(colon + 1);
            out.add(new ParamSetting(p, n, v.scalar(), v.keyLine(), v.keyCol()));
        });
    }

    static PathFilter pathFilter(YamlNode n, ConfigYaml.Errors errors) {
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            return PathFilter.ALL;
        }
        if (!n.isMap()) {
            errors.at(n, n.path() + ": expected {include: [...], exclude: [...]}, got " + n.describeValue());
            return PathFilter.ALL;
        }
        errors.onlyKeys(n, "include", "exclude");
        return new PathFilter(PathFilter.globs(n.get("include"), errors), PathFilter.globs(n.get("exclude"), errors));
    }

    private static RuleSetting rule(String id, YamlNode v, ConfigYaml.Errors errors) {
        if (!RULE_ID.matcher(id).matches()) {
            errors.atKey(v, "rules: '" + id + "' is not a rule id");
            return null;
        }
        int line = v.keyLine();
        int col = v.keyCol();
        if (v.kind() == YamlNode.Kind.BOOLEAN) {
            return new RuleSetting(id, (Boolean) v.scalar(), null, PathFilter.ALL, line, col);
        }
        if (v.kind() == YamlNode.Kind.STRING) {
            String s = v.text().strip().toLowerCase(Locale.ROOT);
            switch (s) {
                case "off", "disabled", "false", "no":
                    return new RuleSetting(id, false, null, PathFilter.ALL, line, col);
                case "on", "enabled", "true", "yes":
                    return new RuleSetting(id, true, null, PathFilter.ALL, line, col);
                default:
                    Severity sev = Severity.byId(s).orElse(null);
                    if (sev == null) {
                        errors.at(v, "rules: " + id + ": expected off, on, error, warning, note or a map, got "
                                + v.describeValue());
                        return null;
                    }
                    return new RuleSetting(id, true, sev, PathFilter.ALL, line, col);
            }
        }
        if (!v.isMap()) {
            errors.at(v, "rules: " + id + ": expected off, on, a severity or {enabled, severity, paths}, got "
                    + v.describeValue());
            return null;
        }
        errors.onlyKeys(v, "enabled", "severity", "paths");
        boolean enabled = true;
        YamlNode en = v.get("enabled");
        if (en != null) {
            if (en.kind() != YamlNode.Kind.BOOLEAN) {
                errors.at(en, "enabled: expected true or false, got " + en.describeValue());
            } else {
                enabled = (Boolean) en.scalar();
            }
        }
        Severity sev = null;
        YamlNode sn = v.get("severity");
        if (sn != null) {
            sev = Severity.byId(sn.text()).orElse(null);
            if (sev == null) {
                errors.at(sn, "severity: expected error, warning or note, got " + sn.describeValue());
            }
        }
        return new RuleSetting(id, enabled, sev, pathFilter(v.get("paths"), errors), line, col);
    }

    private static Path pathValue(YamlNode n, Path dir, ConfigYaml.Errors errors) {
        return pathValue(n, dir, errors, false);
    }

    /**
     * A path of the file, relative to its folder. {@code written}: a file perfwarden writes ({@code lock:} by
     * {@code packs lock}, {@code baseline:} by {@code baseline create}) must stay inside the project folder: a
     * repository's {@code lock: /root/.bashrc} or {@code baseline: ../../../tmp/x} had those commands overwrite any
     * file the user can write (attack2 probe 15).
     */
    private static Path pathValue(YamlNode n, Path dir, ConfigYaml.Errors errors, boolean written) {
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            return null;
        }
        if (n.kind() != YamlNode.Kind.STRING || n.text().isBlank()) {
            errors.at(n, n.path() + ": expected a file path, got " + n.describeValue());
            return null;
        }
        Path p = dir.resolve(n.text()).normalize();
        if (written && (Path.of(n.text()).isAbsolute() || !p.startsWith(dir) || p.equals(dir))) {
            errors.at(n, n.path() + ": '" + n.text() + "' must be a file inside the project folder (" + dir
                    + "): perfwarden writes it");
            return null;
        }
        return p;
    }
}
