package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.JavaSyntax;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.RuleSource;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What restricted mode needs to know of a pack's library ({@code lib/*.drl}) while it checks any of the pack's
 * files: the functions a rule may call, the queries it may use, and which functions call themselves, directly
 * or through others. Recursion is refused: without {@code while} loops it is the one way a restricted function
 * could run without end (the session's time limit would still stop it).
 */
final class PackLibrary {
    private final Set<String> functions;
    private final Set<String> queries;
    /** Simple names of the types the pack's files declare ({@code declare NAME}; all files share one package). */
    private final Set<String> declaredTypes;
    /** The getters and setters Drools generates for the declared types' fields. */
    private final Set<String> declaredAccessors;
    /**
     * What the pack's files import, as simple names ({@code ProfileSummary}) and wildcards ({@code a.b.*}): Drools'
     * imports are package-wide (one TypeResolver for all files of a package), so a {@code declare} of one of these
     * names in any file re-declares the imported class (attack2 probe 01).
     */
    private Set<String> imported = Set.of();
    /** Function name → the cycle it is on ({@code f → g → f}), for recursive functions only. */
    private final Map<String, String> cycles;
    /** Function name → its return type as written. */
    private final Map<String, String> returnTypes;

    private PackLibrary(Set<String> functions, Set<String> queries, Set<String> declaredTypes,
                        Set<String> declaredAccessors, Map<String, String> cycles, Map<String, String> returnTypes) {
        this.returnTypes = returnTypes;
        this.declaredAccessors = declaredAccessors;
        this.functions = functions;
        this.queries = queries;
        this.declaredTypes = declaredTypes;
        this.cycles = cycles;
    }

    static boolean isLibrary(RuleSource s) {
        return s.file().startsWith(PackLoader.LIBRARY + "/");
    }

    /** The library of {@code pack}; files that do not parse contribute nothing (their own check reports them). */
    static PackLibrary of(Pack pack) {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        Set<String> queries = new TreeSet<>(PackLoader.PACK_QUERIES);
        List<FunctionDescr> fns = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        Set<String> accessors = new TreeSet<>();
        Set<String> imported = new TreeSet<>(Set.of("Param")); // pack-queries.drl imports Param into every pack
        for (RuleSource s : pack.sources()) {
            PackageDescr pd;
            try {
                DrlParser p = new DrlParser();
                pd = p.parse(false, s.drl());
                if (pd == null || p.hasErrors()) {
                    continue;
                }
            } catch (DroolsParserException e) {
                continue;
            }
            pd.getImports().forEach(i -> imported.add(importedName(i.getTarget())));
            pd.getTypeDeclarations().forEach(t -> {
                declared.add(t.getTypeName());
                t.getFields().keySet().forEach(f -> accessors.addAll(accessors(f)));
            });
            if (!isLibrary(s)) {
                continue;
            }
            fns.addAll(pd.getFunctions());
            for (RuleDescr r : pd.getRules()) {
                if (r.isQuery()) {
                    queries.add(r.getName());
                }
            }
        }
        Map<String, String> returns = new LinkedHashMap<>();
        for (FunctionDescr f : fns) {
            calls.put(f.getName(), new TreeSet<>());
            returns.put(f.getName(), f.getReturnType() == null ? "void" : f.getReturnType().strip());
        }
        for (FunctionDescr f : fns) {
            ParseResult<BlockStmt> r;
            r = JavaSyntax.block("{\n" + (f.getBody() == null ? "" : f.getBody()) + "\n}");
            r.getResult().ifPresent(b -> b.findAll(MethodCallExpr.class).stream()
                    .filter(m -> m.getScope().isEmpty() && calls.containsKey(m.getNameAsString()))
                    .forEach(m -> calls.get(f.getName()).add(m.getNameAsString())));
        }
        Map<String, String> cycles = CallCycles.of(calls, new long[1]);
        PackLibrary lib = new PackLibrary(Set.copyOf(calls.keySet()), Set.copyOf(queries), Set.copyOf(declared),
                Set.copyOf(accessors), Map.copyOf(cycles), Map.copyOf(returns));
        lib.imported = Set.copyOf(imported);
        return lib;
    }

    /**
     * Whether {@code name} is a function of the library that a rule may call: never a name Drools rewrites
     * ({@code delete(...)} becomes {@code drools.delete(...)} whatever the library says).
     */
    boolean function(String name) {
        return functions.contains(name) && !DroolsNames.REWRITTEN_CALLS.contains(name);
    }

    /** The return type of library function {@code name} as written, or null. */
    String returnType(String name) {
        return function(name) ? returnTypes.get(name) : null;
    }

    /** Whether the accessor {@code name} belongs to a field of a declared type and may be called. */
    boolean declaredAccessor(String name) {
        return declaredAccessors.contains(name) && !FactModel.BANNED_MEMBERS.contains(name);
    }

    Set<String> queries() {
        return queries;
    }

    Set<String> declaredAccessors() {
        return declaredAccessors;
    }

    /** The accessors Drools generates for a declared field: get/is/set + the capitalised name. */
    static List<String> accessors(String field) {
        String cap = field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return List.of("get" + cap, "is" + cap, "set" + cap);
    }

    private static String importedName(String target) {
        String t = target == null ? "" : target.strip();
        return t.endsWith(".*") ? t : t.substring(t.lastIndexOf('.') + 1);
    }

    /** The simple names and wildcards ({@code a.b.*}) that any file of the pack imports. */
    Set<String> imported() {
        return imported;
    }

    /** Simple names of the types declared in any file of the pack. */
    Set<String> declaredTypes() {
        return declaredTypes;
    }

    /** The call cycle {@code name} is on ({@code f -> g -> f}), or null when it does not call itself. */
    String cycle(String name) {
        return cycles.get(name);
    }
}
