package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.Hits;
import dev.perfwarden.engine.rule.Param;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.Located;
import dev.perfwarden.facts.core.SourcePos;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What restricted DRL may touch, computed from the classes themselves (so it follows the fact model as it
 * grows): every public class of {@code dev.perfwarden.facts.**} that implements {@link Fact}, plus the
 * records, enums and interfaces their public methods return (the closure: {@code Evidence},
 * {@code InputPos}, {@code FlowStep}, ...); the reporting API ({@link Hits}, {@link Param}, {@link Hit},
 * {@link Scope}, {@link Severity}); and a few pure {@code java.lang} helpers.
 *
 * <p>A member (method or field) name is allowed after a dot when some allowed class has a public member of
 * that name whose parameter and return types are themselves safe (primitives, strings, boxed numbers,
 * collections, fact-model classes), or when it is one of the listed {@code String}/collection/number
 * methods. Names that reach reflection, class loaders, processes or the environment are never allowed,
 * whoever declares them.
 */
final class FactModel {
    /**
     * Fact-model types the engine derives from the input before the rules run ({@code DerivedFacts}, and the
     * {@code SourceRoots} they are derived from); restricted code may match them but not create them: an
     * inserted {@code Superseded} or {@code ExternalFile} would hide other packs' findings.
     */
    static final Set<Class<?>> DERIVED_FACTS = Set.of(dev.perfwarden.facts.program.Superseded.class,
            dev.perfwarden.facts.program.ExternalFile.class, dev.perfwarden.facts.program.SourceRoots.class);
    /** Static methods that read system properties ({@code Integer.getInteger("x")}): never callable, however reached. */
    static final Set<String> SYSTEM_PROPERTY_READERS = Set.of("getInteger", "getLong", "getBoolean");
    /**
     * Never allowed after a dot or as a static member, even if a fact-model class declared it; a declared field
     * whose accessor would be one of them is refused too. Includes the names Drools rewrites
     * ({@link DroolsNames}) and the system-property readers.
     */
    static final Set<String> BANNED_MEMBERS = union(DroolsNames.REWRITTEN_CALLS, DroolsNames.RESERVED_NAMES,
            SYSTEM_PROPERTY_READERS, Set.of("getClass", "getDeclaringClass", "describeConstable", "wait",
            "notify", "notifyAll", "clone", "finalize", "forName", "getClassLoader", "newInstance", "invoke",
            "exec", "exit", "halt", "getRuntime", "setAccessible", "loadLibrary", "getProperty",
            "setProperty", "getProperties", "getenv", "start", "run", "interrupt", "lookup", "repeat", "class",
            "getMethod", "getMethods", "getField", "getFields", "getConstructor", "getConstructors",
            "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField", "getDeclaredFields",
            "getDeclaredConstructor", "getDeclaredConstructors", "defineClass", "getModule", "getResource",
            "getResourceAsStream", "open", "parse", "relocate", "forEach", "stream", "iterator", "toArray",
            "replaceAll", "removeIf", "sort", "compute", "computeIfAbsent", "computeIfPresent", "merge",
            // MVEL reads x as getX(): the property names of the getters above
            "declaringClass", "classLoader", "runtime", "properties", "module"));

    /** Instance methods of java types that rules commonly need; none reaches outside the values. */
    static final Set<String> JAVA_MEMBERS = Set.of(
            // String
            "length", "isEmpty", "isBlank", "charAt", "startsWith", "endsWith", "contains", "indexOf", "lastIndexOf",
            "substring", "toLowerCase", "toUpperCase", "strip", "stripLeading", "stripTrailing", "trim", "equals",
            "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "hashCode", "toString", "matches", "replace",
            "concat", "split",
            // collections, maps, optionals
            "size", "get", "containsKey", "containsValue", "getOrDefault", "keySet", "values", "entrySet", "getKey",
            "getValue", "isPresent", "orElse", "add", "addAll", "put", "putIfAbsent", "remove", "containsAll", "first",
            "last",
            // numbers, enums
            "intValue", "longValue", "doubleValue", "booleanValue", "name", "ordinal");

    /** Pure static helpers of java.lang by simple class name. */
    static final Map<String, Set<String>> JAVA_STATICS = Map.of(
            "Math", Set.of("abs", "min", "max", "floor", "ceil", "round", "sqrt", "pow", "log", "log10", "exp",
                    "signum", "PI", "E"),
            "String", Set.of("valueOf", "format", "join"),
            "Integer", Set.of("valueOf", "parseInt", "toString", "compare", "min", "max", "sum", "MAX_VALUE",
                    "MIN_VALUE"),
            "Long", Set.of("valueOf", "parseLong", "toString", "compare", "min", "max", "sum", "MAX_VALUE",
                    "MIN_VALUE"),
            "Double", Set.of("valueOf", "parseDouble", "toString", "compare", "min", "max", "sum", "isNaN",
                    "isInfinite", "MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY", "NEGATIVE_INFINITY"),
            "Boolean", Set.of("valueOf", "parseBoolean", "toString", "TRUE", "FALSE"),
            "Number", Set.of(),
            "Object", Set.of());

    /** java.util interfaces that may be imported and used as types (results of collect, fact accessors). */
    static final Set<String> JAVA_UTIL_TYPES = Set.of("java.util.List", "java.util.Collection", "java.util.Set",
            "java.util.Map");
    /** java.util.Locale (for {@code String.format(Locale.ROOT, ...)}) and its constants. */
    static final Map<String, Set<String>> JAVA_UTIL_STATICS = Map.of("java.util.Locale", Set.of("ROOT", "US", "ENGLISH"));
    /** java.util collections a consequence may create (to gather values for a message). */
    static final Set<String> JAVA_UTIL_COLLECTIONS = Set.of("java.util.ArrayList", "java.util.LinkedList",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap");

    /** Reporting API: class → static members a rule may use. */
    static final Map<Class<?>, Set<String>> ENGINE_STATICS = Map.of(
            Hits.class, Set.of("hit", "at", "matched"),
            dev.perfwarden.engine.rule.Regex.class, Set.of("matches", "find"),
            dev.perfwarden.engine.rule.Fmt.class, Set.of("pct", "num"),
            Param.class, Set.of(),
            Hit.class, Set.of(),
            Scope.class, enumConstants(Scope.class, "byId"),
            Severity.class, enumConstants(Severity.class, "byId"));

    private static final Map<ClassLoader, FactModel> CACHE = new WeakHashMap<>();

    /** Fact-model classes by binary-ish name ({@code a.b.Outer.Inner} and {@code a.b.Outer$Inner}). */
    private final Map<String, Class<?>> factTypes;
    private final Set<String> factPackages;
    private final Set<String> members;
    private final Map<Class<?>, Set<String>> statics;
    /** Every public static method of a type a value in restricted code can have: name → its parameter counts. */
    private final Map<String, Set<Arity>> staticMethods;

    /** A static method's parameter count; a varargs method takes {@code count - 1} or more arguments. */
    private record Arity(String owner, int count, boolean varargs) {
        boolean fits(int args) {
            return varargs ? args >= count - 1 : args == count;
        }
    }

    private FactModel(Map<String, Class<?>> factTypes, Set<String> members, Map<Class<?>, Set<String>> statics,
                      Map<String, Set<Arity>> staticMethods) {
        this.staticMethods = Collections.unmodifiableMap(staticMethods);
        this.factTypes = Collections.unmodifiableMap(factTypes);
        Set<String> pk = new TreeSet<>();
        factTypes.values().forEach(c -> pk.add(c.getPackageName()));
        this.factPackages = Collections.unmodifiableSet(pk);
        this.members = Collections.unmodifiableSet(members);
        this.statics = Collections.unmodifiableMap(statics);
    }

    static FactModel of(ClassLoader cl) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(cl, FactModel::build);
        }
    }

    /** A fact-model class by fully qualified name (nested classes with {@code .} or {@code $}). */
    Optional<Class<?>> factType(String fqn) {
        return Optional.ofNullable(factTypes.get(fqn));
    }

    /** The fact-model class {@code simpleName} in package {@code pkg} (for wildcard imports). */
    Optional<Class<?>> factType(String pkg, String simpleName) {
        return factType(pkg + "." + simpleName);
    }

    /**
     * Whether {@code simpleName} names a type some file of a restricted pack can import or always sees: a fact-model
     * class (any package), a type of the reporting API, an allowed java.util type, or a java.lang class. Drools
     * shares imports across the files of a package, so a {@code declare} of such a name in one file re-declares the
     * real class for all of them (attack2 probes 01, 02, 05).
     */
    boolean reservedSimpleName(String simpleName) {
        String dotted = "." + simpleName;
        for (String n : factTypes.keySet()) {
            if (n.endsWith(dotted) || n.endsWith("$" + simpleName)) {
                return true;
            }
        }
        for (Class<?> c : ENGINE_STATICS.keySet()) {
            if (c.getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        if (simpleName.equals("Scope") || simpleName.equals("Severity") || simpleName.equals("Locale")) {
            return true; // the reporting API's enums and java.util.Locale, which rules may name
        }
        for (Set<String> names : List.of(JAVA_UTIL_TYPES, JAVA_UTIL_STATICS.keySet(), JAVA_UTIL_COLLECTIONS)) {
            for (String n : names) {
                if (n.endsWith(dotted)) {
                    return true;
                }
            }
        }
        // a class of java.lang, looked up as a resource of java.base (no class is loaded or initialised)
        try (var in = Object.class.getModule().getResourceAsStream("java/lang/" + simpleName + ".class")) {
            return in != null;
        } catch (IOException e) {
            return true;
        }
    }

    boolean isFactPackage(String pkg) {
        return factPackages.contains(pkg);
    }

    boolean isFactType(Class<?> c) {
        return factTypes.containsValue(c);
    }

    /** Whether {@code name} may follow a dot (an accessor or constant of the model, or a listed java method). */
    boolean member(String name) {
        return !BANNED_MEMBERS.contains(name) && (members.contains(name) || JAVA_MEMBERS.contains(name));
    }

    /** The allowed member {@code name} is a typo of, if one is close enough; else null. */
    String typo(String name) {
        Set<String> all = new TreeSet<>(members);
        all.addAll(JAVA_MEMBERS);
        all.removeAll(BANNED_MEMBERS);
        return dev.perfwarden.engine.frontend.Nearest.typo(name, all);
    }

    /**
     * The static method {@code name} with {@code args} arguments that a call on a value ({@code x.name(...)}) may
     * resolve to, as {@code Type.name}, or null: Java lets a static method be called through any expression of
     * its type, and the checker does not know the value's type, so it answers for every type a value can have.
     */
    String staticThroughValue(String name, int args) {
        for (Arity a : staticMethods.getOrDefault(name, Set.of())) {
            if (a.fits(args)) {
                return a.owner() + "." + name;
            }
        }
        return null;
    }

    /** Static members of an allowed class that a rule may use. */
    Set<String> statics(Class<?> c) {
        return statics.getOrDefault(c, Set.of());
    }

    private static Set<String> enumConstants(Class<? extends Enum<?>> e, String... extra) {
        Set<String> s = new TreeSet<>(List.of(extra));
        for (Enum<?> v : e.getEnumConstants()) {
            s.add(v.name());
        }
        return s;
    }

    // ---------------------------------------------------------------- building

    private static FactModel build(ClassLoader cl) {
        Set<Class<?>> roots = new LinkedHashSet<>(List.of(Fact.class, Located.class, Evidence.class, InputPos.class,
                SourcePos.class, InputKind.class));
        for (String name : factClassNames(cl)) {
            try {
                Class<?> c = Class.forName(name, false, cl);
                if (Fact.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())) {
                    roots.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable from this loader: not part of the model
            }
        }
        Map<String, Class<?>> types = new HashMap<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            types.put(c.getName(), c);
            types.put(c.getName().replace('$', '.'), c);
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() != Object.class) {
                    modelTypes(m.getGenericReturnType(), queue);
                }
            }
        }
        Set<String> members = new TreeSet<>();
        Map<Class<?>, Set<String>> statics = new HashMap<>();
        for (Class<?> c : seen) {
            addMembers(c, members, statics);
        }
        for (Class<?> c : List.of(Param.class, Hit.class, Scope.class, Severity.class)) {
            addMembers(c, members, new HashMap<>());
        }
        ENGINE_STATICS.forEach(statics::put);
        Set<Class<?>> valueTypes = new LinkedHashSet<>(seen);
        valueTypes.addAll(VALUE_TYPES);
        valueTypes.addAll(ENGINE_STATICS.keySet());
        return new FactModel(types, members, statics, staticMethods(valueTypes));
    }

    /**
     * Types a value in restricted code can have besides the fact model: the java.lang and java.util types a rule
     * may name or that allowed members return (boxing included), and their supertypes.
     */
    private static final List<Class<?>> VALUE_TYPES = List.of(String.class, Integer.class, Long.class, Double.class,
            Float.class, Short.class, Byte.class, Character.class, Boolean.class, Number.class, Object.class,
            Math.class, CharSequence.class, Comparable.class, Iterable.class, Enum.class, Record.class,
            List.class, Collection.class, Set.class, Map.class, Map.Entry.class, Optional.class,
            java.util.Locale.class, java.util.ArrayList.class, java.util.LinkedList.class, java.util.HashSet.class,
            java.util.LinkedHashSet.class, java.util.TreeSet.class, java.util.HashMap.class,
            java.util.LinkedHashMap.class, java.util.TreeMap.class, java.util.SortedSet.class,
            java.util.NavigableSet.class, java.util.SortedMap.class, java.util.NavigableMap.class);

    private static Map<String, Set<Arity>> staticMethods(Set<Class<?>> types) {
        Map<String, Set<Arity>> out = new HashMap<>();
        for (Class<?> c : types) {
            for (Method m : c.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    out.computeIfAbsent(m.getName(), k -> new LinkedHashSet<>()).add(new Arity(
                            m.getDeclaringClass().getSimpleName(), m.getParameterCount(), m.isVarArgs()));
                }
            }
        }
        return out;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Collections.unmodifiableSet(all);
    }

    private static void addMembers(Class<?> c, Set<String> members, Map<Class<?>, Set<String>> statics) {
        Set<String> st = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.isSynthetic() || BANNED_MEMBERS.contains(m.getName())) {
                continue;
            }
            boolean safe = safeType(m.getReturnType());
            for (Class<?> p : m.getParameterTypes()) {
                safe &= safeType(p);
            }
            if (!safe) {
                continue;
            }
            if (Modifier.isStatic(m.getModifiers())) {
                st.add(m.getName());
            } else {
                members.add(m.getName());
            }
        }
        for (Field f : c.getFields()) {
            if (!safeType(f.getType()) || BANNED_MEMBERS.contains(f.getName())) {
                continue;
            }
            if (Modifier.isStatic(f.getModifiers())) {
                st.add(f.getName());
            } else {
                members.add(f.getName());
            }
        }
        statics.put(c, st);
    }

    /** Types a member may take or return without opening a way out of the value world. */
    static boolean safeType(Class<?> c) {
        if (c.isArray()) {
            return safeType(c.getComponentType());
        }
        if (c.isPrimitive() || c == String.class || c == Object.class || Number.class.isAssignableFrom(c)
                && c.getName().startsWith("java.lang.") || c == Boolean.class || c == Character.class
                || c == CharSequence.class) {
            return true;
        }
        if (c == List.class || c == Collection.class || c == Set.class || c == Map.class || c == Optional.class
                || c == Map.Entry.class) {
            return true;
        }
        String n = c.getName();
        if (n.startsWith("dev.perfwarden.facts.") && (c.isRecord() || c.isEnum() || c.isInterface())) {
            return !n.startsWith("dev.perfwarden.facts.input.") && !n.startsWith("dev.perfwarden.facts.source.")
                    || c.isInterface() && Fact.class.isAssignableFrom(c) || c.getSimpleName().equals("Attributable");
        }
        return c == Scope.class || c == Severity.class || c == Hit.class || c == Param.class;
    }

    private static void modelTypes(Type t, Deque<Class<?>> out) {
        if (t instanceof Class<?> c) {
            if (c.isArray()) {
                modelTypes(c.getComponentType(), out);
            } else if (c.getName().startsWith("dev.perfwarden.facts.") && Modifier.isPublic(c.getModifiers())
                    && (c.isRecord() || c.isEnum() || c.isInterface()) && safeType(c)) {
                out.add(c);
            }
        } else if (t instanceof ParameterizedType p) {
            modelTypes(p.getRawType(), out);
            for (Type a : p.getActualTypeArguments()) {
                modelTypes(a, out);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                modelTypes(b, out);
            }
        } else if (t instanceof GenericArrayType g) {
            modelTypes(g.getGenericComponentType(), out);
        }
    }

    /** Names of the classes under {@code dev/perfwarden/facts/} where the class loader finds {@link Fact}. */
    private static Set<String> factClassNames(ClassLoader cl) {
        Set<String> names = new TreeSet<>();
        String prefix = "dev/perfwarden/facts/";
        try {
            Enumeration<URL> roots = cl.getResources(prefix + "core/Fact.class");
            while (roots.hasMoreElements()) {
                URL u = roots.nextElement();
                if ("file".equals(u.getProtocol())) {
                    Path base = Path.of(u.toURI()).getParent().getParent();
                    try (Stream<Path> s = Files.walk(base)) {
                        s.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(
                                "dev.perfwarden.facts." + base.relativize(p).toString().replace('\\', '/')
                                        .replace('/', '.').replaceAll("\\.class$", "")));
                    }
                } else if ("jar".equals(u.getProtocol())) {
                    URL jarUrl = ((JarURLConnection) u.openConnection()).getJarFileURL();
                    try (JarFile jar = new JarFile(Path.of(jarUrl.toURI()).toFile())) {
                        Enumeration<JarEntry> en = jar.entries();
                        while (en.hasMoreElements()) {
                            String n = en.nextElement().getName();
                            if (n.startsWith(prefix) && n.endsWith(".class")) {
                                names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // fall back to the fixed roots: a smaller model, never a larger one
        }
        return names;
    }
}
