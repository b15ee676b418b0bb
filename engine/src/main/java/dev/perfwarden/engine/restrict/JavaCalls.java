package dev.perfwarden.engine.restrict;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.Hits;
import dev.perfwarden.facts.core.Fact;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of {@link JavaAllowList} that decides what an expression may reach: field accesses and method calls
 * (static members of allowed types, accessors of the fact model, the listed helpers; never {@code drools}
 * itself), and {@code new} (fact-model records and java.util collections, never a derived fact). The
 * arguments and scopes are handed back to the allow-list.
 */
final class JavaCalls {
    /** Calls without a receiver that a consequence may make. */
    private static final Set<String> CONSEQUENCE_CALLS = Set.of("insert", "insertLogical");
    /** Calls without a receiver that Drools offers and restricted mode refuses, with why. */
    private static final Set<String> FACT_WRITES = Set.of("delete", "retract", "modify", "update");
    private static final Set<String> HITS_METHODS = Set.of("hit", "at", "matched");
    /** Methods of a Hit that return a Hit of the same rule. */
    private static final Set<String> HIT_COPIES = Set.of("withSeverity", "notRaised", "at");
    private static final String HIT = Hit.class.getName();
    /** Regex methods of String: Java's backtracking engine, unbounded in time. */
    static final Set<String> BACKTRACKING = Set.of("matches", "replaceAll", "replaceFirst", "split");
    /** Largest width or precision in a {@code String.format} pattern. */
    static final int MAX_FORMAT_WIDTH = 1000;
    private static final Pattern FORMAT_SPEC = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?[a-zA-Z%]");

    private final JavaAllowList checker;

    JavaCalls(JavaAllowList checker) {
        this.checker = checker;
    }

    void fieldAccess(FieldAccessExpr f) {
        String chain = checker.typeChain(f.getScope());
        if (chain != null) {
            TypeScope.TypeRef t = checker.host().resolve(chain);
            if (t != null) {
                staticMember(f, t, f.getNameAsString());
                return;
            }
            if (!typePrefix(chain)) {
                unknownChain(f, chain + "." + f.getNameAsString());
                return;
            }
        }
        if (isDrools(f.getScope())) {
            checker.report(f, "'drools." + f.getNameAsString() + "' is not allowed: pass drools to Hits.hit, Hits.at or"
                    + " Hits.matched only");
            return;
        }
        checker.expr(f.getScope());
        member(f, f.getNameAsString(), -1, ReceiverTypes.of(f.getScope(), checker));
    }

    /** Whether a proper prefix of {@code chain} names a type ({@code Scope} in {@code Scope.LINE.x}). */
    private boolean typePrefix(String chain) {
        for (int i = chain.lastIndexOf('.'); i > 0; i = chain.lastIndexOf('.', i - 1)) {
            if (checker.host().resolve(chain.substring(0, i)) != null) {
                return true;
            }
        }
        return false;
    }

    private void unknownChain(Node at, String chain) {
        if (chain.contains(".") && Character.isLowerCase(chain.charAt(0))) {
            checker.report(at, "fully qualified name '" + chain + "' is not allowed: a restricted pack may use only the"
                    + " fact model and the reporting API");
        } else {
            String root = chain.contains(".") ? chain.substring(0, chain.indexOf('.')) : chain;
            checker.report(at, "'" + root + "' is not allowed here: it is not a bound variable, a fact-model type or"
                    + " accessor, or an allowed helper");
        }
    }

    private void staticMember(Node at, TypeScope.TypeRef t, String member) {
        if (!t.statics().contains(member) || FactModel.BANNED_MEMBERS.contains(member)) {
            checker.report(at, "'" + t.name() + "." + member + "' is not allowed: " + (t.statics().isEmpty()
                    ? t.name() + " offers no static members to restricted rules"
                    : "allowed on " + t.name() + ": " + new TreeSet<>(t.statics())));
        }
    }

    /**
     * {@code .name} after a value of type {@code r} (known from the tree, or not); {@code args} is the number of
     * arguments of a call, -1 for a field.
     */
    private void member(Node at, String name, int args, ReceiverTypes.Receiver r) {
        if (FactModel.SYSTEM_PROPERTY_READERS.contains(name)) {
            checker.report(at, "'." + name + "' is not allowed: Integer.getInteger, Long.getLong and Boolean.getBoolean"
                    + " read system properties, however they are reached");
            return;
        }
        if (DroolsNames.REWRITTEN_CALLS.contains(name) || DroolsNames.RESERVED_NAMES.contains(name)) {
            checker.report(at, DroolsNames.member(name));
            return;
        }
        String st = args < 0 ? null : staticThrough(r, name, args);
        if (st != null) {
            checker.report(at, "'." + name + "(...)' with " + args + (args == 1 ? " argument" : " arguments")
                    + " is not allowed on a value: it is the static method " + st + " (Java calls a static method"
                    + " through any value of its type); call an allowed static helper by its type");
            return;
        }
        if (declaredAccessor(name) && !checker.model().member(name)) {
            declaredMember(at, name, r);
            return;
        }
        String near = checker.model().member(name) || FactModel.BANNED_MEMBERS.contains(name) ? null : checker.model().typo(name);
        if (near != null) {
            checker.mistake(at, "unknown accessor '." + name + "' (did you mean '." + near + "'?)");
        } else if (!checker.model().member(name)) {
            checker.report(at, "'." + name + "' is not allowed: only accessors and constants of the fact model and a few"
                    + " String, collection and number methods may be called");
        }
    }

    /**
     * The static method a call {@code x.name(args)} on a value of type {@code r} is, as {@code Type.name}, or null:
     * the receiver's own method when its type is known, else any allowed type's (the value could be of any).
     */
    private String staticThrough(ReceiverTypes.Receiver r, String name, int args) {
        if (r.type() != null && ReceiverTypes.isStatic(r.type(), name, args)) {
            return r.type().getSimpleName() + "." + name;
        }
        if (r.type() != null && ReceiverTypes.isInstance(r.type(), name, args)) {
            return null;
        }
        return checker.model().staticThroughValue(name, args);
    }

    /**
     * An accessor that only a declared field gives ({@code getCount} of {@code declare Carrier count : int}): allowed on
     * a value the tree shows to be of a declared type, not on any other (a declared field {@code integer} made
     * {@code zero.getInteger(..)} allowed), nor on a value of unknown type.
     */
    private void declaredMember(Node at, String name, ReceiverTypes.Receiver r) {
        if (r.declared() != null) {
            return;
        }
        checker.report(at, "'." + name + "' is the accessor of a declared field, and " + (r.known() ? "this value is of type "
                + r.name() + ", not of a type the pack declares" : "the type of the value before it cannot be told from"
                + " the rule: bind the pattern ($c : Carrier(...)), declare the variable with its type or cast it"
                + " ((Carrier) x)") + "; the accessors of declared fields apply to the pack's declared types only");
    }

    private static boolean isDrools(Expression e) {
        Expression x = e;
        while (x instanceof EnclosedExpr || x instanceof CastExpr) {
            x = x instanceof EnclosedExpr en ? en.getInner() : ((CastExpr) x).getExpression();
        }
        return x instanceof NameExpr n && (n.getNameAsString().equals("drools")
                || n.getNameAsString().equals("kcontext"));
    }

    void call(MethodCallExpr m) {
        String name = m.getNameAsString();
        if (m.getTypeArguments().isPresent()) {
            checker.report(m, "explicit type arguments ('." + m.getTypeArguments().get() + name + "') are not allowed");
            return;
        }
        if (m.getScope().isEmpty()) {
            if (checker.mode() == JavaAllowList.Mode.CONSEQUENCE && !checker.inFunction() && CONSEQUENCE_CALLS.contains(name)) {
                insertion(m);
                return;
            }
            if (libraryFunction(name)) {
                args(m, false);
                return;
            }
            checker.report(m, "calling '" + name + "(...)' is not allowed" + (FACT_WRITES.contains(name)
                    ? ": a restricted pack may not change or remove facts (other packs' findings and parameters"
                    + " among them); it may insert its own Hits and the types it declares" : checker.mode() == JavaAllowList.Mode.CONSEQUENCE
                    ? ": a restricted consequence may call insert, insertLogical, Hits.hit/at/matched, the"
                    + " functions of the pack's library (lib/*.drl) and methods of facts"
                    : ": only the functions of the pack's library (lib/*.drl) may be called without a receiver"));
            return;
        }
        Expression scope = m.getScope().get();
        if (isDrools(scope)) {
            checker.report(m, "'drools." + name + "' is not allowed: pass drools to Hits.hit, Hits.at or Hits.matched only");
            return;
        }
        String chain = checker.typeChain(scope);
        TypeScope.TypeRef t = chain == null ? null : checker.host().resolve(chain);
        if (chain != null && t == null && !typePrefix(chain)) {
            unknownChain(m, chain + "." + name);
            return;
        }
        if (t != null) {
            staticMember(m, t, name);
            boolean hits = t.name().equals("Hits") && HITS_METHODS.contains(name);
            if (t.name().equals("String") && name.equals("format")) {
                format(m);
            }
            if (t.name().equals("Regex")) {
                regex(m);
            }
            args(m, hits);
            return;
        }
        checker.expr(scope);
        if (BACKTRACKING.contains(name)) {
            checker.report(m, "'." + name + "' is not allowed: Java's regular expressions can backtrack for hours; use"
                    + " Regex.matches(value, \"re\") (linear time)");
            return;
        }
        member(m, name, m.getArguments().size(), ReceiverTypes.of(scope, checker));
        args(m, false);
    }

    /**
     * {@code insert(x)} and {@code insertLogical(x)}: {@code x} must be of a type the pack may insert, known from
     * the tree. Every other fact is a measurement that the engine (the prelude's weighing of profiles) and other
     * packs' rules read: a pack that inserted one could raise, lower or hide their findings.
     */
    private void insertion(MethodCallExpr m) {
        if (m.getArguments().size() != 1) {
            checker.report(m, m.getNameAsString() + " takes one argument in restricted mode: the Hit or the object of a"
                    + " declared type to insert");
            args(m, false);
            return;
        }
        checker.expr(m.getArgument(0));
        if (!insertable(typeOf(m.getArgument(0)))) {
            String text = m.toString().replaceAll("\\s+", " ");
            checker.report(m, "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "' is not allowed: a"
                    + " restricted pack may insert only Hits and the types it declares (new T(...) of a declared type,"
                    + " Hits.hit/Hits.at(...), or a variable or cast of type Hit or of a declared type); every other"
                    + " fact is a measurement that the engine and other packs read");
        }
    }

    private boolean insertable(String type) {
        if (type == null) {
            return false;
        }
        return isHit(type) || !type.contains(".") && declaredType(type);
    }

    /** The type of {@code e} when the tree alone says it is a Hit or a declared type; else null (unknown). */
    private String typeOf(Expression e) {
        if (e instanceof EnclosedExpr en) {
            return typeOf(en.getInner());
        }
        if (e instanceof CastExpr c) {
            return c.getType() instanceof ClassOrInterfaceType t ? t.getNameWithScope() : null;
        }
        if (e instanceof ObjectCreationExpr o) {
            return o.getType().getNameWithScope();
        }
        if (e instanceof ConditionalExpr c) {
            String a = typeOf(c.getThenExpr());
            String b = typeOf(c.getElseExpr());
            return a != null && b != null && (a.equals(b) || isHit(a) && isHit(b)) ? a : null;
        }
        if (e instanceof NameExpr n) {
            return checker.inScope(n.getNameAsString()) ? checker.variableType(n.getNameAsString()) : null;
        }
        if (!(e instanceof MethodCallExpr m)) {
            return null;
        }
        if (m.getScope().isEmpty()) {
            return libraryFunction(m.getNameAsString()) ? checker.host().library().returnType(m.getNameAsString()) : null;
        }
        String chain = checker.typeChain(m.getScope().get());
        TypeScope.TypeRef t = chain == null ? null : checker.host().resolve(chain);
        if (t != null) {
            return t.type() == Hits.class && (m.getNameAsString().equals("hit") || m.getNameAsString().equals("at"))
                    ? HIT : null;
        }
        return HIT_COPIES.contains(m.getNameAsString()) && isHit(typeOf(m.getScope().get())) ? HIT : null;
    }

    private boolean isHit(String type) {
        TypeScope.TypeRef t = type == null ? null : checker.host().resolve(type);
        return t != null && t.type() == Hit.class;
    }

    private boolean libraryFunction(String name) {
        return checker.host().library() != null && checker.host().library().function(name);
    }

    private boolean declaredAccessor(String name) {
        return checker.host().library() != null && checker.host().library().declaredAccessor(name);
    }

    private boolean declaredType(String simpleName) {
        return checker.host().library() != null && checker.host().library().declaredTypes().contains(simpleName);
    }

    private void args(MethodCallExpr m, boolean droolsFirst) {
        NodeList<Expression> a = m.getArguments();
        for (int i = 0; i < a.size(); i++) {
            Expression x = a.get(i);
            if (droolsFirst && i == 0 && x instanceof NameExpr n && n.getNameAsString().equals("drools")) {
                continue;
            }
            checker.expr(x);
        }
    }

    /**
     * {@code Regex.matches/find(value, "re")}: the pattern is a string literal, checked here (a valid RE2 pattern
     * of bounded size), not text built at run time (which could be invalid, or compile to a huge program kept in
     * the process-wide pattern cache).
     */
    private void regex(MethodCallExpr m) {
        if (m.getArguments().size() != 2) {
            return; // no such method: the compiler says so
        }
        if (!(m.getArgument(1) instanceof StringLiteralExpr re)) {
            checker.report(m, "Regex." + m.getNameAsString() + " with a pattern that is not a string literal is not allowed:"
                    + " write the regular expression as \"...\" so that it is checked with the pack");
            return;
        }
        dev.perfwarden.engine.rule.Regex.problem(re.asString()).ifPresent(why -> checker.report(re,
                "regular expression \"" + re.getValue() + "\" is not allowed: " + why));
    }

    /** {@code String.format}: a literal pattern without huge widths ({@code %2000000000s} fills the heap). */
    private void format(MethodCallExpr m) {
        NodeList<Expression> a = m.getArguments();
        int i = !a.isEmpty() && checker.typeChain(a.get(0)) != null && !(a.get(0) instanceof NameExpr n
                && checker.inScope(n.getNameAsString())) ? 1 : 0; // String.format(Locale.ROOT, ...)
        if (i >= a.size() || !(a.get(i) instanceof StringLiteralExpr lit)) {
            checker.report(m, "String.format needs a string literal as its pattern in restricted mode");
            return;
        }
        Matcher f = FORMAT_SPEC.matcher(lit.asString());
        while (f.find()) {
            for (int g = 1; g <= 2; g++) {
                String w = f.group(g);
                if (w != null && (w.length() > 4 || Integer.parseInt(w) > MAX_FORMAT_WIDTH)) {
                    checker.report(m, "String.format width or precision " + w + " is not allowed (at most "
                            + MAX_FORMAT_WIDTH + ")");
                    return;
                }
            }
        }
    }

    void creation(ObjectCreationExpr o) {
        String t = o.getType().getNameWithScope();
        if (o.getAnonymousClassBody().isPresent()) {
            checker.report(o, "'new " + t + "' is not allowed: anonymous classes are code the check cannot bound");
            return;
        }
        if (o.getScope().isPresent()) {
            checker.report(o, "qualified 'new' is not allowed");
            return;
        }
        TypeScope.TypeRef ref = checker.host().resolve(t);
        if (ref == null || !ref.constructible()) {
            checker.report(o, "'new " + t + "' is not allowed: only fact-model records and java.util collections may be"
                    + " created");
            return;
        }
        if (ref.type() != null && FactModel.DERIVED_FACTS.contains(ref.type())) {
            checker.report(o, "'new " + t + "' is not allowed: " + ref.type().getSimpleName() + " facts are derived by the engine from the"
                    + " input (one that a pack inserted would hide other packs' findings)");
            return;
        }
        if (ref.type() != null && Fact.class.isAssignableFrom(ref.type())) {
            checker.report(o, "'new " + t + "' is not allowed: " + ref.type().getSimpleName() + " is a fact, a"
                    + " measurement of the input that the engine and other packs read; a restricted pack may create"
                    + " the types it declares, java.util collections and value records (Evidence, InputPos, ...)");
            return;
        }
        o.getType().getTypeArguments().ifPresent(ts -> ts.forEach(x -> checker.type(x, o)));
        o.getArguments().forEach(checker::expr);
    }
}
