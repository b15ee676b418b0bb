package dev.perfwarden.engine.restrict;

import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * The static type of a call's receiver, where the syntax tree tells it (attack report item 4: members were allowed by
 * name, whatever the receiver, so a declared field {@code integer} made {@code zero.getInteger(..)} — the static
 * {@code Integer.getInteger} — an allowed call). Known: literals, casts, {@code new T(..)}, variables declared with a
 * type (locals, loop and pattern variables, function parameters) and pattern bindings ({@code $c : Carrier()}), and
 * calls on a receiver of known type (their declared return type). Anything else is unknown, and then only names that
 * are safe on every type a value can have are allowed (see {@link JavaCalls}).
 */
final class ReceiverTypes {
    /** A receiver's type: a class, or a type the pack declares ({@code declared}), or neither (unknown). */
    record Receiver(Class<?> type, String declared) {
        static final Receiver UNKNOWN = new Receiver(null, null);

        boolean known() {
            return type != null || declared != null;
        }

        String name() {
            return declared != null ? declared : type != null ? type.getSimpleName() : "?";
        }
    }

    private static final Map<String, Class<?>> JAVA_TYPES = Map.ofEntries(Map.entry("String", String.class),
            Map.entry("Integer", Integer.class), Map.entry("Long", Long.class), Map.entry("Double", Double.class),
            Map.entry("Boolean", Boolean.class), Map.entry("Number", Number.class), Map.entry("Object", Object.class),
            Map.entry("Math", Math.class), Map.entry("Locale", java.util.Locale.class),
            Map.entry("List", java.util.List.class), Map.entry("Collection", java.util.Collection.class),
            Map.entry("Set", java.util.Set.class), Map.entry("Map", java.util.Map.class),
            Map.entry("ArrayList", java.util.ArrayList.class), Map.entry("LinkedList", java.util.LinkedList.class),
            Map.entry("HashSet", java.util.HashSet.class), Map.entry("LinkedHashSet", java.util.LinkedHashSet.class),
            Map.entry("TreeSet", java.util.TreeSet.class), Map.entry("HashMap", java.util.HashMap.class),
            Map.entry("LinkedHashMap", java.util.LinkedHashMap.class), Map.entry("TreeMap", java.util.TreeMap.class));

    private ReceiverTypes() {
    }

    /** The static type of {@code e} as far as the tree tells it. */
    static Receiver of(Expression e, JavaAllowList checker) {
        if (e instanceof EnclosedExpr en) {
            return of(en.getInner(), checker);
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return new Receiver(String.class, null);
        }
        if (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr || e instanceof DoubleLiteralExpr
                || e instanceof BooleanLiteralExpr) {
            return Receiver.UNKNOWN; // a primitive: no member can follow it
        }
        if (e instanceof CastExpr c) {
            return c.getType() instanceof ClassOrInterfaceType t ? named(t.getNameWithScope(), checker)
                    : Receiver.UNKNOWN;
        }
        if (e instanceof ObjectCreationExpr o) {
            return named(o.getType().getNameWithScope(), checker);
        }
        if (e instanceof NameExpr n && checker.inScope(n.getNameAsString())) {
            String t = checker.variableType(n.getNameAsString());
            return t == null ? Receiver.UNKNOWN : named(t, checker);
        }
        if (e instanceof MethodCallExpr m && m.getScope().isPresent()) {
            String chain = checker.typeChain(m.getScope().get());
            Receiver r = chain != null ? named(chain, checker) : of(m.getScope().get(), checker);
            Method method = r.type() == null ? null : method(r.type(), m.getNameAsString(), m.getArguments().size());
            return method == null ? Receiver.UNKNOWN : new Receiver(method.getReturnType(), null);
        }
        return Receiver.UNKNOWN;
    }

    /** A type as written ({@code List<String>}, {@code EscapeFact}, {@code Carrier}), or unknown. */
    static Receiver named(String written, JavaAllowList checker) {
        String n = written.contains("<") ? written.substring(0, written.indexOf('<')).strip() : written.strip();
        TypeScope.TypeRef ref = checker.host().resolve(n);
        if (ref == null) {
            return Receiver.UNKNOWN;
        }
        if (ref.type() != null) {
            return new Receiver(ref.type(), null);
        }
        String simple = n.substring(n.lastIndexOf('.') + 1);
        if (checker.host().library() != null && checker.host().library().declaredTypes().contains(simple)) {
            return new Receiver(null, simple);
        }
        Class<?> c = JAVA_TYPES.get(simple);
        return c == null ? Receiver.UNKNOWN : new Receiver(c, null);
    }

    /** The public method {@code name} of {@code c} that takes {@code args} arguments, or null (none, or several). */
    static Method method(Class<?> c, String name, int args) {
        Method found = null;
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && (m.isVarArgs() ? args >= m.getParameterCount() - 1
                    : m.getParameterCount() == args)) {
                if (found != null && found.getReturnType() != m.getReturnType()) {
                    return null; // overloads of different types: the tree alone does not pick one
                }
                found = m;
            }
        }
        return found;
    }

    /** Whether {@code c} has a public static method {@code name} taking {@code args} arguments. */
    static boolean isStatic(Class<?> c, String name, int args) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && (m.isVarArgs()
                    ? args >= m.getParameterCount() - 1 : m.getParameterCount() == args)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code c} has a public instance method {@code name} taking {@code args} arguments. */
    static boolean isInstance(Class<?> c, String name, int args) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers()) && (m.isVarArgs()
                    ? args >= m.getParameterCount() - 1 : m.getParameterCount() == args)) {
                return true;
            }
        }
        return false;
    }
}
