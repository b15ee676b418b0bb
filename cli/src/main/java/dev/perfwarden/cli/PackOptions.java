package dev.perfwarden.cli;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.SemVer;
import dev.perfwarden.engine.pack.VersionRange;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which rule packs run: built-in packs by id and version range, user pack folders, parameters. */
public final class PackOptions {
    @Option(names = "--pack", paramLabel = "ID[@RANGE]",
            description = "Built-in pack to run, optionally pinned to a version range "
                    + "(e.g. go-perf@^1.0). Repeatable. Default: go-perf, unless --rules is given.")
    List<String> packs = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "DIR|ZIP", description = "A user rule pack: a folder with pack.yaml, "
            + "or a .zip/.jar of one. Restricted unless --trust=full. Repeatable.")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Override a pack parameter, e.g. --param go-perf:hot.function.cumShare=0.05. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    List<Pack> load() {
        List<Pack> out = new ArrayList<>();
        List<String> wanted = packs.isEmpty() && ruleDirs.isEmpty() ? List.of("go-perf") : packs;
        ClassLoader cl = PackOptions.class.getClassLoader();
        for (String spec : wanted) {
            int at = spec.indexOf('@');
            String id = at < 0 ? spec : spec.substring(0, at);
            try {
                List<String> ids = PackLoader.builtinIds(cl);
                if (!ids.contains(id)) {
                    throw new UserException("no built-in pack '" + id + "' (built-in: " + String.join(", ", ids)
                            + "); use --rules DIR for a pack folder");
                }
                Pack p = PackLoader.loadBuiltin(cl, id);
                if (at >= 0) {
                    String r = spec.substring(at + 1);
                    VersionRange range = VersionRange.parse(r).orElseThrow(() ->
                            new UserException("bad version range in --pack " + spec));
                    if (!range.contains(SemVer.of(p.version()))) {
                        throw new UserException("pack " + p.label() + " does not satisfy " + spec);
                    }
                }
                out.add(p);
            } catch (PackException e) {
                throw packError(e);
            } catch (IOException e) {
                throw new UserException("cannot list built-in packs: " + e.getMessage(), e);
            }
        }
        for (Path dir : ruleDirs) {
            if (!Files.isDirectory(dir) && !dev.perfwarden.engine.pack.PackArchive.isArchive(dir)) {
                throw new UserException("--rules " + dir + ": not a pack folder or a .zip/.jar archive");
            }
            try {
                out.add(PackLoader.load(dir));
            } catch (PackException e) {
                throw packError(e);
            }
        }
        return out;
    }

    RuleSet ruleSet() {
        try {
            return RuleSet.build(load());
        } catch (PackException e) {
            throw packError(e);
        }
    }

    /** Parameter overrides with numbers and booleans typed; the engine checks names and types. */
    Map<String, Object> overrides() {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, typed(v)));
        return out;
    }

    private static Object typed(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static UserException packError(PackException e) {
        String msg = e.problems().stream().map(Problem::format).collect(Collectors.joining("\n  "));
        return new UserException("rule pack refused:\n  " + msg, e);
    }
}
