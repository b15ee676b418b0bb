package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.RuleSource;
import dev.perfwarden.engine.restrict.CodeTokens.Kind;
import dev.perfwarden.engine.restrict.CodeTokens.Token;
import dev.perfwarden.engine.restrict.TypeScope.TypeRef;
import dev.perfwarden.engine.rule.Param;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
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
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one rule source's DRL (after DSL expansion) against the restricted-mode allow-list; see
 * {@link RestrictedMode} for what is allowed. Everything is decided on syntax trees:
 * <ol>
 *   <li>Drools' own DRL parser gives the package structure (imports, globals, functions, declarations,
 *       rules and queries with attributes, metadata, LHS descriptors and consequence text). Every construct
 *       is allow-listed by descriptor kind.</li>
 *   <li>Each constraint is parsed by Drools' constraint parser (bindings, relational operators, connectives);
 *       each operand, {@code from} source, accumulate or query argument and every consequence is parsed as
 *       Java by JavaParser and checked node by node, with names resolved by scope ({@link JavaAllowList}).</li>
 * </ol>
 * Two checks stay lexical because they are about the text, not the tree: unicode escapes (javac decodes
 * them before it parses, so they could make the tree differ from what a reviewer reads) and non-ASCII
 * characters outside string literals. Every problem names the file, line and column the author wrote
 * (DSLR lines mapped back).
 */
final class RestrictedChecker {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+[0-9A-Fa-f]{0,4}");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern META_WORD = Pattern.compile("[a-z][a-z0-9_-]*|-?\\d+(?:\\.\\d+)?|true|false");
    /** A query name: lower-case first, so it can never be read as a type (a query "Object" shadows java.lang.Object). */
    private static final Pattern QUERY_NAME = Pattern.compile("[a-z][A-Za-z0-9_]*");

    private static final Set<String> ACC_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet", "countDistinct");
    static final Set<String> PRIMITIVES = Set.of("int", "long", "double", "float", "short", "byte", "char", "boolean");
    /** Relational operators of constraints ({@code matches} is refused with a pointer to {@code Regex.matches}). */
    private static final Set<String> RELATIONAL = Set.of("==", "!=", "<", "<=", ">", ">=", "contains", "memberOf",
            "excludes", "str");
    private static final Set<String> STR_PARAMETERS = Set.of("startsWith", "endsWith", "length");

    private final Pack pack;
    private final RuleSource src;
    private final FactModel model;
    private final String drl;
    private final DrlProblems problems;

    /** The types the file may name (its imports). */
    private final TypeScope types;
    private final Set<String> queryNames = new HashSet<>();
    private final Map<String, String> bindingTypes = new java.util.HashMap<>(); // rule bindings, function parameters → types
    private final PackLibrary lib;
    /** The subrules this file's rules and queries expand to (summed over the pack by {@link RestrictedMode}). */
    long alternatives;

    /** The id of the pack being checked. */
    String packId() {
        return pack.id();
    }

    RestrictedChecker(Pack pack, RuleSource src, FactModel model, PackLibrary lib) {
        this.pack = pack;
        this.src = src;
        this.model = model;
        this.lib = lib;
        this.types = new TypeScope(model);
        this.queryNames.addAll(lib.queries());
        this.drl = src.drl();
        this.problems = new DrlProblems(pack, src);
    }

    List<Problem> check() {
        rawChecks();
        int deep = CodeTokens.tooDeep(CodeTokens.lex(drl));
        if (deep >= 0) { // before any parser recurses into it
            problemAt(deep, "brackets nest more than " + CodeTokens.MAX_NESTING + " levels deep here: not allowed (Drools'"
                    + " parsers recurse once per level and run out of stack; write it with less nesting)");
            return problems.sorted();
        }
        DrlParser parser = new DrlParser();
        PackageDescr pd;
        try {
            pd = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            problemAtLine(Math.max(1, e.getLineNumber()), 0, "the rule cannot be parsed, so it cannot be checked: "
                    + e.getMessage());
            return problems.sorted();
        }
        if (pd == null || parser.hasErrors()) {
            problemAtLine(1, 0, "the rule cannot be parsed, so it cannot be checked: " + parser.getErrors());
            return problems.sorted();
        }
        packageLevel(pd);
        for (RuleDescr r : pd.getRules()) {
            if (r.isQuery()) {
                if (!QUERY_NAME.matcher(r.getName()).matches() || resolve(r.getName()) != null) {
                    problemAtLine(r.getLine(), 0, "query name '" + r.getName() + "' is not allowed: a query name must"
                            + " start with a lower-case letter and be an identifier, so that it cannot stand for a type");
                }
                queryNames.add(r.getName());
            }
        }
        for (RuleDescr r : pd.getRules()) {
            problems.unit((r.isQuery() ? "query \"" : "rule \"") + r.getName() + "\"");
            rule(r);
        }
        problems.unit(null);
        backstop();
        return problems.sorted();
    }

    // ---------------------------------------------------------------- whole text

    private void rawChecks() {
        Matcher m = UNICODE_ESCAPE.matcher(drl);
        while (m.find()) {
            problemAt(m.start(), "unicode escape '" + m.group() + "' is not allowed: javac decodes it before"
                    + " anything else, so it can hide code from review");
        }
    }

    /**
     * Lexical check of the whole DRL: non-ASCII characters outside literals and comments, unterminated text. (Brackets
     * nested deeper than {@link CodeTokens#MAX_NESTING} are refused before anything is parsed: attack2 probe 03's 1,500
     * parentheses passed the parsers of this check and overflowed Drools' own at compile, exit 70.)
     */
    private void backstop() {
        for (Token t : CodeTokens.lex(drl)) {
            if (t.kind() == Kind.BAD) {
                problemAt(t.offset(), t.text().startsWith("U+")
                        ? "character " + t.text() + " outside a string literal is not allowed (only ASCII code)"
                        : t.text());
            }
        }
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
        DeclareCheck declares = new DeclareCheck(this); // one line index for all of the file's declarations
        for (TypeDeclarationDescr t : pd.getTypeDeclarations()) {
            declares.declare(pd.getName(), t);
        }
        // the pack's declared types (this file's and every other file's, the library's among them): matched,
        // created and inserted like fact-model records, and functions' types, once each declaration passed its check
        lib.declaredTypes().forEach(types::declared);
        for (FunctionDescr f : pd.getFunctions()) {
            if (PackLibrary.isLibrary(src)) {
                function(f);
            } else {
                problemAtLine(f.getLine(), 0, "'function " + f.getName() + "' is not allowed in a rule file: put it in"
                        + " the pack's library (lib/*.drl), where it is checked like a consequence");
            }
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

    /** A library function: its signature's types, no recursion, and its body as a consequence's. */
    private void function(FunctionDescr f) {
        problems.unit("function \"" + f.getName() + "\"");
        int line = f.getLine();
        for (String t : f.getParameterTypes()) {
            java(-1, line, t).signatureType(t);
        }
        java(-1, line, f.getReturnType()).signatureType(f.getReturnType());
        if (DroolsNames.REWRITTEN_CALLS.contains(f.getName())) {
            problemAtLine(line, 0, DroolsNames.functionName(f.getName()));
        }
        String cycle = lib.cycle(f.getName());
        if (cycle != null) {
            problemAtLine(line, 0, "function '" + f.getName() + "' calls itself (" + cycle + "): recursion is not"
                    + " allowed, its depth has no bound; iterate a collection with 'for (T x : list)'");
        }
        String body = f.getBody() == null ? "" : f.getBody();
        int from = problems.lineStart(line);
        int at = body.isBlank() ? -1 : drl.indexOf(body, from);
        bindingTypes.putAll(LhsBindings.parameterTypes(f.getParameterNames(), f.getParameterTypes()));
        java(at, line, body).function(body, new HashSet<>(f.getParameterNames()));
        bindingTypes.clear();
        problems.unit(null);
    }

    private void importDescr(ImportDescr i) {
        String refused = types.importType(i.getTarget().strip());
        if (refused != null) {
            problemAtLine(i.getLine(), 0, refused);
        }
    }

    // for DeclareCheck
    TypeRef resolveType(String name) {
        return resolve(name);
    }

    PackLibrary lib() {
        return lib;
    }

    FactModel model() {
        return model;
    }

    String drl() {
        return drl;
    }

    JavaAllowList javaCheck(int base, int fallbackLine, String text) {
        return java(base, fallbackLine, text);
    }

    private TypeRef resolve(String name) {
        return types.resolve(name);
    }

    // ---------------------------------------------------------------- rules

    private void rule(RuleDescr r) {
        int line = r.getLine();
        for (Map.Entry<String, AttributeDescr> e : r.getAttributes().entrySet()) {
            RuleAttributes.check(this, e.getKey(), e.getValue(), line);
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
        LhsBindings.collect(r.getLhs(), vars, t -> queryNames.contains(t) && resolve(t) == null,
                (name, at) -> problemAtLine(at > 0 ? at : line, 0, DroolsNames.variable(name)));
        LhsBindings.patternTypes(r.getLhs(), bindingTypes);
        lhs(r.getLhs(), vars);
        // each 'or' multiplies the subrules Drools builds; a rule over the bound is refused, and counts as the bound
        alternatives = LhsAlternatives.add(alternatives, Math.min(LhsAlternatives.MAX, LhsAlternatives.check(this, r)));
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
                java(off, r.getConsequenceLine(), text).block(text, new HashSet<>(vars));
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
        TypeRef t = type == null ? null : resolve(type);
        if (p.isQuery() || queryNames.contains(type) && t == null) {
            // a call of a query of this file (queries named like a type are refused where they are declared)
            if (source != null) {
                problemAtLine(line, 0, "a query call cannot have a source ('from', 'collect', 'accumulate')");
            }
            for (BaseDescr c : p.getDescrs()) {
                expression(c, JavaAllowList.Mode.ARGUMENT, vars, line, null);
            }
            return;
        }
        boolean ok = t != null && (t.factType() || source != null && (t.value()
                || t.container() && (source instanceof CollectDescr || source instanceof AccumulateDescr)));
        if (!ok) {
            problemAtLine(line, 0, "pattern type '" + type + "' is not allowed: restricted rules match fact-model"
                    + " types and Param (List/Collection/Set from collect or accumulate, Number or Object from"
                    + " accumulate or from)");
        }
        for (BaseDescr c : p.getDescrs()) {
            expression(c, JavaAllowList.Mode.CONSTRAINT, vars, line, t == null ? null : t.type());
        }
        if (source != null) {
            source(source, vars, line);
        }
    }

    /** A pattern's source: collect, accumulate of the listed functions, or {@code from} a bound fact's accessor. */
    private void source(BaseDescr source, Set<String> vars, int line) {
        if (source instanceof GroupByDescr) {
            problemAtLine(line, 0, "groupby is not allowed");
        } else if (source instanceof CollectDescr c) {
            lhs(c.getInputPattern(), vars);
        } else if (source instanceof AccumulateDescr a) {
            accumulate(a, vars, line);
        } else if (source instanceof FromDescr f) {
            String expr = f.getDataSource() == null ? f.getExpression() : f.getDataSource().getText();
            if (expr == null) {
                problemAtLine(line, 0, "this 'from' cannot be checked");
            } else {
                java(-1, line, expr).fromSource(expr, vars);
            }
        } else {
            problemAtLine(line, 0, "'from " + source.getText() + "' is not allowed (entry points and windows are"
                    + " not part of the restricted language)");
        }
    }

    private void accumulate(AccumulateDescr a, Set<String> vars, int line) {
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
                java(-1, line, arg).expression(arg, vars, JavaAllowList.Mode.ARGUMENT, null);
            }
        }
        lhs(a.getInput(), vars);
    }

    // ---------------------------------------------------------------- expressions (syntax trees)

    /** One constraint of a pattern: parsed by Drools' expression parser, each atom then as Java. */
    private void expression(BaseDescr c, JavaAllowList.Mode mode, Set<String> vars, int line, Class<?> type) {
        if (!(c instanceof ExprConstraintDescr e)) {
            problemAtLine(c.getLine() > 0 ? c.getLine() : line, 0, "this constraint cannot be checked");
            return;
        }
        String expr = e.getExpression();
        int start = e.getStartCharacter();
        int base = start >= 0 && drl.startsWith(expr, start) ? start : -1;
        int fallback = e.getLine() > 0 ? e.getLine() : line;
        if (mode == JavaAllowList.Mode.ARGUMENT) {
            java(base, fallback, expr).expression(expr, vars, mode, type);
            return;
        }
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr tree = parser.parse(expr);
        if (tree == null || parser.hasErrors()) {
            problemAtLine(fallback, 0, "constraint '" + expr.strip() + "' cannot be parsed, so it cannot be checked"
                    + (parser.hasErrors() ? ": " + parser.getErrors().get(0).getMessage() : ""));
            return;
        }
        constraint(tree, expr, base, fallback, vars, type);
    }

    private void constraint(BaseDescr d, String expr, int base, int line, Set<String> vars, Class<?> type) {
        if (d instanceof ConstraintConnectiveDescr cc) {
            for (BaseDescr x : cc.getDescrs()) {
                constraint(x, expr, base, line, vars, type);
            }
        } else if (d instanceof BindingDescr b) {
            atom(b.getExpression(), expr, base, line, vars, type);
        } else if (d instanceof RelationalExprDescr r) {
            String op = r.getOperator();
            if (op.equals("matches")) {
                problemAtLine(line, 0, "the 'matches' operator is not allowed: Java's regular expressions can"
                        + " backtrack for hours; use Regex.matches(" + text(r.getLeft()) + ", \"re\") (RE2, linear"
                        + " time)");
            } else if (!RELATIONAL.contains(op)) {
                problemAtLine(line, 0, "operator '" + op + "' is not allowed (allowed: " + new TreeSet<>(RELATIONAL)
                        + ")");
            }
            if (r.getParameters() != null && !r.getParameters().isEmpty()
                    && !(op.equals("str") && STR_PARAMETERS.containsAll(r.getParameters()))) {
                problemAtLine(line, 0, "operator parameters '" + r.getParametersText() + "' are not allowed");
            }
            constraint(r.getLeft(), expr, base, line, vars, type);
            constraint(r.getRight(), expr, base, line, vars, type);
        } else if (d instanceof AtomicExprDescr a) {
            atom(a.getExpression(), expr, base, line, vars, type);
        } else if (d != null) {
            problemAtLine(line, 0, "constraint part '" + d.getText() + "' cannot be checked");
        }
    }

    private static String text(BaseDescr d) {
        return d instanceof AtomicExprDescr a ? a.getExpression().strip() : d instanceof BindingDescr b
                ? b.getExpression().strip() : "value";
    }

    private void atom(String atom, String expr, int base, int line, Set<String> vars, Class<?> type) {
        if (atom == null || atom.isBlank()) {
            return;
        }
        int at = expr.indexOf(atom);
        java(base >= 0 && at >= 0 ? base + at : -1, line, atom).expression(atom, vars, JavaAllowList.Mode.CONSTRAINT,
                type);
    }

    private void consequence(String text, int thenLine, Set<String> vars) {
        int from = problems.lineStart(thenLine);
        int at = drl.indexOf(text, from);
        java(at, thenLine + 1, text).block(text, vars);
    }

    /**
     * A Java checker whose problems land in the DRL: {@code base} is the text's offset in the DRL, or -1 when
     * unknown (problems then go to {@code fallbackLine}).
     */
    private JavaAllowList java(int base, int fallbackLine, String text) {
        int[] starts = DrlProblems.lineStarts(text);
        return new JavaAllowList(new JavaAllowList.Host() {
            @Override
            public TypeRef resolve(String name) {
                return RestrictedChecker.this.resolve(name);
            }

            @Override
            public FactModel model() {
                return model;
            }

            @Override
            public void problem(int line, int column, String message) {
                at(line, column, message, true);
            }

            @Override
            public void mistake(int line, int column, String message) {
                at(line, column, message, false);
            }

            @Override
            public PackLibrary library() {
                return lib;
            }

            @Override
            public String bindingType(String name) {
                return bindingTypes.get(name);
            }

            private void at(int line, int column, String message, boolean refusal) {
                if (base < 0 || line < 1 || line > starts.length) {
                    problemAtLine(fallbackLine, 0, message, refusal);
                } else {
                    problemAt(base + starts[line - 1] + Math.max(0, column - 1), message, refusal);
                }
            }
        });
    }

    // ---------------------------------------------------------------- problems

    private void problemAt(int offset, String msg) {
        problems.at(offset, msg, true);
    }

    private void problemAt(int offset, String msg, boolean refusal) {
        problems.at(offset, msg, refusal);
    }

    void problemAtLine(int drlLine, int drlCol, String msg) {
        problems.atLine(drlLine, drlCol, msg, true);
    }

    private void problemAtLine(int drlLine, int drlCol, String msg, boolean refusal) {
        problems.atLine(drlLine, drlCol, msg, refusal);
    }
}
