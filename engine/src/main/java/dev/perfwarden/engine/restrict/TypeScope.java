package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Fmt;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.Hits;
import dev.perfwarden.engine.rule.Param;
import dev.perfwarden.engine.rule.Regex;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types one DRL file may name in restricted mode: what its imports bring in (fact-model types, the
 * reporting API, a few {@code java.util} types) and the {@code java.lang} types every file has. Resolves a
 * simple or qualified name to a {@link TypeRef}, or to null when the file may not use it.
 */
final class TypeScope {
    /**
     * A type a rule may name: its static members, whether it may be created / matched, and the class when
     * known (to resolve a constraint's bare property names against it).
     */
    record TypeRef(String name, Set<String> statics, boolean constructible, boolean factType,
                   boolean container, boolean value, Class<?> type) {
    }

    private static final Map<String, Class<?>> ENGINE_TYPES = Map.of(
            "dev.perfwarden.engine.rule.Hits", Hits.class,
            "dev.perfwarden.engine.rule.Param", Param.class,
            "dev.perfwarden.engine.rule.Hit", Hit.class,
            "dev.perfwarden.engine.rule.Regex", Regex.class,
            "dev.perfwarden.engine.rule.Fmt", Fmt.class,
            "dev.perfwarden.engine.model.Scope", Scope.class,
            "dev.perfwarden.engine.model.Severity", Severity.class);

    private static final String IMPORTS_ALLOWED = "a restricted pack may import fact-model types"
            + " (dev.perfwarden.facts.*), dev.perfwarden.engine.rule.{Hits, Hit, Param, Regex, Fmt}, dev.perfwarden.engine.model."
            + "{Scope, Severity}, java.util.{List, Collection, Set, Map, Locale} and java.util collections"
            + " (ArrayList, LinkedList, HashSet, LinkedHashSet, TreeSet, HashMap, LinkedHashMap, TreeMap)";

    private final FactModel model;
    private final Map<String, TypeRef> simpleTypes = new HashMap<>();
    private final Set<String> wildcardPackages = new LinkedHashSet<>();

    TypeScope(FactModel model) {
        this.model = model;
        FactModel.JAVA_STATICS.forEach((n, st) -> simpleTypes.put(n, new TypeRef(n, st, false, false, false,
                n.equals("Number") || n.equals("Object") || n.equals("Integer") || n.equals("Long")
                        || n.equals("Double") || n.equals("String") || n.equals("Boolean"), null)));
    }

    /** Adds what {@code import target} brings in; returns why it is refused, or null. */
    String importType(String target) {
        String t = target.strip();
        if (t.endsWith(".*")) {
            String pkg = t.substring(0, t.length() - 2);
            if (model.isFactPackage(pkg)) {
                wildcardPackages.add(pkg);
            } else if (pkg.equals("dev.perfwarden.engine.rule")) {
                for (String n : List.of("Hits", "Param", "Hit", "Regex", "Fmt")) {
                    simpleTypes.put(n, engineType(ENGINE_TYPES.get(pkg + "." + n)));
                }
            } else {
                return "'import " + t + "' is not allowed: " + IMPORTS_ALLOWED;
            }
            return null;
        }
        TypeRef ref = resolveQualified(t);
        if (ref == null) {
            return "'import " + t + "' is not allowed: " + IMPORTS_ALLOWED;
        }
        simpleTypes.put(t.substring(t.lastIndexOf('.') + 1), ref);
        return null;
    }

    private TypeRef engineType(Class<?> c) {
        return new TypeRef(c.getSimpleName(), model.statics(c), false, c == Param.class, false, false, c);
    }

    /** A fully qualified name that a rule may use, or null. */
    private TypeRef resolveQualified(String fqn) {
        Class<?> f = model.factType(fqn).orElse(null);
        if (f != null) {
            return new TypeRef(f.getSimpleName(), model.statics(f), f.isRecord(), true, false, false, f);
        }
        Class<?> e = ENGINE_TYPES.get(fqn);
        if (e != null) {
            return engineType(e);
        }
        if (FactModel.JAVA_UTIL_STATICS.containsKey(fqn)) {
            return new TypeRef(fqn.substring(fqn.lastIndexOf('.') + 1), FactModel.JAVA_UTIL_STATICS.get(fqn), false,
                    false, false, false, null);
        }
        if (FactModel.JAVA_UTIL_TYPES.contains(fqn) || FactModel.JAVA_UTIL_COLLECTIONS.contains(fqn)) {
            return new TypeRef(fqn.substring(fqn.lastIndexOf('.') + 1), Set.of(),
                    FactModel.JAVA_UTIL_COLLECTIONS.contains(fqn), false, true, false, null);
        }
        return null;
    }

    /**
     * A type the pack declares ({@code declare NAME ... end}, checked where it is declared): matched, created
     * and inserted like a fact-model record. Its members are the generated getters and setters.
     */
    void declared(String name) {
        simpleTypes.putIfAbsent(name, new TypeRef(name, Set.of(), true, true, false, false, null));
    }

    /** A simple or qualified type name as the rule may use it, or null. */
    TypeRef resolve(String name) {
        if (name.contains(".")) {
            return resolveQualified(name);
        }
        TypeRef r = simpleTypes.get(name);
        if (r != null) {
            return r;
        }
        for (String pkg : wildcardPackages) {
            Class<?> c = model.factType(pkg, name).orElse(null);
            if (c != null) {
                return new TypeRef(name, model.statics(c), c.isRecord(), true, false, false, c);
            }
        }
        return null;
    }
}
