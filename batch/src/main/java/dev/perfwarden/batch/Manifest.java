package dev.perfwarden.batch;

import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ConfigYaml;
import dev.perfwarden.engine.yaml.YamlNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code repos.yaml}: the repositories of a batch. Every problem names the file, line and column;
 * relative paths are resolved against the manifest's folder. See docs/batch.md for the reference.
 *
 * <pre>
 * repos:
 *   - id: orders
 *     captures: captured/orders      # a folder of captured toolchain output
 *     source: [src/orders]           # optional: Go sources the captures came from
 *   - id: kit
 *     module: ../kit                 # a Go module folder, scanned like 'perfwarden scan'
 *     packages: [./codec/...]        # optional (default ./...)
 *     bench: Encode                  # optional: run benchmarks matching this regex with profiles
 *   - id: zap
 *     git: https://github.com/uber-go/zap
 *     rev: v1.27.0                   # a tag, branch or commit
 *     subdir: ""                     # optional: the module's folder in the repository
 * </pre>
 */
public final class Manifest {
    private Manifest() {
    }

    public static List<RepoEntry> read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, 0, "cannot read the manifest: " + e.getMessage());
        }
        return parse(text, file.toString(), file.toAbsolutePath().normalize().getParent());
    }

    public static List<RepoEntry> parse(String text, String name, Path dir) throws ConfigException {
        YamlNode root = ConfigYaml.parse(text, name);
        Problems errors = new Problems(name);
        List<RepoEntry> out = new ArrayList<>();
        if (!root.isMap()) {
            errors.at(root, "expected a map with 'repos:'");
            errors.throwIfAny();
        }
        errors.onlyKeys(root, "repos");
        YamlNode repos = root.get("repos");
        if (repos == null || !repos.isList()) {
            errors.at(repos == null ? root : repos, "expected 'repos:' with a list of entries");
            errors.throwIfAny();
        }
        Map<String, YamlNode> seen = new HashMap<>();
        for (YamlNode e : repos.list()) {
            RepoEntry entry = entry(e, dir, errors);
            if (entry == null) {
                continue;
            }
            YamlNode before = seen.putIfAbsent(entry.id(), e);
            if (before != null) {
                errors.at(e.get("id"), "duplicate id '" + entry.id() + "' (first at line " + before.line() + ")");
                continue;
            }
            out.add(entry);
        }
        if (out.isEmpty() && errors.isEmpty()) {
            errors.at(repos, "the manifest lists no repositories");
        }
        errors.throwIfAny();
        return out;
    }

    private static RepoEntry entry(YamlNode e, Path dir, Problems errors) {
        if (!e.isMap()) {
            errors.at(e, "expected an entry with id: and one of captures:, module:, git:");
            return null;
        }
        int before = errors.count;
        errors.onlyKeys(e, "id", "captures", "module", "git", "rev", "subdir", "source", "packages", "bench");
        String id = string(e, "id", errors, true);
        if (id != null && !RepoEntry.ID.matcher(id).matches()) {
            errors.at(e.get("id"), "id '" + id + "' must be letters, digits, '.', '_' or '-' (it names output files)");
        } else if (id != null && RepoEntry.reserved(id)) {
            errors.at(e.get("id"), "id '" + id + "' names the batch's own summary.json or findings.jsonl: choose another");
        }
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("captures", "module", "git")) {
            if (e.get(k) != null) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            errors.at(e, kinds.isEmpty() ? "entry needs one of captures:, module: or git:"
                    : "entry has " + String.join(" and ", kinds) + ": give only one");
            return null;
        }
        String kind = kinds.get(0);
        String value = string(e, kind, errors, true);
        List<String> sources = strings(e.get("source"), errors);
        List<String> packages = strings(e.get("packages"), errors);
        String bench = string(e, "bench", errors, false);
        String rev = string(e, "rev", errors, kind.equals("git"));
        String subdir = string(e, "subdir", errors, false);
        if (!kind.equals("captures") && e.get("source") != null) {
            errors.at(e.get("source"), "source: applies to captures: entries (a module is its own source)");
        }
        if (kind.equals("captures")) {
            for (String k : List.of("packages", "bench")) {
                if (e.get(k) != null) {
                    errors.at(e.get(k), k + ": applies to module: and git: entries (captures are already made)");
                }
            }
        }
        if (!kind.equals("git")) {
            for (String k : List.of("rev", "subdir")) {
                if (e.get(k) != null) {
                    errors.at(e.get(k), k + ": applies to git: entries");
                }
            }
        }
        arguments(e, kind, value, rev, subdir, packages, errors);
        if (errors.count > before || id == null || value == null) {
            return null;
        }
        return switch (kind) {
            case "captures" -> RepoEntry.captures(id, resolve(dir, value),
                    sources.stream().map(s -> resolve(dir, s)).toList());
            case "module" -> RepoEntry.module(id, resolve(dir, value), packages, bench);
            default -> RepoEntry.git(id, value, rev, subdir, packages, bench);
        };
    }

    /** The values that become arguments of git and go commands (see {@link GitRef}). */
    private static void arguments(YamlNode e, String kind, String value, String rev, String subdir, List<String> packages,
                                  Problems errors) {
        if (kind.equals("git") && value != null) {
            String p = GitRef.urlProblem(value);
            if (p != null) {
                errors.at(e.get("git"), p);
            }
        }
        if (rev != null && GitRef.revProblem(rev) != null) {
            errors.at(e.get("rev"), GitRef.revProblem(rev));
        }
        if (subdir != null && GitRef.argumentProblem("subdir", subdir) != null) {
            errors.at(e.get("subdir"), GitRef.argumentProblem("subdir", subdir));
        }
        YamlNode pk = e.get("packages");
        for (int i = 0; i < packages.size(); i++) {
            String p = GitRef.argumentProblem("packages", packages.get(i));
            if (p != null) {
                errors.at(pk.isList() ? pk.list().get(i) : pk, p);
            }
        }
    }

    /** {@code --dirs}: each folder one repository of captures, its id the folder's name. */
    public static List<RepoEntry> ofDirs(List<Path> dirs) {
        List<RepoEntry> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path d : dirs) {
            Path abs = d.toAbsolutePath().normalize();
            String id = abs.getFileName() == null ? "root" : abs.getFileName().toString();
            if (!RepoEntry.ID.matcher(id).matches()) {
                throw new IllegalArgumentException(d + ": folder name '" + id
                        + "' cannot be an id (letters, digits, '.', '_' or '-'); use a manifest");
            }
            if (RepoEntry.reserved(id)) {
                throw new IllegalArgumentException(d + ": folder name '" + id + "' would name the batch's own"
                        + " summary.json or findings.jsonl; use a manifest to give it another id");
            }
            Path before = seen.putIfAbsent(id, abs);
            if (before != null) {
                throw new IllegalArgumentException("--dirs " + before + " and " + d + " have the same name '" + id
                        + "'; use a manifest to give them ids");
            }
            out.add(RepoEntry.captures(id, abs.toString(), List.of()));
        }
        return out;
    }

    private static String resolve(Path dir, String p) {
        return dir.resolve(p).toAbsolutePath().normalize().toString();
    }

    private static String string(YamlNode e, String key, Problems errors, boolean required) {
        YamlNode n = e.get(key);
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            if (required) {
                errors.at(e, "entry needs " + key + ":");
            }
            return null;
        }
        if (!n.isScalar() || n.text().isBlank() && required) {
            errors.at(n, key + ": expected a non-empty string");
            return null;
        }
        return n.text();
    }

    private static List<String> strings(YamlNode n, Problems errors) {
        if (n == null || n.kind() == YamlNode.Kind.NULL) {
            return List.of();
        }
        if (n.isScalar()) {
            return List.of(n.text());
        }
        if (!n.isList()) {
            errors.at(n, "expected a string or a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode x : n.list()) {
            if (!x.isScalar() || x.text().isBlank()) {
                errors.at(x, "expected a non-empty string");
            } else {
                out.add(x.text());
            }
        }
        return out;
    }

    /** {@link ConfigYaml.Errors} that counts, so one entry's problems can be told apart from the others'. */
    private static final class Problems {
        final ConfigYaml.Errors errors;
        int count;

        Problems(String file) {
            errors = new ConfigYaml.Errors(file);
        }

        void at(YamlNode n, String msg) {
            errors.at(n, msg);
            count++;
        }

        void onlyKeys(YamlNode map, String... allowed) {
            List<String> ok = List.of(allowed);
            count += (int) map.map().keySet().stream().filter(k -> !ok.contains(k)).count();
            errors.onlyKeys(map, allowed);
        }

        boolean isEmpty() {
            return count == 0;
        }

        void throwIfAny() throws ConfigException {
            errors.throwIfAny();
        }
    }
}
