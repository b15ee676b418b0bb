package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.frontend.LineMap;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.RuleSource;
import dev.perfwarden.engine.restrict.CodeTokens.Kind;
import dev.perfwarden.engine.restrict.CodeTokens.Token;
import dev.perfwarden.engine.rule.Hit;
import dev.perfwarden.engine.rule.Hits;
import dev.perfwarden.engine.rule.Param;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one rule source's DRL (after DSL expansion) against the restricted-mode allow-list; see
 * {@link RestrictedMode} for what is allowed. Two layers:
 * <ol>
 *   <li>Drools' own parser gives the package structure (imports, globals, functions, declarations, rules
 *       with attributes, metadata, LHS descriptors and consequence text). Every construct is allow-listed
 *       by kind; every expression (constraints, {@code from}, accumulate arguments, consequences) is
 *       lexed and every identifier must be a bound variable, an allowed type, a fact-model accessor or
 *       constant, an allowed helper, or an allowed keyword.</li>
 *   <li>A backstop over the whole text: unicode escapes, non-ASCII characters outside literals, and names
 *       that reach the JVM ({@code System}, {@code Runtime}, {@code Class}, {@code java}, ...) anywhere
 *       outside string literals and comments.</li>
 * </ol>
 * Every problem names the file and the line the author wrote (DSLR lines mapped back).
 */
final class RestrictedChecker {
    private static final String SUFFIX = " (restricted mode; only a pack run with --trust=full may do this)";

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+[0-9A-Fa-f]{0,4}");
    /** {@code $e.flow}, {@code $e.flow()}, {@code $e.flow.get(0)}: accessors with at most one simple argument. */
    private static final Pattern FROM_NAVIGATION = Pattern.compile("\\s*\\$?[A-Za-z_][A-Za-z0-9_]*(\\s*\\.\\s*"
            + "[A-Za-z_][A-Za-z0-9_]*(\\s*\\(\\s*(-?\\d+|\"[^\"\\\\]*\"|\\$?[A-Za-z_][A-Za-z0-9_]*)?\\s*\\))?)*\\s*");
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[A-Za-z_][A-Za-z0-9_]*)\\s*:(?!=)");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern META_WORD = Pattern.compile("[a-z][a-z0-9_-]*|-?\\d+(?:\\.\\d+)?|true|false");

    private static final Set<String> ACC_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet", "countDistinct");
    private static final Set<String> CONS_CALLS = Set.of("insert", "insertLogical", "modify", "update");
    private static final Set<String> LOOPS = Set.of("while", "do");
    private static final Set<String> PRIMITIVES = Set.of("int", "long", "double", "float", "short", "byte",
            "char", "boolean", "var");
    private static final Set<String> CONS_KEYWORDS = union(PRIMITIVES, Set.of("if", "else", "return", "break",
            "continue", "true", "false", "null", "new", "instanceof", "final", "switch", "case", "default"));
    private static final Set<String> CONSTRAINT_WORDS = Set.of("true", "false", "null", "this", "instanceof",
            "contains", "not", "matches", "memberOf", "excludes", "soundslike", "in", "str");
    private static final Set<String> BAD_OPS = Set.of("->", "::", "@", "#", "`", "\\");
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active",
            "auto-focus", "enabled", "agenda-group", "activation-group");
    /** The backstop: names that reach the JVM, refused anywhere outside literals, comments and imports. */
    static final Set<String> DENY = Set.of("System", "Runtime", "Thread", "ThreadGroup", "ThreadLocal", "Class",
            "ClassLoader", "URLClassLoader", "Process", "ProcessBuilder", "ProcessHandle", "getClass",
            "getDeclaringClass", "forName", "getRuntime", "exec", "exit", "halt", "invoke", "newInstance",
            "setAccessible", "reflect", "MethodHandles", "MethodHandle", "VarHandle", "Unsafe", "File", "Files",
            "Path", "Paths", "FileSystems", "FileOutputStream", "FileInputStream", "FileWriter", "FileReader",
            "RandomAccessFile", "Socket", "ServerSocket", "DatagramSocket", "URL", "URI", "HttpClient",
            "ScriptEngineManager", "ObjectInputStream", "ObjectOutputStream", "Executors", "ForkJoinPool",
            "Compiler", "SecurityManager", "java", "javax", "jdk", "sun", "kcontext", "eval");
    private static final Map<String, Class<?>> ENGINE_TYPES = Map.of(
            "dev.perfwarden.engine.rule.Hits", Hits.class,
            "dev.perfwarden.engine.rule.Param", Param.class,
            "dev.perfwarden.engine.rule.Hit", Hit.class,
            "dev.perfwarden.engine.model.Scope", Scope.class,
            "dev.perfwarden.engine.model.Severity", Severity.class);

    /** Where an expression is: decides which names it may use. */
    private enum Ctx { CONSEQUENCE, CONSTRAINT, FROM, ARGUMENT }

    /** A type a rule may name: its static members, and whether it may be created / matched. */
    private record TypeRef(String name, Set<String> statics, boolean constructible, boolean factType,
                           boolean container, boolean value) {
    }

    private final Pack pack;
    private final RuleSource src;
    private final FactModel model;
    private final String drl;
    private final int[] lineStarts;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Integer> flaggedLines = new HashSet<>();
    private final Set<String> seen = new HashSet<>();

    private final Map<String, TypeRef> simpleTypes = new HashMap<>();
    private final Set<String> wildcardPackages = new LinkedHashSet<>();
    private final Set<String> queryNames = new HashSet<>();

    RestrictedChecker(Pack pack, RuleSource src, FactModel model) {
        this.pack = pack;
        this.src = src;
        this.model = model;
        this.drl = src.drl();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < drl.length(); i++) {
            if (drl.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        FactModel.JAVA_STATICS.forEach((n, st) -> simpleTypes.put(n, new TypeRef(n, st, false, false, false,
                n.equals("Number") || n.equals("Object") || n.equals("Integer") || n.equals("Long")
                        || n.equals("Double") || n.equals("String"))));
    }

    List<Problem> check() {
        rawChecks();
        DrlParser parser = new DrlParser();
        PackageDescr pd;
        try {
            pd = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            problemAtLine(Math.max(1, e.getLineNumber()), 0, "the rule cannot be parsed, so it cannot be checked: "
                    + e.getMessage());
            return problems;
        }
        if (pd == null || parser.hasErrors()) {
            problemAtLine(1, 0, "the rule cannot be parsed, so it cannot be checked: " + parser.getErrors());
            return problems;
        }
        packageLevel(pd);
        for (RuleDescr r : pd.getRules()) {
            if (r.isQuery()) {
                queryNames.add(r.getName());
            }
        }
        for (RuleDescr r : pd.getRules()) {
            rule(r);
        }
        backstop();
        problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return problems;
    }

    // ---------------------------------------------------------------- whole text

    private void rawChecks() {
        Matcher m = UNICODE_ESCAPE.matcher(drl);
        while (m.find()) {
            problemAt(m.start(), "unicode escape '" + m.group() + "' is not allowed: javac decodes it before"
                    + " anything else, so it can hide code from review");
        }
    }

    /** Backstop over the whole DRL: non-ASCII outside literals, and JVM-reaching names anywhere in code. */
    private void backstop() {
        for (Token t : CodeTokens.lex(drl)) {
            int line = lineOf(t.offset());
            if (t.kind() == Kind.BAD) {
                problemAt(t.offset(), t.text().startsWith("U+")
                        ? "character " + t.text() + " outside a string literal is not allowed (only ASCII code)"
                        : t.text());
            } else if (t.kind() == Kind.IDENT && DENY.contains(t.text()) && !flaggedLines.contains(line)
                    && !importLine(line)) {
                problemAt(t.offset(), "'" + t.text() + "' is not allowed: it reaches the JVM outside the fact model");
            }
        }
    }

    private boolean importLine(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : drl.length();
        return drl.substring(start, end).strip().startsWith("import ");
    }

    // ---------------------------------------------------------------- package level

    private void packageLevel(PackageDescr pd) {
        for (ImportDescr i : pd.getImports()) {
            importDescr(i);
        }
        for (FunctionImportDescr f : pd.getFunctionImports()) {
            problemAtLine(f.getLine(), 0, "'import function " + f.getTarget() + "' is not allowed: it calls Java");
        }
        for (var a : pd.getAccumulateImports()) {
            problemAtLine(a.getLine(), 0, "'import accumulate " + a.getTarget() + "' is not allowed: it runs Java");
        }
        for (GlobalDescr g : pd.getGlobals()) {
            problemAtLine(g.getLine(), 0, "'global " + g.getType() + " " + g.getIdentifier()
                    + "' is not allowed: globals hand rules objects from outside the fact model");
        }
        for (FunctionDescr f : pd.getFunctions()) {
            problemAtLine(f.getLine(), 0, "'function " + f.getName() + "' is not allowed: functions are arbitrary Java");
        }
        for (TypeDeclarationDescr t : pd.getTypeDeclarations()) {
            problemAtLine(t.getLine(), 0, "'declare " + t.getTypeName() + "' is not allowed: use the fact model's types");
        }
        for (var e : pd.getEnumDeclarations()) {
            problemAtLine(e.getLine(), 0, "'declare enum " + e.getTypeName() + "' is not allowed");
        }
        for (var e : pd.getEntryPointDeclarations()) {
            problemAtLine(e.getLine(), 0, "'declare entry-point' is not allowed");
        }
        for (var w : pd.getWindowDeclarations()) {
            problemAtLine(w.getLine(), 0, "'declare window' is not allowed");
        }
        for (AttributeDescr a : pd.getAttributes()) {
            problemAtLine(a.getLine(), 0, "package-level attribute '" + a.getName() + "' (e.g. a dialect change)"
                    + " is not allowed");
        }
        if (pd.getUnit() != null) {
            problemAtLine(pd.getUnit().getLine(), 0, "'unit' is not allowed");
        }
    }

    private void importDescr(ImportDescr i) {
        String t = i.getTarget().strip();
        int line = i.getLine();
        if (t.endsWith(".*")) {
            String pkg = t.substring(0, t.length() - 2);
            if (model.isFactPackage(pkg)) {
                wildcardPackages.add(pkg);
            } else if (pkg.equals("dev.perfwarden.engine.rule")) {
                for (String n : List.of("Hits", "Param", "Hit")) {
                    simpleTypes.put(n, engineType(ENGINE_TYPES.get(pkg + "." + n)));
                }
            } else {
                problemAtLine(line, 0, "'import " + t + "' is not allowed: " + IMPORTS_ALLOWED);
            }
            return;
        }
        String simple = t.substring(t.lastIndexOf('.') + 1);
        TypeRef ref = resolveQualified(t);
        if (ref == null) {
            problemAtLine(line, 0, "'import " + t + "' is not allowed: " + IMPORTS_ALLOWED);
        } else {
            simpleTypes.put(simple, ref);
        }
    }

    private static final String IMPORTS_ALLOWED = "a restricted pack may import fact-model types"
            + " (dev.perfwarden.facts.*), dev.perfwarden.engine.rule.{Hits, Param}, dev.perfwarden.engine.model."
            + "{Scope, Severity}, java.util.{List, Collection, Set, Map, Locale} and java.util collections"
            + " (ArrayList, LinkedList, HashSet, LinkedHashSet, TreeSet, HashMap, LinkedHashMap, TreeMap)";

    // ---------------------------------------------------------------- types

    private TypeRef engineType(Class<?> c) {
        return new TypeRef(c.getSimpleName(), model.statics(c), false, c == Param.class, false, false);
    }

    /** A fully qualified name that a rule may use, or null. */
    private TypeRef resolveQualified(String fqn) {
        Class<?> f = model.factType(fqn).orElse(null);
        if (f != null) {
            return new TypeRef(f.getSimpleName(), model.statics(f), f.isRecord(), true, false, false);
        }
        Class<?> e = ENGINE_TYPES.get(fqn);
        if (e != null) {
            return engineType(e);
        }
        if (FactModel.JAVA_UTIL_STATICS.containsKey(fqn)) {
            return new TypeRef(fqn.substring(fqn.lastIndexOf('.') + 1), FactModel.JAVA_UTIL_STATICS.get(fqn), false,
                    false, false, false);
        }
        if (FactModel.JAVA_UTIL_TYPES.contains(fqn) || FactModel.JAVA_UTIL_COLLECTIONS.contains(fqn)) {
            return new TypeRef(fqn.substring(fqn.lastIndexOf('.') + 1), Set.of(),
                    FactModel.JAVA_UTIL_COLLECTIONS.contains(fqn), false, true, false);
        }
        return null;
    }

    /** A simple or qualified type name as the rule may use it, or null. */
    private TypeRef resolve(String name) {
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
                return new TypeRef(name, model.statics(c), c.isRecord(), true, false, false);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- rules

    private void rule(RuleDescr r) {
        int line = r.getLine();
        for (Map.Entry<String, AttributeDescr> e : r.getAttributes().entrySet()) {
            attribute(e.getKey(), e.getValue(), line);
        }
        for (AnnotationDescr a : r.getAnnotations()) {
            for (Map.Entry<String, Object> v : a.getValueMap().entrySet()) {
                String s = String.valueOf(v.getValue()).strip();
                if (!STRING_LITERAL.matcher(s).matches() && !META_WORD.matcher(s).matches()) {
                    problemAtLine(a.getLine() > 0 ? a.getLine() : line, 0, "metadata @" + a.getName() + "(" + s
                            + ") must be a string literal, a number or a plain word: Drools evaluates other values"
                            + " as code when it compiles the rule");
                }
            }
        }
        if (r.getParentName() != null) {
            problemAtLine(line, 0, "rule inheritance ('extends') is not allowed");
        }
        Set<String> vars = new HashSet<>();
        if (r instanceof QueryDescr q && q.getParameters() != null) {
            vars.addAll(List.of(q.getParameters()));
            for (String type : q.getParameterTypes() == null ? new String[0] : q.getParameterTypes()) {
                String t = type.strip();
                if (!PRIMITIVES.contains(t) && resolve(t) == null) {
                    problemAtLine(line, 0, "query parameter type '" + t + "' is not allowed: use fact-model types,"
                            + " primitives or String");
                }
            }
        }
        collectBindings(r.getLhs(), vars);
        lhs(r.getLhs(), vars);
        if (r.getConsequence() != null) {
            if (r.getConsequence() instanceof String c) {
                consequence(c, r.getConsequenceLine(), vars);
            } else {
                problemAtLine(r.getConsequenceLine(), 0, "this consequence cannot be checked");
            }
        }
        for (Map.Entry<String, Object> named : r.getNamedConsequences().entrySet()) {
            Matcher m = Pattern.compile("\\bthen\\s*\\[\\s*" + Pattern.quote(named.getKey()) + "\\s*]")
                    .matcher(drl);
            int at = m.find(r.getStartCharacter() < 0 ? 0 : r.getStartCharacter()) ? m.start() : -1;
            String msg = "named consequence 'then[" + named.getKey() + "]' is not allowed";
            if (at >= 0) {
                problemAt(at, msg);
            } else {
                problemAtLine(r.getConsequenceLine(), 0, msg);
            }
            if (named.getValue() instanceof String text) {
                int off = at >= 0 ? drl.indexOf(text, at) : -1;
                scan(text, off, r.getConsequenceLine(), Ctx.CONSEQUENCE, new HashSet<>(vars));
            }
        }
    }

    private void attribute(String name, AttributeDescr a, int ruleLine) {
        int line = a.getLine() > 0 ? a.getLine() : ruleLine;
        String v = a.getValue() == null ? "" : a.getValue().strip();
        if (!ALLOWED_ATTRIBUTES.contains(name)) {
            problemAtLine(line, 0, "rule attribute '" + name + "' is not allowed (allowed: "
                    + new TreeSet<>(ALLOWED_ATTRIBUTES) + ")");
            return;
        }
        switch (name) {
            case "salience":
                if (!INT.matcher(v).matches()) {
                    problemAtLine(line, 0, "salience must be an integer literal, not '" + v
                            + "': Drools evaluates an expression here as code");
                }
                break;
            case "no-loop", "lock-on-active", "auto-focus", "enabled":
                if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
                    problemAtLine(line, 0, name + " must be true or false, not '" + v
                            + "': Drools evaluates an expression here as code");
                }
                break;
            default:
                break;
        }
    }

    /** Names bound anywhere in the LHS: pattern identifiers, {@code $x : field}, accumulate results. */
    private void collectBindings(BaseDescr d, Set<String> vars) {
        if (d == null) {
            return;
        }
        if (d instanceof PatternDescr p) {
            if (p.getIdentifier() != null) {
                vars.add(p.getIdentifier());
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    Matcher m = BINDING.matcher(e.getExpression());
                    if (m.find()) {
                        vars.add(m.group(1));
                    }
                }
            }
            if (p.getSource() instanceof AccumulateDescr a) {
                for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
                    if (f.getBind() != null) {
                        vars.add(f.getBind());
                    }
                }
                collectBindings(a.getInput(), vars);
            } else if (p.getSource() instanceof CollectDescr c) {
                collectBindings(c.getInputPattern(), vars);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (Object o : ce.getDescrs()) {
                if (o instanceof BaseDescr b) {
                    collectBindings(b, vars);
                }
            }
        }
    }

    private void lhs(BaseDescr d, Set<String> vars) {
        if (d == null) {
            return;
        }
        Class<?> k = d.getClass();
        if (k == AndDescr.class || k == OrDescr.class || k == NotDescr.class || k == ExistsDescr.class
                || k == ForallDescr.class) {
            for (Object o : ((ConditionalElementDescr) d).getDescrs()) {
                if (o instanceof BaseDescr b) {
                    lhs(b, vars);
                } else {
                    problemAtLine(d.getLine(), 0, "this condition cannot be checked");
                }
            }
        } else if (d instanceof PatternDescr p) {
            pattern(p, vars);
        } else if (d instanceof EvalDescr) {
            problemAtLine(d.getLine(), 0, "eval(...) is not allowed: it runs an arbitrary expression");
        } else {
            problemAtLine(d.getLine(), 0, "'" + k.getSimpleName().replace("Descr", "")
                    + "' conditions are not allowed");
        }
    }

    private void pattern(PatternDescr p, Set<String> vars) {
        int line = p.getLine();
        if (!p.getBehaviors().isEmpty()) {
            problemAtLine(line, 0, "sliding windows ('over window:') are not allowed");
        }
        for (AnnotationDescr a : p.getAnnotations()) {
            if (!a.getName().equals("watch")) {
                problemAtLine(line, 0, "pattern annotation @" + a.getName() + " is not allowed");
            }
        }
        String type = p.getObjectType();
        BaseDescr source = p.getSource();
        if (p.isQuery() || queryNames.contains(type)) {
            for (BaseDescr c : p.getDescrs()) {
                expression(c, Ctx.ARGUMENT, vars, line);
            }
            return;
        }
        TypeRef t = type == null ? null : resolve(type);
        boolean ok = t != null && (t.factType() || source != null && (t.value()
                || t.container() && (source instanceof CollectDescr || source instanceof AccumulateDescr)));
        if (!ok) {
            problemAtLine(line, 0, "pattern type '" + type + "' is not allowed: restricted rules match fact-model"
                    + " types and Param (List/Collection/Set from collect or accumulate, Number or Object from"
                    + " accumulate or from)");
        }
        for (BaseDescr c : p.getDescrs()) {
            expression(c, Ctx.CONSTRAINT, vars, line);
        }
        if (source == null) {
            return;
        }
        if (source instanceof GroupByDescr) {
            problemAtLine(line, 0, "groupby is not allowed");
        } else if (source instanceof CollectDescr c) {
            lhs(c.getInputPattern(), vars);
        } else if (source instanceof AccumulateDescr a) {
            if (!a.isExternalFunction() || a.getInitCode() != null || a.getActionCode() != null
                    || a.getResultCode() != null || a.getReverseCode() != null) {
                problemAtLine(line, 0, "accumulate with init/action/reverse/result code is not allowed: that code"
                        + " is arbitrary Java; use " + new TreeSet<>(ACC_FUNCTIONS));
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
                if (!ACC_FUNCTIONS.contains(f.getFunction())) {
                    problemAtLine(line, 0, "accumulate function '" + f.getFunction() + "' is not allowed (allowed: "
                            + new TreeSet<>(ACC_FUNCTIONS) + ")");
                }
                for (String arg : f.getParams()) {
                    scan(arg, -1, line, Ctx.ARGUMENT, vars);
                }
            }
            lhs(a.getInput(), vars);
        } else if (source instanceof FromDescr f) {
            String expr = f.getDataSource() == null ? f.getExpression() : f.getDataSource().getText();
            if (expr == null || !FROM_NAVIGATION.matcher(expr).matches()) {
                problemAtLine(line, 0, "'from " + (expr == null ? "" : expr.strip()) + "' is not allowed: restricted"
                        + " rules may only iterate a bound fact's accessor, e.g. 'from $e.flow()'");
            } else {
                scan(expr, -1, line, Ctx.FROM, vars);
            }
        } else {
            problemAtLine(line, 0, "'from " + source.getText() + "' is not allowed (entry points and windows are"
                    + " not part of the restricted language)");
        }
    }

    private void expression(BaseDescr c, Ctx ctx, Set<String> vars, int line) {
        if (c instanceof ExprConstraintDescr e) {
            String expr = e.getExpression();
            int start = e.getStartCharacter();
            int base = start >= 0 && drl.startsWith(expr, start) ? start : -1;
            scan(expr, base, e.getLine() > 0 ? e.getLine() : line, ctx, vars);
        } else {
            problemAtLine(c.getLine() > 0 ? c.getLine() : line, 0, "this constraint cannot be checked");
        }
    }

    private void consequence(String text, int thenLine, Set<String> vars) {
        int from = thenLine > 0 && thenLine <= lineStarts.length ? lineStarts[thenLine - 1] : 0;
        int at = drl.indexOf(text, from);
        scan(text, at, thenLine + 1, Ctx.CONSEQUENCE, new HashSet<>(vars));
    }

    // ---------------------------------------------------------------- expressions

    /**
     * Lexes one expression or block and checks every name in it. {@code base} is the text's offset in the
     * DRL, or -1 when unknown (problems then go to {@code fallbackLine}).
     */
    private void scan(String text, int base, int fallbackLine, Ctx ctx, Set<String> vars) {
        List<Token> all = CodeTokens.lex(text);
        List<Token> t = new ArrayList<>();
        for (Token k : all) {
            if (k.kind() == Kind.COMMENT) {
                if (ctx != Ctx.CONSEQUENCE) {
                    report(k, base, fallbackLine, "comments inside a condition are not allowed");
                }
            } else if (k.kind() == Kind.BAD) {
                report(k, base, fallbackLine, k.text().startsWith("U+") ? "character " + k.text()
                        + " outside a string literal is not allowed (only ASCII code)" : k.text());
            } else {
                t.add(k);
            }
        }
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            Token prev = i > 0 ? t.get(i - 1) : null;
            Token next = i + 1 < t.size() ? t.get(i + 1) : null;
            switch (k.kind()) {
                case STRING:
                    if (k.text().contains("@{")) {
                        report(k, base, fallbackLine, "'@{' in a string is not allowed: MVEL templates run code");
                    }
                    continue;
                case NUMBER:
                    continue;
                case OP:
                    if (BAD_OPS.contains(k.text())) {
                        report(k, base, fallbackLine, "'" + k.text() + "' is not allowed ("
                                + (k.text().equals("->") ? "lambdas" : k.text().equals("::") ? "method references"
                                : "annotations, casts and MVEL templates") + ")");
                    } else if (ctx != Ctx.CONSEQUENCE && (k.is("{") || k.is("}") || k.is(";"))) {
                        report(k, base, fallbackLine, "'" + k.text() + "' is not allowed inside a condition");
                    }
                    continue;
                default:
                    break;
            }
            String name = k.text();
            if (prev != null && prev.is(".")) {
                if (!model.member(name)) {
                    report(k, base, fallbackLine, "'." + name + "' is not allowed: only accessors and constants of"
                            + " the fact model and a few String, collection and number methods may be called");
                }
                continue;
            }
            if (ctx == Ctx.CONSEQUENCE && (LOOPS.contains(name) || name.equals("for") && !enhancedFor(t, i))) {
                report(k, base, fallbackLine, "'" + name + "' loops are not allowed in a restricted consequence"
                        + " (only 'for (T x : collection)'): match the elements with a pattern ('from $e.flow()')"
                        + " or iterate a collection");
                continue;
            }
            if (ctx == Ctx.CONSEQUENCE && name.equals("for")) {
                continue;
            }
            if (name.equals("new")) {
                i = newExpression(t, i, base, fallbackLine);
                continue;
            }
            if (name.equals("instanceof")) {
                int end = typeAt(t, i + 1);
                if (end < 0) {
                    report(k, base, fallbackLine, "'instanceof " + chain(t, i + 1) + "' is not allowed");
                    end = skipChain(t, i + 1);
                } else if (end + 1 < t.size() && t.get(end + 1).kind() == Kind.IDENT
                        && !CONSTRAINT_WORDS.contains(t.get(end + 1).text())) {
                    vars.add(t.get(end + 1).text()); // pattern matching: x instanceof T t
                    end++;
                }
                i = end;
                continue;
            }
            if (ctx == Ctx.CONSEQUENCE && CONS_KEYWORDS.contains(name)) {
                if (PRIMITIVES.contains(name) && next != null && next.kind() == Kind.IDENT) {
                    vars.add(next.text());
                    i++;
                }
                continue;
            }
            if (ctx != Ctx.CONSEQUENCE && CONSTRAINT_WORDS.contains(name)) {
                continue;
            }
            if (name.equals("drools") && ctx == Ctx.CONSEQUENCE) {
                if (next != null && next.is(".")) {
                    report(k, base, fallbackLine, "'drools." + (i + 2 < t.size() ? t.get(i + 2).text() : "")
                            + "' is not allowed: pass drools to Hits.hit, Hits.at or Hits.matched only");
                    i += 2;
                }
                continue;
            }
            if (name.startsWith("$") || vars.contains(name)) {
                continue;
            }
            int end = typeAt(t, i);
            if (end >= 0) {
                TypeRef ref = resolve(joined(t, i, end));
                Token after = end + 1 < t.size() ? t.get(end + 1) : null;
                if (after != null && after.is(".") && end + 2 < t.size() && t.get(end + 2).kind() == Kind.IDENT) {
                    String member = t.get(end + 2).text();
                    if (!ref.statics().contains(member) || FactModel.BANNED_MEMBERS.contains(member)) {
                        report(t.get(end + 2), base, fallbackLine, "'" + ref.name() + "." + member
                                + "' is not allowed: " + staticsAllowed(ref));
                    }
                    i = end + 2;
                    continue;
                }
                int j = skipGenerics(t, end + 1, base, fallbackLine);
                while (j + 2 < t.size() && t.get(j + 1).is("[") && t.get(j + 2).is("]")) {
                    j += 2;
                }
                if (ctx == Ctx.CONSEQUENCE && j + 1 < t.size() && t.get(j + 1).kind() == Kind.IDENT) {
                    vars.add(t.get(j + 1).text());
                    j++;
                }
                i = j;
                continue;
            }
            if (next != null && next.is("(")) {
                if (ctx == Ctx.CONSEQUENCE && CONS_CALLS.contains(name)) {
                    continue;
                }
                report(k, base, fallbackLine, "calling '" + name + "(...)' is not allowed" + (ctx == Ctx.CONSEQUENCE
                        ? ": a restricted consequence may call insert, insertLogical, modify and update, Hits.hit/at,"
                        + " and methods of facts" : ""));
                continue;
            }
            if (ctx != Ctx.CONSEQUENCE && model.member(name)) {
                continue; // a property of the pattern's type
            }
            String c = chain(t, i);
            if (c.contains(".") && Character.isLowerCase(c.charAt(0))) {
                report(k, base, fallbackLine, "fully qualified name '" + c + "' is not allowed: a restricted pack"
                        + " may use only the fact model and the reporting API");
                i = skipChain(t, i);
            } else {
                report(k, base, fallbackLine, "'" + name + "' is not allowed here: it is not a bound variable, a"
                        + " fact-model type or accessor, or an allowed helper");
            }
        }
    }

    /** {@code for ( [final] Type [<...>] name : ...}: an enhanced for, bounded by its collection. */
    private boolean enhancedFor(List<Token> t, int i) {
        int j = i + 1;
        if (j >= t.size() || !t.get(j).is("(")) {
            return false;
        }
        j++;
        if (j < t.size() && t.get(j).is("final")) {
            j++;
        }
        int end = j < t.size() && (PRIMITIVES.contains(t.get(j).text())) ? j : typeAt(t, j);
        if (end < 0) {
            return false;
        }
        int k = skipGenerics(t, end + 1, -1, 0) + 1;
        return k + 1 < t.size() && t.get(k).kind() == Kind.IDENT && t.get(k + 1).is(":");
    }

    private static String staticsAllowed(TypeRef ref) {
        return ref.statics().isEmpty() ? ref.name() + " offers no static members to restricted rules"
                : "allowed on " + ref.name() + ": " + new TreeSet<>(ref.statics());
    }

    /** {@code new T(...)}: T must be a fact-model record. Returns the index of the last token consumed. */
    private int newExpression(List<Token> t, int i, int base, int fallbackLine) {
        int end = typeAt(t, i + 1);
        if (end < 0) {
            report(t.get(i), base, fallbackLine, "'new " + chain(t, i + 1) + "' is not allowed: only fact-model"
                    + " records may be created");
            return skipChain(t, i + 1);
        }
        TypeRef ref = resolve(joined(t, i + 1, end));
        if (!ref.constructible()) {
            report(t.get(i), base, fallbackLine, "'new " + ref.name() + "' is not allowed: only fact-model"
                    + " records may be created");
        }
        if (end + 1 < t.size() && t.get(end + 1).is("<")) {
            end = skipGenerics(t, end + 1, base, fallbackLine);
        }
        if (end + 1 < t.size() && t.get(end + 1).is("[")) {
            report(t.get(end + 1), base, fallbackLine, "creating arrays is not allowed here");
        }
        return end;
    }

    /** If tokens from {@code i} name an allowed type (simple or dotted), the index of its last token; else -1. */
    private int typeAt(List<Token> t, int i) {
        if (i >= t.size() || t.get(i).kind() != Kind.IDENT) {
            return -1;
        }
        int last = i;
        while (last + 2 < t.size() && t.get(last + 1).is(".") && t.get(last + 2).kind() == Kind.IDENT) {
            last += 2;
        }
        for (int end = last; end >= i; end -= 2) {
            String n = joined(t, i, end);
            if (end == i || n.contains(".")) {
                if (resolve(n) != null) {
                    return end;
                }
            }
        }
        return -1;
    }

    private int skipGenerics(List<Token> t, int i, int base, int fallbackLine) {
        if (i >= t.size() || !t.get(i).is("<")) {
            return i - 1;
        }
        int depth = 0;
        for (int j = i; j < t.size(); j++) {
            Token k = t.get(j);
            if (k.is("<")) {
                depth++;
            } else if (k.is(">") || k.is(">>")) {
                depth -= k.text().length();
                if (depth <= 0) {
                    return j;
                }
            } else if (k.kind() == Kind.IDENT) {
                int end = typeAt(t, j);
                if (end < 0 && !k.text().equals("extends") && !k.text().equals("?")) {
                    return i - 1; // not a type argument list: a comparison
                }
                j = Math.max(j, end);
            } else if (!k.is(",") && !k.is("?") && !k.is(".")) {
                return i - 1;
            }
        }
        return i - 1;
    }

    private static String joined(List<Token> t, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j <= to; j++) {
            sb.append(t.get(j).text());
        }
        return sb.toString();
    }

    /** The dotted name starting at {@code i} ({@code java.nio.file.Files}). */
    private static String chain(List<Token> t, int i) {
        if (i >= t.size()) {
            return "";
        }
        return joined(t, i, skipChain(t, i));
    }

    private static int skipChain(List<Token> t, int i) {
        if (i >= t.size()) {
            return t.size() - 1;
        }
        int last = i;
        while (last + 2 < t.size() && t.get(last + 1).is(".") && t.get(last + 2).kind() == Kind.IDENT) {
            last += 2;
        }
        return last;
    }

    // ---------------------------------------------------------------- positions and problems

    private void report(Token k, int base, int fallbackLine, String msg) {
        if (base >= 0) {
            problemAt(base + k.offset(), msg);
        } else {
            problemAtLine(fallbackLine, 0, msg);
        }
    }

    private int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private void problemAt(int offset, String msg) {
        int line = lineOf(offset);
        problemAtLine(line, offset - lineStarts[line - 1] + 1, msg);
    }

    private void problemAtLine(int drlLine, int drlCol, String msg) {
        flaggedLines.add(drlLine);
        LineMap map = src.lineMap();
        int line = map.sourceLine(Math.max(0, drlLine));
        int col = map.isIdentity() ? drlCol : 0;
        if (!seen.add(line + ":" + msg) || problems.size() >= 50) {
            return;
        }
        problems.add(new Problem(pack.id(), pack.origin(), src.file(), line, col, msg + SUFFIX));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
