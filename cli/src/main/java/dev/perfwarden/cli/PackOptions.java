package dev.perfwarden.cli;

import dev.perfwarden.engine.service.SessionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** {@code spec} with these packs and parameter overrides. */
    SessionSpec applyTo(SessionSpec spec) {
        return spec.withPacks(packs).withRulePacks(ruleDirs).withParams(overrides());
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
}
