package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.model.RuleInfo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded and verified rule pack. Immutable; build a {@code RuleSet} from one or more packs.
 *
 * @param id          pack id, e.g. {@code go-perf}
 * @param version     semantic version from {@code pack.yaml}
 * @param engineRange {@code perfwarden} range from {@code pack.yaml} (the engine versions the pack accepts)
 * @param requires    other packs this one needs: id → version range
 * @param description free text
 * @param origin      where it was loaded from (a folder, or {@code classpath:packs/<id>})
 * @param sha256      hex sha256 over the files the loader reads, sorted by path (see {@link PackLoader})
 * @param parameters  declared parameters by name, in declaration order
 * @param rules       rule catalogue from the rules' DRL metadata, sorted by id
 * @param sources     rule sources, sorted by id
 * @param dsl         the pack's DSL files (name → text), for tools that show them
 * @param files       hex sha256 of each file the loader read, by path relative to the pack root, sorted: what
 *                    {@code sha256} covers, kept per file so a lock check can name the file that changed
 * @param builtin     whether the pack ships with perfwarden and was chosen by id ({@code --pack}, {@code id:} in
 *                    the project file): set by {@link PackLoader#loadBuiltin} only, never from a path or name
 */
public record Pack(String id, String version, VersionRange engineRange, Map<String, VersionRange> requires,
                   String description, String origin, String sha256, Map<String, PackParameter> parameters,
                   List<RuleInfo> rules, List<RuleSource> sources, Map<String, String> dsl,
                   java.util.SortedMap<String, String> files, boolean builtin) implements java.io.Serializable {
    /** A pack that is not built in (for callers that build packs by hand). */
    public Pack(String id, String version, VersionRange engineRange, Map<String, VersionRange> requires,
                String description, String origin, String sha256, Map<String, PackParameter> parameters,
                List<RuleInfo> rules, List<RuleSource> sources, Map<String, String> dsl,
                java.util.SortedMap<String, String> files) {
        this(id, version, engineRange, requires, description, origin, sha256, parameters, rules, sources, dsl,
                files, false);
    }

    /** A pack without per-file hashes (for callers that build packs by hand). */
    public Pack(String id, String version, VersionRange engineRange, Map<String, VersionRange> requires,
                String description, String origin, String sha256, Map<String, PackParameter> parameters,
                List<RuleInfo> rules, List<RuleSource> sources, Map<String, String> dsl) {
        this(id, version, engineRange, requires, description, origin, sha256, parameters, rules, sources, dsl,
                new java.util.TreeMap<>());
    }

    public Pack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(engineRange, "engineRange");
        requires = Map.copyOf(requires);
        description = description == null ? "" : description;
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sha256, "sha256");
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        rules = List.copyOf(rules);
        sources = List.copyOf(sources);
        dsl = Map.copyOf(dsl);
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
    }

    /** {@code id@version}, as findings carry it. */
    public String label() {
        return id + "@" + version;
    }

    /** The DRL package every rule of this pack must declare: {@code perfwarden.packs.<id with - and . as _>}. */
    public String drlPackage() {
        return drlPackageOf(id);
    }

    /**
     * Engine-level parameters every pack has; a pack may declare them to change the default. In declaration order
     * (a {@link java.util.LinkedHashMap}: {@code Map.of} takes at most 10 pairs and iterates in no fixed order, and
     * the parameter tables built from this one list them in its order).
     */
    public static final java.util.Map<String, Double> ENGINE_PARAMETERS = engineParameters();

    private static java.util.Map<String, Double> engineParameters() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("hot.function.cumShare", 0.02);
        m.put("hot.line.flatShare", 0.005);
        m.put("hot.line.cumShare", 0.005);
        m.put("hot.alloc.share", 0.01);
        m.put("hot.alloc.minShare", 0.005);
        m.put("hot.minSamples", 5.0);
        m.put("hot.alloc.cpuShare", 0.0);
        m.put("hot.benchmark.share", 0.0);
        m.put("hot.benchmark.minSamples", 10.0);
        return java.util.Collections.unmodifiableMap(m);
    }

    public static String drlPackageOf(String packId) {
        return "perfwarden.packs." + packId.replace('-', '_').replace('.', '_');
    }
}
