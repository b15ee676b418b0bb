package dev.perfwarden.engine.pack;

import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.model.RuleInfo;
import org.drools.drl.parser.lang.dsl.DSLMapping;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

    private PackLoader() {
    }

    /** Loads the pack in folder {@code dir}, or in a {@code .zip}/{@code .jar} archive (see {@link PackArchive}). */
    public static Pack load(Path dir) throws PackException {
        return load(dir, PackContext.freshExpansionBudget());
    }

    /**
     * As {@link #load(Path)}, its DSLR files expanded within what is left of {@code expansion}: the packs of one run
     * share one budget (a project file listing many packs, each just under a pack's budget, took it times their number).
     */
    public static Pack load(Path dir, PackContext.CpuBudget expansion) throws PackException {
        if (PackArchive.isArchive(dir)) {
            return load(PackArchive.read(dir, PackArchive.Limits.defaults()), expansion);
        }
        PackFiles files;
        try {
            files = PackFiles.fromDirectory(dir);
        } catch (IOException e) {
            throw new PackException(new Problem(String.valueOf(dir.getFileName()), dir.toString(), "", 0, 0,
                    "cannot read pack: " + e.getMessage()));
        }
        return load(files, expansion);
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
        return ClasspathPacks.ids(cl);
    }

    /**
     * Loads a pack's files: {@code pack.yaml} checked ({@link ManifestChecks}), the DSL vocabulary read
     * ({@link DslFiles}), the rule sources found ({@link RuleFolders}) and translated ({@link RuleTranslator}),
     * each rule's metadata read ({@link RuleMetadata}); every problem found is collected before the pack is refused.
     */
    static Pack load(PackFiles pf) throws PackException {
        return load(pf, PackContext.freshExpansionBudget());
    }

    static Pack load(PackFiles pf, PackContext.CpuBudget expansion) throws PackException {
        PackReading r = new PackReading(pf);
        if (!r.has("pack.yaml")) {
            r.problem("", 0, 0, "no pack.yaml in the pack folder");
            throw r.failure();
        }
        PackManifest m = PackManifestReader.read(r.read("pack.yaml"), (line, col, msg) -> r.problem("pack.yaml", line, col, msg));
        if (m == null) {
            throw r.failure();
        }
        ManifestChecks checks = new ManifestChecks(r, m);
        checks.id();
        String version = checks.version();
        VersionRange engineRange = checks.engineRange();
        Map<String, VersionRange> requires = checks.requires();
        Map<String, PackParameter> params = checks.parameters();
        Map<String, String> dslTexts = new TreeMap<>();
        Map<String, DSLMapping> dsls = DslFiles.read(r, dslTexts);

        List<RuleInfo> rules = new ArrayList<>();
        List<RuleSource> sources = new ArrayList<>();
        PackContext ctx = context(r.packId(), params, dsls, expansion);
        new RuleFolders(r, new RuleTranslator(r, ctx, version == null ? "" : version, rules, sources))
                .load(ctx.drlPackage(), sources);
        checks.ruleList(rules);
        if (r.problemCount() > 0) {
            throw r.failure();
        }
        return new Pack(r.packId(), version, engineRange, requires, m.description(), pf.origin(), r.sha256(),
                params, rules, sources, dslTexts, PackHashes.of(r.used()), pf.builtin());
    }

    /** What a front-end may know of pack {@code packId}: its DRL package, its parameters plus the engine's, its DSLs. */
    private static PackContext context(String packId, Map<String, PackParameter> params, Map<String, DSLMapping> dsl,
                                       PackContext.CpuBudget expansion) {
        Map<String, ParamType> types = new TreeMap<>();
        Pack.ENGINE_PARAMETERS.keySet().forEach(n -> types.put(n, ParamType.NUMBER));
        params.values().forEach(p -> types.put(p.name(), p.type()));
        return new PackContext(packId, Pack.drlPackageOf(packId), types, dsl, expansion);
    }
}
