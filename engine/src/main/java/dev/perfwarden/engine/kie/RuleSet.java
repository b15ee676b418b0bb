package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Sha256;
import dev.perfwarden.engine.EngineInfo;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Fingerprints;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.model.Sites;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.RuleSource;
import dev.perfwarden.engine.pack.SemVer;
import dev.perfwarden.engine.pack.VersionRange;
import dev.perfwarden.engine.restrict.CompileGuard;
import dev.perfwarden.engine.restrict.SessionGuard;
import dev.perfwarden.engine.restrict.HitBudget;
import dev.perfwarden.engine.restrict.PackFaultException;
import dev.perfwarden.engine.restrict.SessionLimitException;
import dev.perfwarden.engine.restrict.SessionLimits;
import dev.perfwarden.engine.rule.PackRef;
import dev.perfwarden.engine.rule.Param;
import dev.perfwarden.facts.core.Evidence;
import org.kie.api.KieBase;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A prepared, immutable set of rule packs: one compiled {@link KieBase} plus the packs' catalogue.
 * Thread-safe: {@link #run} opens one session per call and keeps no state between calls, so batch mode
 * runs many bundles on one instance in parallel.
 *
 * <p>{@link #build} compiles with a fresh {@code KieFileSystem} and a {@code ReleaseId} of its own
 * (derived from the content hash). It keeps no cache: a {@link RuleSetCache} (the engine service holds one)
 * shares rule sets by {@link #contentKey content key}. A {@code KieBase} cannot be serialized: workers build
 * their own from pack sources.
 */
public final class RuleSet {

    /** Upper bound of rule firings per run by default; more means a rule loops (see {@link SessionLimits}). */
    public static final int MAX_FIRINGS = 5_000_000;

    static {
        DroolsSettings.apply(); // before any rule class loads Drools' operators
    }

    private static final String PRELUDE_RESOURCE = "/dev/perfwarden/engine/kie/prelude.drl";
    private static final String PRELUDE_PATH = "src/main/resources/dev/perfwarden/engine/prelude/prelude.drl";
    private static final String PRELUDE = readPrelude(PRELUDE_RESOURCE);
    /** Queries compiled into every pack's package ({@code param}, {@code paramText}); see the resource. */
    private static final String PACK_QUERIES = readPrelude("/dev/perfwarden/engine/kie/pack-queries.drl");
    /** The queries every pack has ({@link dev.perfwarden.engine.pack.PackLoader#PACK_QUERIES}). */
    private final String key;
    private final String compiledBy;
    private final KieBase kieBase;
    private final List<Pack> packs;
    private final Map<String, Pack> packsById;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesById;
    private final List<PackRef> packRefs;
    private SessionLimits limits = SessionLimits.defaults();
    /**
     * Compiler facts from which on a run has one rule session per package ({@link Partitions}); below it, one
     * session for everything (cheaper for one module's captures, where sessions would repeat the shared facts).
     */
    public static final int PARTITION_FACTS = 100_000;
    private int partitionFacts = PARTITION_FACTS;

    private RuleSet(String key, KieBase kieBase, List<Pack> packs, String compiledBy) {
        this.key = key;
        this.compiledBy = compiledBy;
        this.kieBase = kieBase;
        this.packs = List.copyOf(packs);
        Map<String, Pack> byId = new LinkedHashMap<>();
        List<RuleInfo> rs = new ArrayList<>();
        List<PackRef> refs = new ArrayList<>();
        for (Pack p : packs) {
            byId.put(p.id(), p);
            rs.addAll(p.rules());
            refs.add(new PackRef(p.drlPackage(), p.id(), p.version()));
        }
        rs.sort(Comparator.comparing(RuleInfo::id));
        this.packsById = byId;
        this.rules = List.copyOf(rs);
        Map<String, RuleInfo> rb = new LinkedHashMap<>();
        rs.forEach(r -> rb.put(r.id(), r));
        this.rulesById = rb;
        this.packRefs = List.copyOf(refs);
    }

    /** Compiles the rule set for {@code packs}, using this class's class loader. */
    public static RuleSet build(List<Pack> packs) throws PackException {
        return build(packs, RuleSet.class.getClassLoader());
    }

    /**
     * Compiles the rule set (every call compiles: share the result, or go through a {@link RuleSetCache});
     * {@code classLoader} must see the fact classes the rules import.
     *
     * @throws PackException when packs clash, do not fit this engine, or do not compile; every problem names
     *                       pack, file (the rule's folder/file) and line (the DSLR line for {@code .dslr})
     */
    public static RuleSet build(List<Pack> packs, ClassLoader classLoader) throws PackException {
        List<Pack> sorted = sorted(packs);
        return compile(sorted, classLoader, contentKey(sorted), true);
    }

    /**
     * Compiles with Drools' classic DRL compiler only: never the packs' precompiled executable models nor the
     * on-disk pack cache (to compare the two).
     */
    public static RuleSet buildClassic(List<Pack> packs, ClassLoader classLoader) throws PackException {
        List<Pack> sorted = sorted(packs);
        return compile(sorted, classLoader, contentKey(sorted), false);
    }

    /**
     * How the KieBase was made: {@code "drl"} (Drools' classic compiler, this run), {@code "prebuilt"} (the
     * executable model compiled when perfwarden was built), {@code "pack-cache"} (the executable model, from the
     * on-disk pack cache or compiled into it) or {@code "model"} (the executable model compiled in memory for this
     * run: the pack cache off or refused).
     */
    public String compiledBy() {
        return compiledBy;
    }

    /**
     * Runs all rules over {@code facts} in a new session and returns the findings, one per site
     * ({@link Sites#merge}), in {@link Finding#RANK} order.
     *
     * @param facts          any objects; the engine adds one {@link PackRef} per pack and one {@link Param} per
     *                       pack parameter
     * @param paramOverrides {@code "pack:name"} (one pack) or {@code "name"} (every pack having it) → value;
     *                       numbers may be given as strings
     * @throws IllegalArgumentException for an unknown parameter or a value of the wrong type
     */
    public List<Finding> run(Collection<?> facts, Map<String, Object> paramOverrides) {
        return run(facts, paramOverrides, limits);
    }

    /**
     * As {@link #run(Collection, Map)}, but a finding {@code hidden} accepts (judged on the merged finding, e.g. by
     * its file: outside the module) is returned with the fingerprint {@link Fingerprints#LATER}: the caller hides it
     * without reporting it, so its fingerprint is not made.
     */
    public List<Finding> run(Collection<?> facts, Map<String, Object> paramOverrides, Predicate<Finding> hidden) {
        return run(facts, paramOverrides, limits, hidden);
    }

    /**
     * As {@link #run(Collection, Map, Predicate)}, taking {@code facts} over: the list is emptied once its facts are
     * split by package, and with one session per package each package's facts are dropped as soon as its session
     * ends, so they can be collected while the other packages run (the caller must hold no other reference to them).
     */
    public List<Finding> runReleasing(List<?> facts, Map<String, Object> paramOverrides, Predicate<Finding> hidden) {
        return run(facts, paramOverrides, limits, hidden, true);
    }

    /** This rule set (same compiled KieBase) with {@code limits} for {@link #run(Collection, Map)}. */
    public RuleSet withLimits(SessionLimits l) {
        if (l.equals(limits)) {
            return this;
        }
        RuleSet r = new RuleSet(key, kieBase, packs, compiledBy);
        r.limits = java.util.Objects.requireNonNull(l, "limits");
        r.partitionFacts = partitionFacts;
        return r;
    }

    /** The limits {@link #run(Collection, Map)} applies. */
    public SessionLimits limits() {
        return limits;
    }

    /**
     * As {@link #run(Collection, Map)}, within {@code limits} (wall time, firings, inserted facts, heap
     * headroom).
     *
     * @throws SessionLimitException when the rules break a limit; it names the pack and rule
     */
    public List<Finding> run(Collection<?> facts, Map<String, Object> paramOverrides, SessionLimits limits) {
        return run(facts, paramOverrides, limits, f -> false);
    }

    private List<Finding> run(Collection<?> facts, Map<String, Object> paramOverrides, SessionLimits limits,
                              Predicate<Finding> hidden) {
        return run(facts, paramOverrides, limits, hidden, false);
    }

    private List<Finding> run(Collection<?> facts, Map<String, Object> paramOverrides, SessionLimits limits,
                              Predicate<Finding> hidden, boolean release) {
        List<Param> params = parameters(paramOverrides == null ? Map.of() : paramOverrides);
        Partitions.Plan plan = Partitions.split(facts);
        // which copy of a merged site leads among equal costs: from the profile's HotFunctions, which are shared
        // facts (not Attributable), so the shared list holds them all and the whole input is not walked again
        java.util.function.ToDoubleFunction<String> weight = Weighing.functionShares(plan.shared());
        if (release) {
            facts.clear();
        }
        List<Object> shared = plan.shared();
        List<List<Object>> packages = new ArrayList<>(plan.packages());
        plan = null; // from here on only packages holds a package's facts, and lets each go after its session
        long compilerFacts = packages.stream().mapToLong(List::size).sum();
        // what the hits of packs from a path may carry, counted over all sessions of this run
        java.util.Set<String> boundedPkgs = new java.util.HashSet<>();
        packs.stream().filter(p -> !p.builtin()).forEach(p -> boundedPkgs.add(p.drlPackage()));
        HitBudget budget = new HitBudget(boundedPkgs::contains);
        if (compilerFacts < partitionFacts || packages.size() < 2) {
            List<Object> all = new ArrayList<>(shared);
            packages.forEach(all::addAll);
            packages.clear();
            return Sites.merge(runSession(all, List.of(), params, limits, budget), hidden, weight);
        }
        // one session per package, as many at once as there are cores; findings that several sessions make
        // alike (from shared facts) merge in Sites.merge like any other copies of one site
        int threads = Math.min(packages.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "perfwarden-package-session");
            t.setDaemon(true);
            return t;
        });
        try {
            // the largest packages start first: on Go's standard library the largest package's session was a fifth of
            // the sessions' CPU, and started late it ran alone at the end; the findings are taken in package order
            List<Future<List<Finding>>> futures = new ArrayList<>(java.util.Collections.nCopies(packages.size(), null));
            for (int i : largestFirst(packages)) {
                // a finished task forgets its callable, and with it the package's facts (released: the only reference)
                List<Object> own = release ? packages.set(i, null) : packages.get(i);
                futures.set(i, pool.submit(() -> runSession(shared, own, params, limits, budget)));
            }
            List<Finding> raw = new ArrayList<>();
            for (Future<List<Finding>> f : futures) {
                raw.addAll(result(f, futures));
            }
            return Sites.merge(raw, hidden, weight);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The indexes of {@code packages}, largest list first (equal sizes in their order): the order their sessions
     * start in, so that no large package starts last and runs alone while the other cores idle.
     */
    static int[] largestFirst(List<? extends List<?>> packages) {
        return java.util.stream.IntStream.range(0, packages.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -packages.get(i).size()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    private static List<Finding> result(Future<List<Finding>> f, List<Future<List<Finding>>> all) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(x -> x.cancel(true));
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            all.forEach(x -> x.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r; // a breached limit (SessionLimitException) or a bug: as from a single session
            }
            if (c instanceof Error err) {
                throw err; // out of memory stays out of memory (exit 70)
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * This rule set with one rule session per package when a run has at least {@code minCompilerFacts} compiler
     * facts of two or more packages ({@link #PARTITION_FACTS} by default; 0: always, {@link Integer#MAX_VALUE}:
     * never). The findings are the same either way.
     */
    public RuleSet withPartitioning(int minCompilerFacts) {
        if (minCompilerFacts == partitionFacts) {
            return this;
        }
        RuleSet r = new RuleSet(key, kieBase, packs, compiledBy);
        r.limits = limits;
        r.partitionFacts = minCompilerFacts;
        return r;
    }

    /** The fact types the rule base reads, found once (every copy of this rule set has the same KieBase). */
    private ReadTypes readTypes() {
        ReadTypes r = readTypes;
        return r != null ? r : (readTypes = ReadTypes.of(kieBase));
    }

    private volatile ReadTypes readTypes;

    private List<Finding> runSession(List<Object> shared, List<Object> own, List<Param> params, SessionLimits limits,
                                     HitBudget budget) {
        Map<String, String> packOfDrl = new HashMap<>();
        packs.forEach(p -> packOfDrl.put(p.drlPackage(), p.id()));
        KieSession session = kieBase.newKieSession();
        List<Finding> raw = new ArrayList<>();
        boolean abandoned = false;
        try {
            List<String> fromPaths = packs.stream().filter(p -> !p.builtin()).map(Pack::id).toList();
            SessionGuard.run(session, limits, drl -> packOfDrl.getOrDefault(drl, drl), fromPaths, budget, s -> {
                for (PackRef r : packRefs) {
                    s.insert(r);
                }
                for (Param p : params) {
                    s.insert(p);
                }
                // a fact no pattern of the rule base can match changes nothing: not inserted (ReadTypes)
                ReadTypes reads = readTypes();
                reads.insert(s, shared);
                reads.insert(s, own);
                reads.insert(s, DerivedFacts.of(shared, own));
                s.fireAllRules();
            });
            for (Object o : session.getObjects(o -> o instanceof Finding)) {
                raw.add((Finding) o);
            }
        } catch (SessionLimitException e) {
            abandoned = e.abandoned();
            throw e;
        } catch (PackFaultException e) {
            throw blame(e);
        } finally {
            try {
                if (!abandoned) { // an abandoned session's consequence still runs: leave it alone
                    session.dispose();
                }
            } catch (RuntimeException e) {
                // a session stopped by a limit may not dispose cleanly; it is dropped either way
            }
        }
        return raw;
    }

    /**
     * A rule's exception (its consequence's, or a condition's, whose pack is found by the rule id): the fault of a
     * pack loaded from a path or archive (its rule's file and line added); of a built-in pack (or of the engine's
     * own rules) a bug in perfwarden, an internal error. A {@code from} or {@code accumulate} that threw, a condition
     * Drools names no rule for, or a name that is no rule (a query) is the fault of the packs loaded from a path, when
     * there are any.
     */
    private RuntimeException blame(PackFaultException e) {
        RuleInfo r = rulesById.get(e.rule());
        if (e.unattributed() || r == null && !e.rule().isEmpty() && e.pack().isEmpty()) {
            // a from or accumulate threw, or a condition Drools named no rule for, or a name that is no rule (a
            // pack library's query, attack3 probe 03): the packs from a path, if any
            String part = e.unattributed() ? e.unattributedPart() : "query or rule '" + e.rule() + "'";
            List<String> suspects = packs.stream().filter(p -> !p.builtin()).map(Pack::id).toList();
            return suspects.isEmpty() ? new IllegalStateException(part + " of a built-in rule threw", e.getCause())
                    : PackFaultException.unattributed(String.join(", ", suspects), part, e.getCause());
        }
        Pack p = packsById.get(e.pack().isEmpty() && r != null ? r.pack() : e.pack());
        if (p == null || p.builtin() || r == null || !r.pack().equals(p.id())) {
            return new IllegalStateException(e.getMessage(), e.getCause());
        }
        String where = r.file() == null || r.file().isEmpty() ? "" : r.file() + (r.line() > 0 ? ":" + r.line() : "");
        return e.at(p.id(), where);
    }

    /** The parameters a run would see, after overrides (one {@link Param} per pack and name). */
    public List<Param> parameters(Map<String, Object> overrides) {
        return new ParameterTable(packs).override(overrides).params();
    }

    /** The packs, sorted by id. */
    public List<Pack> packs() {
        return packs;
    }

    public Optional<Pack> pack(String id) {
        return Optional.ofNullable(packsById.get(id));
    }

    /** Every rule of every pack, sorted by id (ids are unique across the set). */
    public List<RuleInfo> rules() {
        return rules;
    }

    public Optional<RuleInfo> rule(String id) {
        return Optional.ofNullable(rulesById.get(id));
    }

    /** The content key this rule set was built under ({@link #contentKey}). */
    public String key() {
        return key;
    }

    /** The compiled KieBase (shared, thread-safe); for tools that need Drools directly. */
    public KieBase kieBase() {
        return kieBase;
    }

    // ---------------------------------------------------------------- building

    /**
     * The content key of a rule set of {@code packs}: pack ids, versions and sha256s, the engine version and
     * the prelude. Equal keys (with the same class loader) compile to equivalent rule sets.
     */
    public static String contentKey(List<Pack> packs) {
        List<Pack> sorted = sorted(packs);
        StringBuilder sb = new StringBuilder("perfwarden-ruleset\n").append(EngineInfo.version()).append('\n')
                .append(preludeSha256()).append('\n');
        for (Pack p : sorted) {
            sb.append(p.id()).append('@').append(p.version()).append(' ').append(p.sha256()).append('\n');
        }
        return Sha256.hex(sb.toString());
    }

    private static List<Pack> sorted(List<Pack> packs) {
        List<Pack> sorted = new ArrayList<>(packs);
        sorted.sort(Comparator.comparing(Pack::id));
        return sorted;
    }

    /** Hex sha256 of the engine prelude (part of every rule set's key and of precompiled packs' descriptors). */
    static String preludeSha256() {
        return PreludeKey.SHA256;
    }

    /** Computed once, when first asked for (a start asks twice: the content key and the precompiled descriptor). */
    private static final class PreludeKey {
        static final String SHA256 = Sha256.hex(PRELUDE + "\n" + PACK_QUERIES);
    }

    record Src(Pack pack, RuleSource source) {
    }

    /** Writes the prelude and every pack's DRL into {@code kfs}; returns the sources by their kfs path. */
    static Map<String, Src> writeSources(KieFileSystem kfs, List<Pack> packs) {
        kfs.write(PRELUDE_PATH, PRELUDE);
        Map<String, Src> byPath = new HashMap<>();
        for (Pack p : packs) {
            kfs.write("src/main/resources/perfwarden/" + p.id() + "/_pack-queries.drl",
                    PACK_QUERIES.replace("@PACKAGE@", p.drlPackage()).replace("@PACK@", p.id()));
            for (RuleSource s : p.sources()) {
                String rel = "perfwarden/" + p.id() + "/" + s.file() + (s.file().endsWith(".drl") ? "" : ".drl");
                byPath.put(rel, new Src(p, s));
                kfs.write("src/main/resources/" + rel, s.drl());
            }
        }
        return byPath;
    }

    /**
     * Compiles within {@link CompileGuard}'s bounds (CPU time, heap headroom) when a pack is not built in: a pack's
     * text decides what building its rule base costs, and that runs before any session limit applies.
     */
    private static RuleSet compile(List<Pack> packs, ClassLoader cl, String key, boolean precompiled)
            throws PackException {
        if (packs.stream().allMatch(Pack::builtin)) {
            return compileUnbounded(packs, cl, key, precompiled);
        }
        return CompileGuard.run("compiling", packs, () -> compileUnbounded(packs, cl, key, precompiled));
    }

    private static RuleSet compileUnbounded(List<Pack> packs, ClassLoader cl, String key, boolean precompiled)
            throws PackException {
        List<Problem> problems = new ArrayList<>();
        check(packs, problems);
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
        if (precompiled) {
            Optional<RuleSet> prebuilt = precompiled(packs, cl, key);
            if (prebuilt.isPresent()) {
                return prebuilt.get();
            }
        }
        KieBase base = DrlCompiler.compile(packs, cl, key);
        verifyMetadata(base, packs, problems);
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
        return new RuleSet(key, base, packs, "drl");
    }

    /**
     * The rule set as its executable model: built-in packs' compiled when perfwarden was built, other packs' from the
     * on-disk pack cache or compiled now ({@link PackCache#kieBase}); empty when there is none or its rules' metadata
     * is not what the packs say.
     */
    private static Optional<RuleSet> precompiled(List<Pack> packs, ClassLoader cl, String key) {
        Optional<KieBase> prebuilt = ExecutableModels.prebuilt(packs, cl);
        String by = "prebuilt";
        if (prebuilt.isEmpty()) {
            Optional<PackCache.Built> built = PackCache.kieBase(packs, cl, key);
            prebuilt = built.map(PackCache.Built::kieBase);
            by = built.map(PackCache.Built::by).orElse("");
        }
        if (prebuilt.isEmpty()) {
            return Optional.empty();
        }
        List<Problem> problems = new ArrayList<>();
        verifyMetadata(prebuilt.get(), packs, problems);
        return problems.isEmpty() ? Optional.of(new RuleSet(key, prebuilt.get(), packs, by)) : Optional.empty();
    }

    private static void check(List<Pack> packs, List<Problem> problems) {
        SemVer engine = SemVer.parse(EngineInfo.version()).orElse(new SemVer(0, 0, 0, "", ""));
        Map<String, Pack> byId = new LinkedHashMap<>();
        Map<String, RuleInfo> ruleOwner = new HashMap<>();
        for (Pack p : packs) {
            Pack other = byId.putIfAbsent(p.id(), p);
            if (other != null) {
                problems.add(new Problem(p.id(), p.origin(), "pack.yaml", 0, 0, "pack " + p.id()
                        + " is given twice (also from " + other.origin() + ")"));
                continue;
            }
            if (!p.engineRange().contains(engine)) {
                problems.add(new Problem(p.id(), p.origin(), "pack.yaml", 0, 0, "needs perfwarden "
                        + p.engineRange() + ", this is " + engine));
            }
            for (RuleInfo r : p.rules()) {
                RuleInfo prev = ruleOwner.putIfAbsent(r.id(), r);
                if (prev != null) {
                    problems.add(new Problem(p.id(), p.origin(), r.file(), r.line(), 0, "rule id '" + r.id()
                            + "' is also defined by pack " + prev.pack() + "; rule ids must be unique"));
                }
            }
        }
        for (Pack p : byId.values()) {
            for (Map.Entry<String, VersionRange> req : p.requires().entrySet()) {
                Pack dep = byId.get(req.getKey());
                if (dep == null) {
                    problems.add(new Problem(p.id(), p.origin(), "pack.yaml", 0, 0, "requires pack "
                            + req.getKey() + " " + req.getValue() + ", which is not loaded"));
                } else if (!req.getValue().contains(SemVer.of(dep.version()))) {
                    problems.add(new Problem(p.id(), p.origin(), "pack.yaml", 0, 0, "requires pack "
                            + req.getKey() + " " + req.getValue() + ", but " + dep.label() + " is loaded"));
                }
            }
        }
    }

    /** The compiled rules must carry the metadata the loader read (the same source, checked both ways). */
    private static void verifyMetadata(KieBase base, List<Pack> packs, List<Problem> problems) {
        for (Pack p : packs) {
            KiePackage kp = base.getKiePackage(p.drlPackage());
            Map<String, Rule> compiled = new HashMap<>();
            if (kp != null) {
                kp.getRules().forEach(r -> compiled.put(r.getName(), r));
            }
            for (RuleInfo info : p.rules()) {
                Rule r = compiled.get(info.id());
                if (r == null) {
                    problems.add(new Problem(p.id(), p.origin(), info.file(), info.line(), 0,
                            "rule " + info.id() + " is missing from the compiled package " + p.drlPackage()));
                    continue;
                }
                Object sev = r.getMetaData().get("severity");
                if (sev == null || Severity.byId(sev.toString()).orElse(null) != info.severity()) {
                    problems.add(new Problem(p.id(), p.origin(), info.file(), info.line(), 0,
                            "compiled @severity(" + sev + ") differs from the loaded " + info.severity()));
                }
            }
        }
    }

    private static String readPrelude(String resource) {
        try (InputStream in = RuleSet.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, "missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
