package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.SourcePaths;
import dev.perfwarden.facts.core.CompilerNames;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.Located;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.logopt.LogoptHeader;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.CallerLine;
import dev.perfwarden.facts.profile.LineCaller;
import dev.perfwarden.facts.profile.RuntimeCallerLine;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.profile.LineCost;
import dev.perfwarden.facts.symbols.Symbols;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in the function of facts that only carry a position ({@code -m} text, {@code -json} logs)
 * and makes their file paths module-relative.
 *
 * <p>For each {@link Attributable} fact:
 * <ol>
 *   <li><b>Path.</b> A -json position relative to the package directory is first made absolute with
 *       its {@link LogoptHeader#pkgDir()}. The path is then matched against the indexed Go sources:
 *       as given ({@code esc.go}, {@code sub/x.go}), below a module root (absolute), or by the longest
 *       whole-element suffix (a capture made in another directory, e.g. {@code /home/gopher/src/t1/esc.go}
 *       matches {@code esc.go} of the module given as source root). Unmatched paths stay as printed
 *       ({@code ./} removed); GOROOT files stay absolute.</li>
 *   <li><b>Symbol.</b> With the file indexed: a name the compiler printed for the fact
 *       ({@link Attributable#BY_COMPILER}) is re-qualified with the file's real package (the source's
 *       package clause tells {@code main} from an import path); otherwise the innermost function or
 *       literal around (line, col) gives the symbol ({@link Attributable#BY_SOURCE}); a position
 *       outside every function belongs to the function another input's compiler line names at that very
 *       position (a compiler-made wrapper: {@code parameter ctx leaks … for Rule.Apply} at an interface's
 *       method), else, inside an interface's method spec, to the wrapper the compiler makes for that method
 *       ({@code Rule.Apply}, also without {@code -m=2}), else (a package-level variable initializer) to
 *       {@code pkg.init}.
 *       Without the file: compiler-printed names are kept; other facts take the nearest
 *       {@code can inline}/{@code cannot inline} declaration at or before their position in the
 *       same file ({@link Attributable#APPROXIMATE}), or stay unresolved ({@link Attributable#NONE}).</li>
 *   <li><b>Targets.</b> {@link InlineFact#target()} names are canonicalised with the file's imports
 *       ({@code reflectlite.TypeOf} → {@code internal/reflectlite.TypeOf}).</li>
 * </ol>
 * Other located facts (objdump and {@code -S} machine code, SSA) and profile lines ({@link HotLine})
 * keep their symbol and get the same module-relative file ({@code -trimpath} and absolute forms alike).
 * Profile symbols ({@link HotLine}, {@link HotFunction}, {@link HotInstruction}) of a module package named {@code main},
 * which a test binary prints under the package's import path, are renamed {@code main.…} (their instance names too).
 * The result says how many facts were resolved which way ({@link Resolution#byAttribution()}), and ends with the
 * {@link ReusedSlice} facts the sources give for the facts' {@code runtime.growslice} lines ({@link ReusedSlices}), and
 * the {@link FieldAppend}s of their in-loop ones ({@link FieldAppends}).
 */
public final class FunctionResolver {
    /** The facts with symbols filled, and how many of them carry each attribution. */
    public record Resolution(List<Fact> facts, Map<String, Long> byAttribution) {
    }

    private static final Pattern GO_MINOR = Pattern.compile("go1\\.(\\d+)");

    private final List<Path> roots;
    private GoSourceIndex.GlobalClosures style;
    private final List<GoSourceIndex> indexes = new ArrayList<>();
    /** The source trees walked for {@link #indexes}, by root: handed on so that nobody walks them again. */
    private final Map<Path, GoTree> trees = new java.util.LinkedHashMap<>();
    private boolean built;
    /** Concurrent: {@link #resolveInPlace(ArrayList, int)} resolves ranges of facts on several threads. */
    private final Map<String, Optional<Hit>> hits = new java.util.concurrent.ConcurrentHashMap<>();
    /** Facts of the current {@link #resolveAll} placed outside every function of their source (by identity). */
    private final Map<Object, Boolean> outside = Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    /** From how many facts {@link #resolveInPlace(ArrayList, int)} uses more than one thread. */
    static final int PARALLEL_FACTS = 50_000;

    private BuildConstraints target;

    private FunctionResolver(List<Path> roots, GoSourceIndex.GlobalClosures style, BuildConstraints target) {
        this.roots = List.copyOf(roots);
        this.style = style;
        this.target = target;
    }

    /**
     * As {@link #of(List, GoSourceIndex.GlobalClosures)} for a given build target (which files count
     * when numbering {@code init} functions and package-level closures); null = the -json logs'
     * goos/goarch, else linux/amd64 without cgo.
     */
    public static FunctionResolver of(List<Path> sourceRoots, GoSourceIndex.GlobalClosures style,
                                      BuildConstraints target) {
        return new FunctionResolver(sourceRoots, style, target);
    }

    /**
     * A resolver over Go sources found from {@code sourceRoots}: each root's module (nearest
     * go.mod at or above it) is indexed; a root without a module above it contributes only the
     * .go files directly in it. {@code style} = null picks the closure naming from the facts'
     * Go version (-json {@code gc_version}; Go 1.22+ naming when unknown).
     */
    public static FunctionResolver of(List<Path> sourceRoots, GoSourceIndex.GlobalClosures style) {
        return new FunctionResolver(sourceRoots, style, null);
    }

    /** {@code resolve(facts, roots)}: the facts with {@code symbol} filled and files module-relative. */
    public static List<Fact> resolve(List<Fact> facts, List<Path> sourceRoots) {
        return of(sourceRoots, null).resolveAll(facts).facts();
    }

    private void build() {
        if (built) {
            return;
        }
        built = true;
        if (style == null) {
            style = GoSourceIndex.GlobalClosures.INIT;
        }
        if (target == null) {
            target = BuildConstraints.DEFAULT;
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Path r : roots) {
            if (r == null || !Files.isDirectory(r)) {
                continue;
            }
            Optional<Path> mod = GoSourceIndex.findModuleRoot(r);
            Path root = mod.orElse(r.toAbsolutePath().normalize());
            if (!seen.add(root)) {
                continue;
            }
            try {
                GoTree tree = GoTree.walk(root, mod.isPresent());
                trees.put(tree.root(), tree);
                GoSourceIndex idx = GoSourceIndex.cached(tree, style, target);
                if (mod.isPresent() || !idx.files().isEmpty()) {
                    indexes.add(idx);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot index Go sources below " + root, e);
            }
        }
    }

    /** The source trees walked to build the indexes, by absolute root (empty until facts needed them). */
    public Map<Path, GoTree> trees() {
        return Collections.unmodifiableMap(trees);
    }

    /** The indexes built so far (one per module). */
    public List<GoSourceIndex> indexes() {
        build();
        return Collections.unmodifiableList(indexes);
    }

    private record Hit(GoSourceIndex index, String rel) {
    }

    private Optional<Hit> hit(String path) {
        return hits.computeIfAbsent(path, p -> {
            for (GoSourceIndex idx : indexes) {
                Optional<String> m = idx.match(p);
                if (m.isPresent()) {
                    return Optional.of(new Hit(idx, m.get()));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * A file path as printed ({@code ./esc.go}, {@code pkg/x.go}, {@code /abs/x.go},
     * {@code file:///abs/x.go}) relative to the module root of the matching indexed sources; the
     * cleaned path when no index knows it.
     */
    public String relativePath(String printed) {
        build();
        String p = SourcePaths.clean(printed);
        if (p.isEmpty() || SourcePaths.pseudo(p)) {
            return p;
        }
        Optional<Hit> h = hit(p);
        if (h.isPresent()) {
            return h.get().rel();
        }
        if (SourcePaths.isAbsolute(p)) {
            for (GoSourceIndex idx : indexes) {
                String rel = SourcePaths.moduleRelative(p, idx.moduleRoot(), idx.moduleRoot());
                if (!SourcePaths.isAbsolute(rel)) {
                    return rel;
                }
            }
        }
        return p;
    }

    /** Resolves every {@link Attributable} fact; other facts pass through unchanged, in order. */
    public Resolution resolveAll(List<Fact> facts) {
        return resolveInPlace(new ArrayList<>(facts));
    }

    /**
     * As {@link #resolveAll}, replacing each fact of {@code facts} by its resolved form in place, and returning
     * {@code facts} as the resolution's list. A caller that hands over its only list lets every parsed fact be
     * collected as soon as its resolved form replaces it. With two new lists beside the caller's, the parsed
     * facts, their relocated copies and their attributed copies were all live at once: on Go's standard library
     * (-m=2 text and -json tree) the heap in use after collections peaked at 479 MB while resolving, 374 MB in
     * place (docs/design/partition.md).
     */
    public Resolution resolveInPlace(ArrayList<Fact> facts) {
        return resolveInPlace(facts, 1);
    }

    /**
     * As {@link #resolveInPlace(ArrayList)}, resolving the facts on up to {@code threads} threads when there are
     * {@link #PARALLEL_FACTS} or more (each thread a contiguous range of the list; the result is the same).
     */
    public Resolution resolveInPlace(ArrayList<Fact> facts, int threads) {
        return resolveInPlace(facts, threads, PARALLEL_FACTS);
    }

    Resolution resolveInPlace(ArrayList<Fact> facts, int threads, int parallelFacts) {
        return resolveInPlace(facts, threads, parallelFacts, Chunks.CHUNK);
    }

    /** As above, the threads claiming {@code chunk} facts at a time (tests: small chunks on a small input). */
    Resolution resolveInPlace(ArrayList<Fact> facts, int threads, int parallelFacts, int chunk) {
        Map<String, LogoptHeader> headers = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof LogoptHeader h) {
                headers.put(h.input(), h);
                if (target == null && !h.goos().isEmpty() && !h.goarch().isEmpty()) {
                    target = new BuildConstraints(h.goos(), h.goarch(), false);
                }
                if (style == null) {
                    Matcher m = GO_MINOR.matcher(h.gcVersion());
                    if (m.find()) {
                        style = Integer.parseInt(m.group(1)) <= 21 ? GoSourceIndex.GlobalClosures.GLOB
                                : GoSourceIndex.GlobalClosures.INIT;
                    }
                }
            }
        }
        build();
        PathCache plain = new PathCache(this::relativePath);
        // 2. declarations the inputs themselves give, for files without source: from the declarations'
        // module-relative copies (step 1 for them alone, made again below)
        Map<String, List<InlineFact>> decls = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof InlineFact d && d.atDeclaration()
                    && relocated(d, headers, plain) instanceof InlineFact i && !i.symbol().isEmpty() && i.line() > 0) {
                decls.computeIfAbsent(i.file(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<InlineFact> l : decls.values()) {
            l.sort(Comparator.comparingInt(InlineFact::line).thenComparingInt(InlineFact::col));
        }
        // 1. paths, then 3. symbols and targets, one fact at a time, in place: the module-relative copy is
        // garbage as soon as its attributed copy is made (young), and the parsed fact once it is replaced
        List<Fact> out = facts;
        outside.clear();
        int n = facts.size() < parallelFacts ? 1 : Math.max(1, Math.min(threads, facts.size()));
        if (n == 1) {
            resolveRange(facts, 0, facts.size(), headers, decls);
        } else {
            Chunks.run(facts.size(), n, chunk, (from, to) -> resolveRange(facts, from, to, headers, decls));
        }
        // 4. positions the compiler named, for facts outside every function of the source
        Map<String, Long> counts = nameCompilerPositions(out, n, chunk);
        outside.clear();
        // 5. what the sources say about the facts' lines: appends growing a reused slice, named results of escapes,
        // appends in loops to a slice in memory (E = append(E, …)), blocks in loops that leave them (allocator lines)
        List.of(ReusedSlices.of(out, indexes), NamedResults.of(out, indexes), FieldAppends.of(out, indexes),
                LoopExits.of(out, indexes)).forEach(out::addAll);
        return new Resolution(out, Collections.unmodifiableMap(new LinkedHashMap<>(counts)));
    }

    /** Steps 1 and 3 for the facts in [from, to) of {@code facts}, in place. */
    private void resolveRange(List<Fact> facts, int from, int to, Map<String, LogoptHeader> headers,
                              Map<String, List<InlineFact>> decls) {
        PathCache plain = new PathCache(this::relativePath);
        for (int i = from; i < to; i++) {
            Fact r = relocated(facts.get(i), headers, plain);
            facts.set(i, r instanceof Attributable<?> a ? attribute(a, decls) : r);
        }
    }

    /** Step 1 of {@link #resolveInPlace} for one fact: module-relative files (and main-package profile symbols). */
    private Fact relocated(Fact f, Map<String, LogoptHeader> headers, PathCache plain) {
        if (f instanceof Attributable<?> a) {
            LogoptHeader h = a.evidence() == null || a.evidence().at() == null ? null
                    : headers.get(a.evidence().at().input());
            String pkgDir = h == null ? "" : h.pkgDir();
            // one cache of module-relative paths for the range's facts (was a map per fact): the path a fact's file
            // names, its package folder joined to a relative one, maps as every fact's does
            return (Fact) a.relocate(file -> plain.inDir(pkgDir, file));
        } else if (f instanceof Located || f instanceof HotLine || f instanceof LineCost || f instanceof CallerLine
                || f instanceof RuntimeCallerLine || f instanceof LineCaller) {
            // machine code, SSA and profile lines: same module-relative file as the compiler's facts
            Fact r = RecordFiles.relocate(f, plain::of);
            return r instanceof HotLine || r instanceof CallerLine || r instanceof RuntimeCallerLine
                    || r instanceof HotInstruction || r instanceof LineCaller ? mainSymbols(r) : r;
        } else if (f instanceof HotFunction) {
            return mainSymbols(f);
        }
        return f;
    }

    /**
     * Step 4 of {@link #resolveInPlace}, in place: a position outside every function of the source that the
     * compiler named a function at is code the compiler generated there (an interface method's wrapper
     * `Rule.Apply`, whose parameters are declared at the interface's method), attributed as the compiler printed
     * it rather than to init. Returns how many facts carry each attribution.
     */
    private Map<String, Long> nameCompilerPositions(List<Fact> out, int n, int chunk) {
        // the first symbol named at each position, in list order: each chunk's first, then the chunks in order
        int chunks = n == 1 ? 1 : Math.max(1, (out.size() + chunk - 1) / chunk);
        java.util.concurrent.atomic.AtomicReferenceArray<Map<String, String>> namedBy =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(chunks);
        Chunks.Range names = (from, to) -> {
            Map<String, String> mine = new HashMap<>();
            for (int i = from; i < to; i++) {
                // not an inlining decision: "can inline init.func1" at a literal's position names the literal, not
                // the function the position is in
                if (out.get(i) instanceof Attributable<?> a && !(a instanceof InlineFact)
                        && a.attribution().equals(Attributable.BY_COMPILER) && !a.symbol().isEmpty() && a.line() > 0) {
                    mine.putIfAbsent(a.file() + ":" + a.line() + ":" + a.col(), a.symbol());
                }
            }
            namedBy.set(n == 1 ? 0 : from / chunk, mine);
        };
        if (n == 1) {
            names.run(0, out.size());
        } else {
            Chunks.run(out.size(), n, chunk, names);
        }
        Map<String, String> named = new HashMap<>();
        for (int c = 0; c < chunks; c++) {
            Map<String, String> m = namedBy.get(c);
            if (m != null) {
                m.forEach(named::putIfAbsent);
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        Chunks.Range step = (from, to) -> {
            Map<String, Long> mine = new HashMap<>();
            for (int i = from; i < to; i++) {
                if (out.get(i) instanceof Attributable<?> a && outside.containsKey(a)) {
                    String sym = named.get(a.file() + ":" + a.line() + ":" + a.col());
                    if (sym != null) {
                        out.set(i, (Fact) a.withAttribution(sym, Attributable.BY_COMPILER));
                    }
                }
                if (out.get(i) instanceof Attributable<?> a) {
                    mine.merge(a.attribution(), 1L, Long::sum);
                }
            }
            synchronized (counts) {
                mine.forEach((k, v) -> counts.merge(k, v, Long::sum));
            }
        };
        if (n == 1) {
            step.run(0, out.size());
        } else {
            Chunks.run(out.size(), n, chunk, step);
        }
        return counts;
    }

    /** A profile fact with {@link #mainSymbol} applied to its symbol and, where it has one, its instance name. */
    private Fact mainSymbols(Fact f) {
        // the instance name equals the symbol of a non-generic function, and joins on it must still see that
        return RecordFiles.map(f, this::mainSymbol, "symbol", "instance", "callerSymbol", "outerSymbol");
    }

    /**
     * A profile symbol of a module package named {@code main} as the main binary's own machine code
     * and the compiler name it: a test binary ({@code go test -cpuprofile}) compiles package main under
     * its import path, so its profiles say {@code example.com/m.f} where objdump of the program and
     * {@code -m} say {@code main.f}.
     */
    private String mainSymbol(String symbol) {
        String pkg = Symbols.packageOf(symbol);
        if (pkg.equals("main") || pkg.length() == symbol.length()) {
            return symbol;
        }
        for (GoSourceIndex idx : indexes) {
            Optional<GoSourceIndex.GoPackage> p = idx.packageNamed(pkg);
            if (p.isPresent() && p.get().name().equals("main") && pkg.equals(p.get().importPath())) {
                return "main" + symbol.substring(pkg.length());
            }
        }
        return symbol;
    }

    /** {@code file} in the package folder {@code pkgDir} (as the -json logs name files relative to it). */
    static String joined(String pkgDir, String file) {
        return pkgDir.isEmpty() || file.isEmpty() || SourcePaths.pseudo(file) || SourcePaths.isAbsolute(file) ? file
                : pkgDir + "/" + file;
    }

    private Fact attribute(Attributable<?> a, Map<String, List<InlineFact>> decls) {
        Optional<Hit> h = a.file().isEmpty() || SourcePaths.pseudo(a.file()) ? Optional.empty() : hit(a.file());
        if (h.isPresent()) {
            return (Fact) inSource(a, h.get());
        }
        a = compiledWithoutSource(a);
        if (a.attribution().equals(Attributable.BY_COMPILER) || a.attribution().equals(Attributable.BY_SOURCE)) {
            return (Fact) a;
        }
        InlineFact best = declarationBefore(a, decls.get(a.file()));
        if (best != null) {
            return (Fact) a.withAttribution(best.symbol(), Attributable.APPROXIMATE);
        }
        return (Fact) a.withAttribution(a.symbol(), a.symbol().isEmpty() ? Attributable.NONE : a.attribution());
    }

    /** A fact at a position in a source file the indexes hold: by the name the compiler printed, else by position. */
    private Attributable<?> inSource(Attributable<?> a, Hit h) {
        GoSourceIndex idx = h.index();
        String rel = h.rel();
        GoSourceIndex.GoFile gf = idx.file(rel).orElseThrow();
        GoSourceIndex.GoPackage pkg = idx.packageOf(rel).orElseThrow();
        String prefix = prefix(pkg, a);
        Attributable<?> r;
        if (a.attribution().equals(Attributable.BY_COMPILER) && !a.compilerFunc().isEmpty()) {
            r = (Attributable<?>) a.withAttribution(compilerSymbol(a, idx, gf, pkg, prefix), Attributable.BY_COMPILER);
        } else {
            r = bySource(a, idx, rel, prefix);
        }
        if (r instanceof InlineFact i && !i.targetName().isEmpty()) {
            String t = i.atDeclaration() && i.targetName().equals(i.compilerFunc()) ? i.symbol()
                    : qualifiedByJson(i, pkg) ? Symbols.qualify(prefix, CompilerNames.tail(i.targetName()))
                    : called(i.targetName(), gf, pkg, prefix);
            r = i.withTarget(t);
        }
        return r;
    }

    /** The symbol of the function the compiler named for {@code a}, compiled from {@code gf}. */
    private String compilerSymbol(Attributable<?> a, GoSourceIndex idx, GoSourceIndex.GoFile gf,
                                  GoSourceIndex.GoPackage pkg, String prefix) {
        String sym = declared(a.compilerFunc(), gf, pkg, prefix);
        String head = CompilerNames.head(a.compilerFunc());
        Optional<GoSourceIndex.GoPackage> building = idx.packageNamed(a.pkg());
        if (head.equals(pkg.name()) && building.isPresent() && !building.get().dir().equals(pkg.dir())) {
            // generic code of this file's package instantiated in another package's build
            // prints the package qualifier: crypto/ecdh compiles "ecdh.NewPrivateKey[...]" of
            // crypto/internal/fips140/ecdh (whose own function "ecdh" must not capture it)
            sym = Symbols.qualify(prefix, CompilerNames.tail(a.compilerFunc()));
        }
        if (!head.isEmpty() && !pkg.topLevel().contains(head) && !head.equals(pkg.name())
                && !gf.imports().containsKey(head)) {
            // a closure the inliner made in the package being compiled (Go 1.22+:
            // "main.Gen[go.shape.string].func9" at a position in another package's file)
            Optional<GoSourceIndex.GoPackage> compiling = idx.packageNamed(a.pkg());
            if (compiling.isPresent() && compiling.get().topLevel().contains(head)) {
                sym = Symbols.qualify(prefix(compiling.get(), a), a.compilerFunc());
            }
        }
        return sym;
    }

    /** {@code a} attributed to the innermost function around its position. */
    private Attributable<?> bySource(Attributable<?> a, GoSourceIndex idx, String rel, String prefix) {
        boolean declaration = a instanceof InlineFact i && i.atDeclaration();
        Optional<GoSourceIndex.Func> fn = idx.innermost(rel, a.line(), a.col(), !declaration);
        // outside every function: an interface method's parameters belong to the wrapper the compiler
        // makes for it (Router.Use at chi.go's Router interface); anything else to the package's init
        String outer = fn.isPresent() ? fn.get().name()
                : idx.interfaceMethodAt(rel, a.line(), a.col()).map(m -> m.name()).orElse("init");
        Attributable<?> r = (Attributable<?>) a.withAttribution(Symbols.qualify(prefix, outer),
                Attributable.BY_SOURCE);
        if (fn.isEmpty()) {
            outside.put(r, Boolean.TRUE);
        }
        return r;
    }

    /**
     * No source for the file (&lt;autogenerated&gt;, no position): the package being compiled still tells main from
     * an import path, for names the compiler printed.
     */
    private Attributable<?> compiledWithoutSource(Attributable<?> a) {
        Optional<GoSourceIndex.GoPackage> compiling = Optional.empty();
        for (GoSourceIndex idx : indexes) {
            compiling = idx.packageNamed(a.pkg());
            if (compiling.isPresent()) {
                break;
            }
        }
        if (compiling.isEmpty()) {
            return a;
        }
        GoSourceIndex.GoPackage pkg = compiling.get();
        GoSourceIndex.GoFile none = new GoSourceIndex.GoFile("", pkg.name(), Map.of(), List.of(), false, true);
        String prefix = prefix(pkg, a);
        if (a.attribution().equals(Attributable.BY_COMPILER) && !a.compilerFunc().isEmpty()
                && (a.file().isEmpty() || SourcePaths.pseudo(a.file()))) {
            a = (Attributable<?>) a.withAttribution(declared(a.compilerFunc(), none, pkg, prefix),
                    Attributable.BY_COMPILER);
        }
        if (a instanceof InlineFact i && !i.targetName().isEmpty()
                && (a.file().isEmpty() || SourcePaths.pseudo(a.file()))) {
            a = i.withTarget(i.atDeclaration() && i.targetName().equals(i.compilerFunc()) ? i.symbol()
                    : called(i.targetName(), none, pkg, prefix));
        }
        return a;
    }

    /** The last declaration in {@code ds} at or before {@code a}'s position (binary search: no quadratic work). */
    private static InlineFact declarationBefore(Attributable<?> a, List<InlineFact> ds) {
        if (ds == null || a.line() <= 0) {
            return null;
        }
        int lo = 0;
        int hi = ds.size() - 1;
        InlineFact best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            InlineFact d = ds.get(mid);
            if (d.line() < a.line() || d.line() == a.line() && (a.col() == 0 || d.col() <= a.col())) {
                best = d;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** The package's symbol prefix; the input's package when the module path is unknown. */
    private static String prefix(GoSourceIndex.GoPackage pkg, Attributable<?> a) {
        if (pkg.name().equals("main")) {
            return "main";
        }
        if (!pkg.importPath().isEmpty()) {
            return pkg.importPath();
        }
        return a.pkg();
    }

    /** A name the compiler printed for a function compiled from {@code gf}. */
    static String declared(String name, GoSourceIndex.GoFile gf, GoSourceIndex.GoPackage pkg, String prefix) {
        String head = CompilerNames.head(name);
        if (head.isEmpty() || head.equals("init") || pkg.topLevel().contains(head)) {
            return Symbols.qualify(prefix, name);
        }
        if (head.equals(pkg.name())) {
            return Symbols.qualify(prefix, CompilerNames.tail(name));
        }
        String imp = gf.imports().get(head);
        if (imp != null) {
            return Symbols.qualify(imp, CompilerNames.tail(name));
        }
        return Symbols.qualify(prefix, name);
    }

    /**
     * Whether a callee name came from {@code -json}, which qualifies it with the package name
     * ({@code main.depth}, {@code main.main.func1}), unlike {@code -m} text, whose names are relative to
     * the package ({@code depth}, {@code main.func1}): in package main the two read alike.
     */
    static boolean qualifiedByJson(InlineFact i, GoSourceIndex.GoPackage pkg) {
        return i.evidence() != null && i.evidence().input().equals(InputKind.LOGOPT_JSON.id())
                && CompilerNames.head(i.targetName()).equals(pkg.name());
    }

    /** A callee name as printed in {@code gf} ({@code inlining call to F}). */
    static String called(String name, GoSourceIndex.GoFile gf, GoSourceIndex.GoPackage pkg, String prefix) {
        String head = CompilerNames.head(name);
        if (head.isEmpty() || head.equals("init") || pkg.topLevel().contains(head)) {
            return Symbols.qualify(prefix, name);
        }
        String imp = gf.imports().get(head);
        if (imp != null) {
            return Symbols.qualify(imp, CompilerNames.tail(name));
        }
        if (head.equals(pkg.name())) {
            return Symbols.qualify(prefix, CompilerNames.tail(name));
        }
        return Symbols.collapseTypeArgs(name);
    }
}
