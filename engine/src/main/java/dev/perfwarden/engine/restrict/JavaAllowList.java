package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.JavaSyntax;
import com.github.javaparser.ParseResult;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.WildcardType;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Java half of restricted mode: consequences, constraint atoms, {@code from} sources and accumulate
 * arguments are parsed by JavaParser into syntax trees, and every node must be of an allowed kind. Names
 * are resolved as javac resolves them: a simple name is a local or bound variable if one is in scope,
 * otherwise a type; a method name is never a variable (so a variable called {@code delete} does not make
 * {@code delete(...)} a call on it). Method calls without a receiver may only be {@code insert} and
 * {@code insertLogical}; static calls only the listed helpers of allowed types; instance calls only
 * accessors of the fact model and listed {@code String}/collection/number methods; explicit type arguments
 * ({@code x.<T>m()}) are refused everywhere; {@code drools} may only be an argument of {@code Hits}.
 */
final class JavaAllowList {
    /** Where an expression is: decides what a bare name may be. */
    enum Mode {
        /** A consequence block: bare names are variables or types. */
        CONSEQUENCE,
        /** A constraint atom: a bare name may also be a property of the pattern's type ({@code this} too). */
        CONSTRAINT,
        /** An accumulate or query argument: a bare name may be a property, no {@code this}. */
        ARGUMENT
    }

    /** What the caller knows: types, the fact model, and where problems go. */
    interface Host {
        /** A simple or dotted type name a rule may use, or null. */
        TypeScope.TypeRef resolve(String name);

        FactModel model();

        /** A refusal at 1-based line and column of the text handed to {@link #block} or {@link #expression}. */
        void problem(int line, int column, String message);

        /**
         * A plain mistake there (a misspelt field): not a policy refusal, so it reads as any compile error and
         * does not send the author to {@code --trust=full}.
         */
        void mistake(int line, int column, String message);

        /** The pack's library and declared types ({@code lib/*.drl}, {@code declare}), or null when there are none. */
        default PackLibrary library() {
            return null;
        }

        /** The type of rule binding or function parameter {@code name} ({@code $c : Carrier()}), or null. */
        default String bindingType(String name) {
            return null;
        }
    }

    /** Nested enhanced-for loops a consequence may have (the work is the product of the collections' sizes). */
    static final int MAX_LOOP_DEPTH = 2;
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final Host host;
    private final FactModel model;
    /** Variables in scope, innermost last: name → the type written where it is declared (null when not written). */
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private Mode mode = Mode.CONSEQUENCE;
    private Class<?> patternType;
    private int loopDepth;
    private int lineShift;
    /** Checking a library function's body: {@code return} may carry a value. */
    private boolean function;

    private final JavaCalls calls = new JavaCalls(this);

    JavaAllowList(Host host) {
        this.host = host;
        this.model = host.model();
    }

    Host host() {
        return host;
    }

    FactModel model() {
        return model;
    }

    Mode mode() {
        return mode;
    }

    /** Whether a library function's body is being checked (not a consequence). */
    boolean inFunction() {
        return function;
    }

    // ---------------------------------------------------------------- entry points

    /** Checks a consequence (a block body) with the rule's bound variables in scope. */
    void block(String text, Set<String> vars) {
        body(text, vars, false, "this consequence is not Java that can be checked"
                + " (Drools' modify { } blocks and MVEL syntax are not allowed): ");
    }

    /**
     * Checks a library function's body like a consequence's (with {@code return value}), its parameters in
     * scope; {@link #signatureType} checks the types of its signature.
     */
    void function(String body, Set<String> names) {
        names.stream().filter(DroolsNames.RESERVED_NAMES::contains)
                .forEach(n -> host.problem(1, 0, DroolsNames.variable(n)));
        body(body, names, true, "this function body is not Java that can be checked: ");
    }

    private void body(String text, Set<String> vars, boolean inFunction, String unparsable) {
        ParseResult<BlockStmt> r;
        r = JavaSyntax.block("{\n" + text + "\n}");
        lineShift = -1;
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            host.problem(firstProblemLine(r, -1), 0, unparsable + firstProblem(r));
            return;
        }
        mode = Mode.CONSEQUENCE;
        function = inFunction;
        scopes.clear();
        scopes.push(variables(vars));
        loopDepth = 0;
        statement(r.getResult().get());
        function = false;
    }

    /** A parameter or return type of a library function (reported at line 1 of what this checker was given). */
    void signatureType(String text) {
        if (text == null || text.isBlank() || text.strip().equals("void")) {
            return;
        }
        ParseResult<Type> pt;
        pt = JavaSyntax.type(text.strip());
        lineShift = 0;
        if (pt.getResult().isEmpty()) {
            host.problem(1, 0, "type '" + text.strip() + "' cannot be checked");
            return;
        }
        type(pt.getResult().get(), pt.getResult().get());
    }

    /** Checks one expression (a constraint atom, an accumulate or query argument) in {@code mode}. */
    void expression(String text, Set<String> vars, Mode m, Class<?> type) {
        Optional<Expression> e = parseExpression(text);
        if (e.isEmpty()) {
            return;
        }
        mode = m;
        patternType = type;
        scopes.clear();
        scopes.push(variables(vars));
        expr(e.get());
    }

    /**
     * A {@code from} source: only a bound variable followed by accessors ({@code $e.flow()},
     * {@code $e.flow.get(0)}), each with at most one literal or variable argument.
     */
    void fromSource(String text, Set<String> vars) {
        Optional<Expression> e = parseExpression(text);
        if (e.isEmpty()) {
            return;
        }
        scopes.clear();
        scopes.push(variables(vars));
        mode = Mode.ARGUMENT;
        if (!navigation(e.get())) {
            report(e.get(), "'from " + text.strip() + "' is not allowed: restricted rules may only iterate a bound"
                    + " fact's accessor, e.g. 'from $e.flow()'");
        }
    }

    private boolean navigation(Expression e) {
        if (e instanceof NameExpr n) {
            return inScope(n.getNameAsString());
        }
        if (e instanceof FieldAccessExpr f) {
            return model.member(f.getNameAsString()) && navigation(f.getScope());
        }
        if (e instanceof MethodCallExpr m) {
            if (m.getScope().isEmpty() || m.getTypeArguments().isPresent() || m.getArguments().size() > 1
                    || !model.member(m.getNameAsString()) || JavaCalls.BACKTRACKING.contains(m.getNameAsString())) {
                return false;
            }
            for (Expression a : m.getArguments()) {
                if (!(a instanceof LiteralExpr) && !(a instanceof NameExpr n && inScope(n.getNameAsString()))
                        && !(a instanceof UnaryExpr u && u.getExpression() instanceof LiteralExpr)) {
                    return false;
                }
            }
            return navigation(m.getScope().get());
        }
        return false;
    }

    private Optional<Expression> parseExpression(String text) {
        ParseResult<Expression> r;
        r = JavaSyntax.expression(text);
        lineShift = 0;
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            host.problem(firstProblemLine(r, 0), 0, "'" + text.strip() + "' is not a Java expression that can be"
                    + " checked (MVEL syntax is not allowed): " + firstProblem(r));
            return Optional.empty();
        }
        return r.getResult();
    }

    private static String firstProblem(ParseResult<?> r) {
        return r.getProblems().isEmpty() ? "no result" : r.getProblems().get(0).getMessage().lines().findFirst()
                .orElse("").strip();
    }

    private static int firstProblemLine(ParseResult<?> r, int shift) {
        if (r.getProblems().isEmpty()) {
            return 1;
        }
        return r.getProblems().get(0).getLocation().flatMap(l -> l.getBegin().getRange())
                .map(x -> Math.max(1, x.begin.line + shift)).orElse(1);
    }

    // ---------------------------------------------------------------- statements

    /** Each allowed statement kind has its branch; any other kind is refused. */
    private void statement(Statement s) {
        if (s instanceof BlockStmt b) {
            scopes.push(new HashMap<>());
            b.getStatements().forEach(this::statement);
            scopes.pop();
        } else if (s instanceof ExpressionStmt e) {
            expr(e.getExpression());
        } else if (s instanceof IfStmt i) {
            expr(i.getCondition());
            scoped(i.getThenStmt());
            i.getElseStmt().ifPresent(this::scoped);
        } else if (s instanceof ForEachStmt f) {
            forEach(f);
        } else if (s instanceof ForStmt || s instanceof WhileStmt || s instanceof DoStmt) {
            String kw = s instanceof ForStmt ? "for" : s instanceof WhileStmt ? "while" : "do";
            report(s, "'" + kw + "' loops are not allowed in a restricted consequence (only 'for (T x :"
                    + " collection)'): match the elements with a pattern ('from $e.flow()') or iterate a collection");
        } else if (s instanceof ReturnStmt r) {
            returns(r);
        } else if (s instanceof BreakStmt b) {
            if (b.getLabel().isPresent()) {
                report(s, "labelled 'break' is not allowed");
            }
        } else if (s instanceof ContinueStmt c) {
            if (c.getLabel().isPresent()) {
                report(s, "labelled 'continue' is not allowed");
            }
        } else if (s instanceof SwitchStmt sw) {
            switchStatement(sw);
        } else if (!(s instanceof EmptyStmt)) {
            report(s, "'" + kind(s) + "' statements are not allowed in a restricted consequence (allowed: local"
                    + " variables, expressions, if/else, switch, 'for (T x : collection)', break, continue, return)");
        }
    }

    private void forEach(ForEachStmt f) {
        if (loopDepth >= MAX_LOOP_DEPTH) {
            report(f, "more than " + MAX_LOOP_DEPTH + " nested 'for' loops are not allowed in a restricted"
                    + " consequence: the work grows as the product of the collections; match with patterns");
            return;
        }
        expr(f.getIterable());
        scopes.push(new HashMap<>());
        declare(f.getVariable());
        loopDepth++;
        statement(f.getBody());
        loopDepth--;
        scopes.pop();
    }

    private void returns(ReturnStmt r) {
        if (r.getExpression().isPresent()) {
            if (function) {
                expr(r.getExpression().get());
            } else {
                report(r, "'return' with a value is not allowed in a consequence");
            }
        }
    }

    /** A classic switch: literal or enum-constant labels, no guards, no arrows. */
    private void switchStatement(SwitchStmt sw) {
        expr(sw.getSelector());
        scopes.push(new HashMap<>());
        for (SwitchEntry e : sw.getEntries()) {
            for (Expression label : e.getLabels()) {
                if (!(label instanceof LiteralExpr) && !(label instanceof NameExpr)) {
                    report(label, "a case label must be a literal or an enum constant");
                }
            }
            if (e.getGuard().isPresent() || e.getType() != SwitchEntry.Type.STATEMENT_GROUP) {
                report(e, "only classic 'case X:' switch entries are allowed");
            }
            e.getStatements().forEach(this::statement);
        }
        scopes.pop();
    }

    private void scoped(Statement s) {
        scopes.push(new HashMap<>());
        statement(s);
        scopes.pop();
    }

    private void declare(VariableDeclarationExpr v) {
        if (!v.getAnnotations().isEmpty()) {
            report(v, "annotations are not allowed");
        }
        for (VariableDeclarator d : v.getVariables()) {
            type(d.getType(), d);
            d.getInitializer().ifPresent(this::expr);
            bind(d.getNameAsString(), d.getType() instanceof ClassOrInterfaceType c ? c.getNameWithScope() : null, d);
        }
    }

    // ---------------------------------------------------------------- expressions

    /** Each allowed expression kind has its branch; any other kind is refused. */
    void expr(Expression e) {
        if (e instanceof LiteralExpr) {
            return;
        }
        if (e instanceof NameExpr n) {
            name(n);
        } else if (e instanceof FieldAccessExpr f) {
            calls.fieldAccess(f);
        } else if (e instanceof MethodCallExpr m) {
            calls.call(m);
        } else if (e instanceof ObjectCreationExpr o) {
            calls.creation(o);
        } else if (e instanceof BinaryExpr b) {
            expr(b.getLeft());
            expr(b.getRight());
        } else if (e instanceof UnaryExpr u) {
            unary(u);
        } else if (e instanceof ConditionalExpr c) {
            expr(c.getCondition());
            expr(c.getThenExpr());
            expr(c.getElseExpr());
        } else if (e instanceof EnclosedExpr en) {
            expr(en.getInner());
        } else if (e instanceof CastExpr c) {
            type(c.getType(), c);
            expr(c.getExpression());
        } else if (e instanceof InstanceOfExpr i) {
            instanceOf(i);
        } else if (e instanceof ArrayAccessExpr a) {
            expr(a.getName());
            expr(a.getIndex());
        } else if (e instanceof AssignExpr a) {
            assignment(a);
        } else if (e instanceof VariableDeclarationExpr v) {
            if (mode != Mode.CONSEQUENCE) {
                report(v, "declarations are not allowed in a condition");
            }
            declare(v);
        } else {
            refused(e);
        }
    }

    /** {@code this} in a constraint, and the kinds refused with a reason of their own or the general one. */
    private void refused(Expression e) {
        if (e instanceof ThisExpr t) {
            if (mode != Mode.CONSTRAINT || t.getTypeName().isPresent()) {
                report(t, "'this' is not allowed here");
            }
        } else if (e instanceof LambdaExpr) {
            report(e, "'->' is not allowed (lambdas run code the check cannot follow)");
        } else if (e instanceof MethodReferenceExpr) {
            report(e, "'::' is not allowed (method references)");
        } else if (e instanceof ClassExpr) {
            report(e, "'.class' is not allowed: class literals reach reflection");
        } else {
            report(e, "'" + kind(e) + "' expressions are not allowed: " + shortText(e));
        }
    }

    private void unary(UnaryExpr u) {
        if (u.getOperator().isPrefix() && u.getOperator().name().contains("CREMENT") || u.getOperator().isPostfix()) {
            assignable(u.getExpression());
        } else {
            expr(u.getExpression());
        }
    }

    private void instanceOf(InstanceOfExpr i) {
        expr(i.getExpression());
        type(i.getType(), i);
        if (i.getPattern().isPresent()) {
            if (i.getPattern().get() instanceof TypePatternExpr tp) {
                bind(tp.getNameAsString(), tp.getType() instanceof ClassOrInterfaceType c ? c.getNameWithScope() : null, tp);
            } else {
                report(i, "record patterns are not allowed");
            }
        }
    }

    private void assignment(AssignExpr a) {
        if (mode != Mode.CONSEQUENCE) {
            report(a, "assignments are not allowed in a condition");
        }
        assignable(a.getTarget());
        expr(a.getValue());
    }

    private void assignable(Expression target) {
        if (target instanceof NameExpr n && inScope(n.getNameAsString())) {
            return;
        }
        report(target, "only local variables may be assigned, not '" + shortText(target) + "'");
    }

    private void name(NameExpr n) {
        String s = n.getNameAsString();
        if (inScope(s)) {
            if (DroolsNames.RESERVED_NAMES.contains(s)) {
                report(n, DroolsNames.variable(s));
            }
            return;
        }
        if (s.equals("drools") && mode == Mode.CONSEQUENCE) {
            report(n, "'drools' may only be passed to Hits.hit, Hits.at or Hits.matched");
            return;
        }
        if (mode != Mode.CONSEQUENCE && property(s)) {
            return;
        }
        if (mode != Mode.CONSEQUENCE && patternType != null && Character.isLowerCase(s.charAt(0))
                && !FactModel.BANNED_MEMBERS.contains(s)) {
            List<String> known = PatternProperties.names(model, patternType);
            String near = dev.perfwarden.engine.frontend.Nearest.typo(s, known);
            mistake(n, "unknown field '" + s + "' of " + patternType.getSimpleName() + (near != null
                    ? " (did you mean '" + near + "'?)" : "; its fields: " + String.join(", ", known)));
            return;
        }
        report(n, "'" + s + "' is not allowed here: it is not a bound variable, a fact-model type or accessor,"
                + " or an allowed helper");
    }

    /** Whether {@code name} is a property of the pattern's type (or of any fact-model type when unknown). */
    private boolean property(String name) {
        return PatternProperties.has(model, patternType, name);
    }

    boolean inScope(String name) {
        for (Map<String, String> s : scopes) {
            if (s.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** The type written where variable {@code name} is declared ({@code Hit h = ...}), or null. */
    String variableType(String name) {
        for (Map<String, String> s : scopes) {
            if (s.containsKey(name)) {
                return s.get(name);
            }
        }
        return null;
    }

    /** Declares a local, loop or pattern variable; a name Drools rewrites or binds itself is refused. */
    private void bind(String name, String type, Node at) {
        if (DroolsNames.RESERVED_NAMES.contains(name)) {
            report(at, DroolsNames.variable(name));
        }
        scopes.peek().put(name, type);
    }

    private Map<String, String> variables(Set<String> names) {
        Map<String, String> m = new HashMap<>();
        names.forEach(n -> m.put(n, host.bindingType(n)));
        return m;
    }

    /**
     * The dotted name {@code a.b.c} if {@code e} is only names and field accesses rooted at a name that is not
     * a variable (so it may name a type); else null.
     */
    String typeChain(Expression e) {
        if (e instanceof NameExpr n) {
            String s = n.getNameAsString();
            return inScope(s) || mode != Mode.CONSEQUENCE && property(s) ? null : s;
        }
        if (e instanceof FieldAccessExpr f && f.getTypeArguments().isEmpty()) {
            String scope = typeChain(f.getScope());
            return scope == null ? null : scope + "." + f.getNameAsString();
        }
        return null;
    }

    // ---------------------------------------------------------------- types

    void type(Type t, Node at) {
        if (t instanceof PrimitiveType || t instanceof VarType) {
            return;
        }
        if (t instanceof ArrayType a) {
            type(a.getComponentType(), at);
        } else if (t instanceof WildcardType w) {
            w.getExtendedType().ifPresent(x -> type(x, at));
            w.getSuperType().ifPresent(x -> type(x, at));
        } else if (t instanceof ClassOrInterfaceType c) {
            String n = c.getNameWithScope();
            if (host.resolve(n) == null) {
                report(at, "type '" + n + "' is not allowed: use fact-model types, primitives, String, numbers"
                        + " and java.util collections");
            }
            c.getTypeArguments().ifPresent(ts -> ts.forEach(x -> type(x, at)));
        } else {
            report(at, "type '" + t + "' is not allowed");
        }
    }

    // ---------------------------------------------------------------- problems

    void report(Node n, String msg) {
        Optional<Position> p = n.getBegin();
        host.problem(p.map(x -> Math.max(1, x.line + lineShift)).orElse(1), p.map(x -> x.column).orElse(0), msg);
    }

    void mistake(Node n, String msg) {
        Optional<Position> p = n.getBegin();
        host.mistake(p.map(x -> Math.max(1, x.line + lineShift)).orElse(1), p.map(x -> x.column).orElse(0), msg);
    }

    private static String kind(Node n) {
        return n.getClass().getSimpleName().replaceAll("(Stmt|Expr)$", "");
    }

    private static String shortText(Node n) {
        String s = n.toString().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static boolean identifier(String s) {
        return IDENT.matcher(s).matches();
    }
}
