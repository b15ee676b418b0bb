package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.SourcePaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An index of the Go source files of one module: for every file its package and imports, and every
 * function declaration and function literal with its range and the name the compiler gives it.
 *
 * <p>Names follow the gc compiler (checked against Go 1.23.5 and 1.26.8 objdump symbols):
 * {@code F}, {@code (*T).M}, {@code T.M}, generic {@code F[...]} and {@code (*T[...]).M};
 * {@code init} functions {@code init.0}, {@code init.1}, … in file order; function literals
 * {@code outer.func1}, {@code outer.func2} in source order, nested ones {@code outer.func1.1};
 * literals in package-level variable initializers {@code init.func1}, … (Go 1.22+) or
 * {@code glob..func1} (Go ≤1.21, from the 1.19–1.21 compiler source), numbered in the package's
 * variable INITIALIZATION order (dependency order, as the compiler does), which this index
 * computes from identifier references (an approximation: shadowing and method values are not
 * seen), over the files the build target compiles ({@link BuildConstraints}: file-name suffixes and
 * {@code //go:build} lines). The {@code std} module's import paths are its directories. Not modelled: range-over-func loop bodies (Go 1.23+ compiles them into {@code F-range1}
 * closures; positions inside them resolve to the enclosing function), and closures the inliner
 * copies into callers (Go 1.22+ names such as {@code main.T.Val.func5}): a position always resolves
 * to the literal in the source.
 */
public final class GoSourceIndex {
    /** From this many files on, {@link #of} parses them on the common fork-join pool too. */
    static final int PARALLEL_FILES = 64;

    /** Naming of closures in package-level variable initializers. */
    public enum GlobalClosures {
        /** Go 1.22 and later: {@code init.func1}. */
        INIT("init.func"),
        /** Go 1.21 and earlier: {@code glob..func1}. */
        GLOB("glob..func");

        final String prefix;

        GlobalClosures(String prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * One function or function literal. {@code name} is the compiler's name without package
     * ({@code (*T).M}, {@code outer.func1}); {@code line}/{@code col} the {@code func} keyword,
     * {@code endLine}/{@code endCol} the closing brace (the keyword's line for a body-less
     * declaration); {@code nameLine}/{@code nameCol} the declared name (the keyword for literals);
     * {@code results} the names of a declaration's named results ({@code (ret string)}), else empty.
     */
    public record Func(String name, String file, int line, int col, int endLine, int endCol, int nameLine,
                       int nameCol, boolean literal, boolean hasBody, List<String> results) {
        public Func {
            results = results == null ? List.of() : List.copyOf(results);
        }

        /** A function without named results (a literal: its result names are not read). */
        public Func(String name, String file, int line, int col, int endLine, int endCol, int nameLine, int nameCol,
                    boolean literal, boolean hasBody) {
            this(name, file, line, col, endLine, endCol, nameLine, nameCol, literal, hasBody, List.of());
        }

        /** Whether ({@code l}, {@code c}) lies inside; {@code c == 0} compares lines only. */
        public boolean contains(int l, int c) {
            if (l < line || l > endLine) {
                return false;
            }
            if (c == 0) {
                return true;
            }
            if (l == line && c < col) {
                return false;
            }
            return l != endLine || c <= endCol;
        }
    }

    /**
     * A source file: module-relative path, package clause, imports (name → path), whether it is a
     * test file and whether the build target compiles it ({@link BuildConstraints}).
     */
    public record GoFile(String path, String pkgName, Map<String, String> imports, List<Func> funcs, boolean test,
                         boolean built, List<InterfaceMethod> interfaceMethods) {
        public GoFile(String path, String pkgName, Map<String, String> imports, List<Func> funcs, boolean test,
                      boolean built) {
            this(path, pkgName, imports, funcs, test, built, List.of());
        }
    }

    /** The interface method spec holding ({@code line}, {@code col}) in {@code relPath}, if any. */
    public Optional<InterfaceMethod> interfaceMethodAt(String relPath, int line, int col) {
        GoFile f = files.get(relPath);
        if (f == null || line <= 0) {
            return Optional.empty();
        }
        return f.interfaceMethods().stream().filter(m -> m.contains(line, col)).findFirst();
    }

    /** A package: its directory (module-relative, "" for the root), name, import path, top-level names. */
    public record GoPackage(String dir, String name, String importPath, Set<String> topLevel) {
        /** What objdump and pprof put in front of this package's symbols: {@code main} or the import path. */
        public String symbolPrefix() {
            return name.equals("main") ? "main" : importPath;
        }
    }

    /** Directories of toolchains and the module cache: their files are never this module's. */
    private static final java.util.regex.Pattern TOOLCHAIN_OR_CACHE =
            java.util.regex.Pattern.compile("(^|/)go(-?[0-9][0-9.]*)?/src/|/pkg/mod/|/libexec/src/|/toolchain@");

    private final Path moduleRoot;
    private final String modulePath;
    private final Map<String, GoFile> files = new TreeMap<>();
    private final Map<String, GoPackage> packageOfFile = new HashMap<>();
    private final Map<String, List<String>> byBaseName = new HashMap<>();
    private final Map<String, GoPackage> byImportPath = new HashMap<>();
    /** The module's one main package, null when it has none or several. */
    private GoPackage onlyMain;
    private int mains;

    private GoSourceIndex(Path moduleRoot, String modulePath) {
        this.moduleRoot = moduleRoot;
        this.modulePath = modulePath;
    }

    public Path moduleRoot() {
        return moduleRoot;
    }

    /** The {@code module} path of go.mod, "" when there is none. */
    public String modulePath() {
        return modulePath;
    }

    public Map<String, GoFile> files() {
        return Collections.unmodifiableMap(files);
    }

    public Optional<GoFile> file(String relPath) {
        return Optional.ofNullable(files.get(relPath));
    }

    public Optional<GoPackage> packageOf(String relPath) {
        return Optional.ofNullable(packageOfFile.get(relPath));
    }

    /**
     * The package compiled under {@code importPath} as an input names it: an import path, or
     * {@code main} (what -json logs call a main package; found when the module has one main package).
     */
    public Optional<GoPackage> packageNamed(String importPath) {
        if (importPath.isEmpty()) {
            return Optional.empty();
        }
        GoPackage p = byImportPath.get(importPath);
        if (p != null) {
            return Optional.of(p);
        }
        return importPath.equals("main") ? Optional.ofNullable(onlyMain) : Optional.empty();
    }

    /** The innermost function or literal holding ({@code line}, {@code col}) in {@code relPath}. */
    public Optional<Func> innermost(String relPath, int line, int col) {
        return innermost(relPath, line, col, false);
    }

    /**
     * The innermost function or literal holding ({@code line}, {@code col}); with
     * {@code literalAsExpression}, a literal that starts exactly there is skipped: the position is
     * then the literal as an expression ({@code func literal escapes to heap}), which belongs to the
     * enclosing function, not the literal's body.
     */
    public Optional<Func> innermost(String relPath, int line, int col, boolean literalAsExpression) {
        GoFile f = files.get(relPath);
        if (f == null || line <= 0) {
            return Optional.empty();
        }
        Func best = null;
        for (Func fn : f.funcs()) {
            if (literalAsExpression && fn.literal() && fn.line() == line && fn.col() == col) {
                continue;
            }
            if (fn.contains(line, col) && (best == null || fn.line > best.line
                    || fn.line == best.line && fn.col >= best.col)) {
                best = fn;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The indexed file a printed path refers to: the path itself when indexed; for an absolute
     * path, the indexed file whose path is the longest whole-element suffix of it (a capture made
     * in {@code /home/gopher/src/t1} refers to {@code esc.go} of a copy of that module; never for
     * GOROOT or module-cache paths); for a relative path (printed by a build run in a
     * sub-directory), the one indexed file that ends with it. Empty when none or ambiguous.
     */
    public Optional<String> match(String path) {
        String p = SourcePaths.clean(path);
        if (files.containsKey(p)) {
            return Optional.of(p);
        }
        if (SourcePaths.isAbsolute(p) && moduleRoot != null) {
            String rel = SourcePaths.moduleRelative(p, moduleRoot, moduleRoot);
            if (files.containsKey(rel)) {
                return Optional.of(rel);
            }
        }
        // -trimpath form (objdump TEXT headers, profiles of -trimpath binaries): module path + "/" + relative path
        if (modulePath != null && !modulePath.isEmpty() && p.startsWith(modulePath + "/")
                && files.containsKey(p.substring(modulePath.length() + 1))) {
            return Optional.of(p.substring(modulePath.length() + 1));
        }
        List<String> cands = byBaseName.get(SourcePaths.base(p));
        if (cands == null || SourcePaths.isAbsolute(p) && TOOLCHAIN_OR_CACHE.matcher(p).find()) {
            return Optional.empty(); // a GOROOT or module-cache file is never this module's
        }
        if (!SourcePaths.isAbsolute(p)) {
            // relative to a build directory below the module root: the one indexed file ending with it
            String only = null;
            for (String c : cands) {
                if (c.endsWith("/" + p)) {
                    if (only != null) {
                        return Optional.empty();
                    }
                    only = c;
                }
            }
            return Optional.ofNullable(only);
        }
        String best = null;
        int bestLen = -1;
        boolean tie = false;
        for (String c : cands) {
            if (p.endsWith("/" + c)) {
                if (c.length() > bestLen) {
                    best = c;
                    bestLen = c.length();
                    tie = false;
                } else if (c.length() == bestLen) {
                    tie = true;
                }
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    // -------------------------------------------------------------------------------------------
    // building

    /** Indexes the module holding {@code dir} (the nearest go.mod above it, else {@code dir} itself). */
    public static GoSourceIndex forDirectory(Path dir, GlobalClosures style) throws IOException {
        Path root = findModuleRoot(dir).orElse(dir.toAbsolutePath().normalize());
        return build(root, style);
    }

    /** The nearest directory at or above {@code dir} holding a go.mod. */
    public static Optional<Path> findModuleRoot(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("go.mod"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Reads the {@code module} line of {@code root/go.mod}, "" when absent. */
    static String modulePath(Path root) {
        Path gomod = root.resolve("go.mod");
        if (!Files.isRegularFile(gomod)) {
            return "";
        }
        try {
            for (String l : Files.readAllLines(gomod, StandardCharsets.UTF_8)) {
                String s = l.strip();
                if (s.startsWith("module ") || s.startsWith("module\t")) {
                    String m = s.substring(7).strip();
                    int c = m.indexOf("//");
                    if (c >= 0) {
                        m = m.substring(0, c).strip();
                    }
                    if (m.startsWith("\"") && m.endsWith("\"") && m.length() >= 2) {
                        m = m.substring(1, m.length() - 1);
                    }
                    return m;
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /** Indexes every .go file below {@code moduleRoot} (not vendor/, testdata/, hidden or nested modules). */
    public static GoSourceIndex build(Path moduleRoot, GlobalClosures style) throws IOException {
        return build(moduleRoot, style, BuildConstraints.DEFAULT);
    }

    /** As {@link #build(Path, GlobalClosures)}, for a build target other than linux/amd64 without cgo. */
    public static GoSourceIndex build(Path moduleRoot, GlobalClosures style, BuildConstraints target)
            throws IOException {
        return of(GoTree.walk(moduleRoot, true), style, target);
    }

    /**
     * The index of {@code root}'s Go files ({@link GoTree#walk}: below it when {@code module}, else only
     * in it) from the JVM's {@link SourceCache}: built again only when a file was added, removed or changed.
     */
    public static GoSourceIndex cached(Path root, boolean module, GlobalClosures style, BuildConstraints target)
            throws IOException {
        return cached(GoTree.walk(root, module), style, target);
    }

    /** As {@link #cached(Path, boolean, GlobalClosures, BuildConstraints)}, over a tree already walked. */
    public static GoSourceIndex cached(GoTree tree, GlobalClosures style, BuildConstraints target) throws IOException {
        return SourceCache.shared().get(tree, "index " + style + " " + target, t -> of(t, style, target));
    }

    private static GoSourceIndex of(GoTree tree, GlobalClosures style, BuildConstraints target) throws IOException {
        return of(tree.root(), tree.recursive() ? modulePath(tree.root()) : "", tree.read(), style, target);
    }

    /**
     * Indexes the given sources ({@code module-relative path → bytes}); {@code modulePath} may be
     * "" (import paths then unknown).
     */
    public static GoSourceIndex of(Path moduleRoot, String modulePath, Map<String, byte[]> sources,
                                   GlobalClosures style) {
        return of(moduleRoot, modulePath, sources, style, BuildConstraints.DEFAULT);
    }

    /**
     * Indexes the given sources for a build target: files the target does not compile are indexed
     * too, but numbered after the others (they never shift the names of compiled code).
     */
    public static GoSourceIndex of(Path moduleRoot, String modulePath, Map<String, byte[]> sources,
                                   GlobalClosures style, BuildConstraints target) {
        GoSourceIndex idx = new GoSourceIndex(moduleRoot, modulePath);
        Map<String, List<Parsed>> byPackage = new TreeMap<>();
        List<Map.Entry<String, byte[]>> files = List.copyOf(new TreeMap<>(sources).entrySet());
        // Each file is parsed on its own; a large tree's files on the common pool as well (GOROOT's 10,000 files:
        // the batch workers that wait for this one build, or analyze's idle core, do not sit idle). Grouped below
        // in path order either way.
        List<Parsed> parsed = (files.size() >= PARALLEL_FILES ? files.parallelStream() : files.stream()).map(e -> {
            Parsed p = new GoFileParser(e.getKey(), GoScanner.scan(e.getValue())).parse();
            p.built = target.matches(e.getKey(), e.getValue());
            return p;
        }).toList();
        for (Parsed p : parsed) {
            if (p.pkgName.isEmpty()) {
                continue;
            }
            String dir = SourcePaths.dir(p.path);
            byPackage.computeIfAbsent(dir + "\u0000" + p.pkgName, k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<Parsed>> e : byPackage.entrySet()) {
            List<Parsed> ps = e.getValue();
            ps.sort(Comparator.comparing((Parsed p) -> !p.built).thenComparing(p -> p.test).thenComparing(p -> p.path));
            String dir = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            String name = ps.get(0).pkgName;
            String importPath = modulePath.isEmpty() ? "" : modulePath.equals("std") ? dir
                    : dir.isEmpty() ? modulePath : modulePath + "/" + dir;
            if (name.endsWith("_test") && !importPath.isEmpty()) {
                importPath = importPath + "_test";
            }
            Set<String> top = new HashSet<>();
            for (Parsed p : ps) {
                top.addAll(p.topLevel);
            }
            GoPackage pkg = new GoPackage(dir, name, importPath, Collections.unmodifiableSet(top));
            if (!importPath.isEmpty()) {
                idx.byImportPath.putIfAbsent(importPath, pkg);
            }
            if (name.equals("main")) {
                idx.mains++;
                idx.onlyMain = idx.mains == 1 ? pkg : null;
            }
            Map<String, List<Func>> funcs = name(ps, style);
            for (Parsed p : ps) {
                List<Func> fs = funcs.getOrDefault(p.path, List.of());
                idx.files.put(p.path, new GoFile(p.path, p.pkgName, Collections.unmodifiableMap(p.imports),
                        List.copyOf(fs), p.test, p.built, List.copyOf(p.interfaceMethods)));
                idx.packageOfFile.put(p.path, pkg);
                idx.byBaseName.computeIfAbsent(SourcePaths.base(p.path), k -> new ArrayList<>()).add(p.path);
            }
        }
        return idx;
    }

    /** Gives every declaration and literal of one package its compiler name. */
    private static Map<String, List<Func>> name(List<Parsed> ps, GlobalClosures style) {
        Map<String, List<Func>> out = new LinkedHashMap<>();
        int inits = 0;
        for (Parsed p : ps) {
            List<Func> fs = out.computeIfAbsent(p.path, k -> new ArrayList<>());
            for (Decl d : p.decls) {
                String n = d.name;
                if (d.recv.isEmpty() && n.equals("init") && !d.generic) {
                    n = "init." + inits++;
                } else if (!d.recv.isEmpty()) {
                    n = d.recv + "." + n;
                } else if (d.generic) {
                    n = n + "[...]";
                }
                fs.add(new Func(n, p.path, d.line, d.col, d.endLine, d.endCol, d.nameLine, d.nameCol, false,
                        d.hasBody, d.results));
                int k = 0;
                for (Lit l : d.lits) {
                    addLit(fs, p.path, l, n + ".func" + (++k));
                }
            }
        }
        // package-level closures, numbered in variable initialization order
        List<VarSpec> specs = new ArrayList<>();
        Map<String, Decl> funcsByName = new HashMap<>();
        for (Parsed p : ps) {
            specs.addAll(p.vars);
            for (Decl d : p.decls) {
                if (d.recv.isEmpty()) {
                    funcsByName.putIfAbsent(d.name, d);
                }
            }
        }
        int k = 0;
        for (VarSpec v : InitOrder.of(specs, funcsByName)) {
            for (Lit l : v.lits) {
                addLit(out.computeIfAbsent(v.file, f -> new ArrayList<>()), v.file, l, style.prefix + (++k));
            }
        }
        return out;
    }

    /** Adds {@code l} and its nested literals, depth first in source order (iterative: nesting can be deep). */
    private static void addLit(List<Func> fs, String file, Lit l, String name) {
        Deque<Lit> lits = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        lits.push(l);
        names.push(name);
        while (!lits.isEmpty()) {
            Lit x = lits.pop();
            String n = names.pop();
            fs.add(new Func(n, file, x.line, x.col, x.endLine, x.endCol, x.line, x.col, true, true));
            for (int k = x.children.size(); k >= 1; k--) {
                lits.push(x.children.get(k - 1));
                names.push(n + "." + k);
            }
        }
    }

    // -------------------------------------------------------------------------------------------
    // per-file parsing

    static final class Lit {
        final int line;
        final int col;
        int endLine;
        int endCol;
        final List<Lit> children = new ArrayList<>();

        Lit(int line, int col) {
            this.line = line;
            this.col = col;
        }
    }

    static final class Decl {
        String name = "";
        String recv = "";
        boolean generic;
        int line;
        int col;
        int nameLine;
        int nameCol;
        int endLine;
        int endCol;
        boolean hasBody;
        /** The names of its results when they are named ({@code (ret string)}), else empty. */
        List<String> results = List.of();
        /** Token indices (in the parsed file's tokens) of the parameters' and the body's opening bracket; -1 if none. */
        int paramsOpen = -1;
        int bodyOpen = -1;
        List<Lit> lits = List.of();
        Set<String> refs = Set.of();
    }

    static final class VarSpec {
        final String file;
        final List<String> names = new ArrayList<>();
        List<Lit> lits = List.of();
        Set<String> refs = Set.of();

        VarSpec(String file) {
            this.file = file;
        }
    }

    static final class Parsed {
        final String path;
        final boolean test;
        boolean built = true;
        String pkgName = "";
        final Map<String, String> imports = new LinkedHashMap<>();
        final List<Decl> decls = new ArrayList<>();
        final List<VarSpec> vars = new ArrayList<>();
        final Set<String> topLevel = new HashSet<>();
        final List<InterfaceMethod> interfaceMethods = new ArrayList<>();

        Parsed(String path) {
            this.path = path;
            this.test = path.endsWith("_test.go");
        }
    }

    /** The package name an import path gets by default: its last element (minus a {@code /vN} major suffix). */
    static String defaultName(String path) {
        String p = path;
        int slash = p.lastIndexOf('/');
        String last = p.substring(slash + 1);
        if (last.matches("v[0-9]+") && slash > 0) {
            String before = p.substring(0, slash);
            last = before.substring(before.lastIndexOf('/') + 1);
        }
        if (last.startsWith("go-")) {
            last = last.substring(3);
        }
        int dot = last.indexOf('.');
        if (dot > 0) {
            last = last.substring(0, dot); // gopkg.in/yaml.v3 → yaml
        }
        return last.replace('-', '_');
    }
}
