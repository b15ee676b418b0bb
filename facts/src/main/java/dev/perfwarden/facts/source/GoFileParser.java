package dev.perfwarden.facts.source;

import dev.perfwarden.facts.source.GoScanner.Kind;
import dev.perfwarden.facts.source.GoScanner.Token;
import dev.perfwarden.facts.source.GoSourceIndex.Decl;
import dev.perfwarden.facts.source.GoSourceIndex.Lit;
import dev.perfwarden.facts.source.GoSourceIndex.Parsed;
import dev.perfwarden.facts.source.GoSourceIndex.VarSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Recursive-descent over the token list; never throws on odd input, it skips what it cannot read. */
final class GoFileParser {
    /** Deepest nesting of function literals indexed on their own (real code nests a handful). */
    static final int MAX_LITERAL_DEPTH = 1000;
    private final List<Token> t;
    private final int[] match;
    private final Parsed out;

    GoFileParser(String path, List<Token> tokens) {
        this.t = tokens;
        this.out = new Parsed(path);
        this.match = GoScanner.brackets(tokens);
    }

    /** The matching bracket of each token of the file ({@link GoScanner#brackets}), as the parse used it. */
    int[] brackets() {
        return match;
    }

    private Token tok(int i) {
        return i < t.size() ? t.get(i) : t.get(t.size() - 1);
    }

    /** Index after the bracket group opening at {@code i}, or the end when unbalanced. */
    private int after(int i) {
        int m = match[i];
        return m < 0 ? t.size() - 1 : m + 1;
    }

    Parsed parse() {
        int i = 0;
        while (i < t.size() && tok(i).kind() == Kind.SEMI) {
            i++;
        }
        if (!tok(i).is("package") || tok(i + 1).kind() != Kind.IDENT) {
            return out;
        }
        out.pkgName = tok(i + 1).text();
        i += 2;
        while (i < t.size() && tok(i).kind() != Kind.EOF) {
            Token k = tok(i);
            if (k.kind() == Kind.SEMI) {
                i++;
            } else if (k.is("import")) {
                i = imports(i + 1);
            } else if (k.is("func")) {
                i = funcDecl(i);
            } else if (k.is("var")) {
                i = varDecl(i + 1);
            } else if (k.is("type")) {
                interfaceMethods(i + 1);
                i = otherDecl(i + 1);
            } else if (k.is("const")) {
                i = otherDecl(i + 1);
            } else {
                i = skipStatement(i);
            }
        }
        return out;
    }

    private int skipStatement(int i) {
        while (i < t.size() && tok(i).kind() != Kind.SEMI && tok(i).kind() != Kind.EOF) {
            Token k = tok(i);
            if (k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{"))) {
                i = after(i);
            } else {
                i++;
            }
        }
        return i;
    }

    private int imports(int i) {
        if (tok(i).is("(")) {
            int end = match[i] < 0 ? t.size() - 1 : match[i];
            int j = i + 1;
            while (j < end) {
                if (tok(j).kind() == Kind.SEMI) {
                    j++;
                    continue;
                }
                j = importSpec(j, end);
            }
            return end + 1;
        }
        return importSpec(i, t.size());
    }

    private int importSpec(int i, int end) {
        String name = null;
        Token k = tok(i);
        if (k.kind() == Kind.IDENT || k.is(".")) {
            name = k.text();
            i++;
        }
        Token s = tok(i);
        if (s.kind() == Kind.STRING) {
            String path = stringValue(s);
            if (name == null) {
                name = GoSourceIndex.defaultName(path);
            }
            if (!name.equals("_") && !name.equals(".")) {
                out.imports.put(name, path);
            }
            i++;
        }
        while (i < end && tok(i).kind() != Kind.SEMI && tok(i).kind() != Kind.EOF) {
            i++;
        }
        return i;
    }

    private String stringValue(Token s) {
        return s.text();
    }

    private int funcDecl(int i) {
        Decl d = new Decl();
        Token kw = tok(i);
        d.line = kw.line();
        d.col = kw.col();
        int j = i + 1;
        if (tok(j).is("(")) {
            d.recv = receiver(j + 1, match[j] < 0 ? j + 1 : match[j]);
            j = after(j);
        }
        Token name = tok(j);
        if (name.kind() != Kind.IDENT) {
            return skipStatement(i + 1);
        }
        d.name = name.text();
        d.nameLine = name.line();
        d.nameCol = name.col();
        j++;
        if (tok(j).is("[")) {
            d.generic = true;
            j = after(j);
        }
        if (!tok(j).is("(")) {
            return skipStatement(j);
        }
        d.paramsOpen = j;
        j = after(j);
        if (!tok(j).is("{")) {
            if (tok(j).is("(")) {
                d.results = resultNames(j + 1, match[j] < 0 ? j + 1 : match[j]);
                j = after(j);
            } else if (typeStart(tok(j))) {
                j = skipType(j);
            }
        }
        Token last = tok(Math.max(i, j - 1)); // a body-less declaration ends with its signature
        d.endLine = last.line();
        d.endCol = last.col();
        if (tok(j).is("{") && match[j] > j) {
            int close = match[j];
            d.hasBody = true;
            d.bodyOpen = j;
            d.endLine = tok(close).line();
            d.endCol = tok(close).col();
            d.lits = lits(j + 1, close);
            d.refs = refs(j + 1, close);
            j = close + 1;
        }
        if (d.recv.isEmpty()) {
            out.topLevel.add(d.name);
        }
        out.decls.add(d);
        return j;
    }

    /**
     * The names of a parenthesized result list between tokens {@code from} and {@code to} (the closing bracket):
     * {@code (ret string)}, {@code (n int, err error)}, {@code (a, b int)} name their results; {@code (int, error)},
     * {@code (*T, error)}, {@code (pkg.T, List[int])} do not (empty). Go names either every result or none: the list
     * is named when one entry is a name followed by a type ({@code x T}, {@code x *T}, {@code x []T}, {@code x [4]T},
     * {@code x pkg.T}; not {@code pkg.T}, nor {@code List[int]} with nothing after the bracket). Blank names are kept.
     */
    private List<String> resultNames(int from, int to) {
        List<List<Token>> entries = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int i = from;
        while (i < to) {
            Token k = tok(i);
            if (k.is(",")) {
                entries.add(cur);
                cur = new ArrayList<>();
                i++;
                continue;
            }
            cur.add(k);
            i = k.kind() == Kind.OP && (k.is("(") || k.is("[") || k.is("{")) ? Math.min(after(i), to) : i + 1;
        }
        entries.add(cur);
        boolean named = false;
        for (List<Token> e : entries) {
            named |= e.size() >= 2 && e.get(0).isIdent() && !e.get(1).is(".") && !(e.get(1).is("[") && e.size() == 2);
        }
        List<String> names = new ArrayList<>();
        for (List<Token> e : entries) {
            if (named && !e.isEmpty() && e.get(0).isIdent()) {
                names.add(e.get(0).text());
            }
        }
        return names;
    }

    /** {@code (t *T)}, {@code (*T)}, {@code (t T[K, V])} → {@code (*T)}, {@code (*T[...])}, {@code T[...]}. */
    private String receiver(int from, int to) {
        boolean ptr = false;
        String type = "";
        boolean generic = false;
        int i = from;
        while (i < to) {
            Token k = tok(i);
            if (k.is("*")) {
                ptr = true;
                i++;
            } else if (k.is("[")) {
                generic = true;
                i = after(i);
            } else if (k.is("(")) {
                i = after(i);
            } else if (k.kind() == Kind.IDENT) {
                type = k.text();
                i++;
            } else {
                i++;
            }
        }
        String base = generic ? type + "[...]" : type;
        return ptr ? "(*" + base + ")" : base;
    }

    private int varDecl(int i) {
        if (tok(i).is("(")) {
            int end = match[i] < 0 ? t.size() - 1 : match[i];
            int j = i + 1;
            while (j < end) {
                if (tok(j).kind() == Kind.SEMI) {
                    j++;
                    continue;
                }
                j = varSpec(j, end);
            }
            return end + 1;
        }
        return varSpec(i, t.size());
    }

    private int varSpec(int i, int end) {
        VarSpec v = new VarSpec(out.path);
        int j = i;
        while (j < end && tok(j).kind() == Kind.IDENT) {
            v.names.add(tok(j).text());
            out.topLevel.add(tok(j).text());
            j++;
            if (tok(j).is(",")) {
                j++;
            } else {
                break;
            }
        }
        int eq = -1;
        int k = j;
        while (k < end && tok(k).kind() != Kind.SEMI && tok(k).kind() != Kind.EOF) {
            Token x = tok(k);
            if (x.is("=") && eq < 0) {
                eq = k;
                k++;
            } else if (x.kind() == Kind.OP && (x.is("(") || x.is("[") || x.is("{"))) {
                k = after(k);
            } else {
                k++;
            }
        }
        if (eq >= 0) {
            v.lits = lits(eq + 1, k);
            v.refs = refs(eq + 1, k);
        }
        out.vars.add(v);
        return k;
    }

    /**
     * The method specs of the interface types declared at {@code i} (after {@code type}): the compiler makes a
     * wrapper {@code Iface.M} for each (a method expression's function), whose parameters are declared there.
     */
    private void interfaceMethods(int i) {
        if (tok(i).is("(")) {
            int end = match[i] < 0 ? t.size() - 1 : match[i];
            for (int j = i + 1; j < end; j++) {
                if ((j == i + 1 || tok(j - 1).kind() == Kind.SEMI) && tok(j).kind() == Kind.IDENT) {
                    interfaceType(j);
                }
                if (tok(j).kind() == Kind.OP && (tok(j).is("(") || tok(j).is("[") || tok(j).is("{"))) {
                    j = after(j) - 1;
                }
            }
        } else if (tok(i).kind() == Kind.IDENT) {
            interfaceType(i);
        }
    }

    /** One type spec at {@code i} ({@code Name [T any] interface { M(...) ...; ... }}): its method specs. */
    private void interfaceType(int i) {
        String name = tok(i).text();
        int j = i + 1;
        boolean generic = false;
        if (tok(j).is("[")) {
            generic = true;
            j = after(j);
        }
        if (!tok(j).is("interface") || !tok(j + 1).is("{") || match[j + 1] < 0) {
            return;
        }
        String type = generic ? name + "[...]" : name;
        int close = match[j + 1];
        for (int m = j + 2; m < close; m++) {
            boolean start = tok(m - 1).is("{") || tok(m - 1).kind() == Kind.SEMI;
            if (start && tok(m).isIdent() && tok(m + 1).is("(")) {
                int e = m + 1;
                while (e < close && tok(e).kind() != Kind.SEMI) {
                    e = tok(e).kind() == Kind.OP && (tok(e).is("(") || tok(e).is("[") || tok(e).is("{")) ? after(e) : e + 1;
                }
                Token last = tok(Math.max(m, e - 1));
                out.interfaceMethods.add(new InterfaceMethod(type + "." + tok(m).text(), tok(m).line(),
                        tok(m).col(), last.line(), last.col() + Math.max(1, last.text().length())));
                m = e;
            } else if (tok(m).kind() == Kind.OP && (tok(m).is("(") || tok(m).is("[") || tok(m).is("{"))) {
                m = after(m) - 1;
            }
        }
    }

    private int otherDecl(int i) {
        if (tok(i).is("(")) {
            int end = match[i] < 0 ? t.size() - 1 : match[i];
            for (int j = i + 1; j < end; j++) {
                if ((j == i + 1 || tok(j - 1).kind() == Kind.SEMI) && tok(j).kind() == Kind.IDENT) {
                    out.topLevel.add(tok(j).text());
                }
                if (tok(j).kind() == Kind.OP && (tok(j).is("(") || tok(j).is("[") || tok(j).is("{"))) {
                    j = after(j) - 1;
                }
            }
            return end + 1;
        }
        if (tok(i).kind() == Kind.IDENT) {
            out.topLevel.add(tok(i).text());
        }
        return skipStatement(i);
    }

    /**
     * Package-level names an initializer or body may refer to: identifiers minus selectors
     * ({@code x.f}), keys ({@code f:} in composite literals, labels) and the uses of names it
     * declares itself ({@code a, b :=}, {@code var x}, literal parameters) after their
     * declaring statement ({@code goTool, err := goTool()} still refers to the package-level
     * {@code goTool}). Block ends are not modelled: a local hides a package-level name up to
     * the end of the range.
     */
    private Set<String> refs(int from, int to) {
        Map<String, Integer> scopeStart = new HashMap<>(); // name → token index from which it is local
        Set<Integer> declaring = new HashSet<>();
        for (int i = from; i < to; i++) {
            Token k = tok(i);
            if (k.is(":=")) {
                int end = statementEnd(i, to);
                for (int j = i - 1; j >= from && tok(j).kind() == Kind.IDENT; j -= 2) {
                    declaring.add(j);
                    scopeStart.merge(tok(j).text(), end, Math::min);
                    if (j - 1 < from || !tok(j - 1).is(",")) {
                        break;
                    }
                }
            } else if (k.is("var") || k.is("const")) {
                int end = statementEnd(i, to);
                for (int j = i + 1; j < to && tok(j).kind() == Kind.IDENT; j += 2) {
                    declaring.add(j);
                    scopeStart.merge(tok(j).text(), end, Math::min);
                    if (!tok(j + 1).is(",")) {
                        break;
                    }
                }
            } else if (k.is("func") && tok(i + 1).is("(") && match[i + 1] > i + 1) {
                for (int j = i + 2; j < match[i + 1]; j++) {
                    if (tok(j).kind() == Kind.IDENT) {
                        declaring.add(j);
                        scopeStart.merge(tok(j).text(), match[i + 1], Math::min);
                    }
                }
            }
        }
        Set<String> r = new HashSet<>();
        for (int i = from; i < to; i++) {
            Token k = tok(i);
            if (k.kind() == Kind.IDENT && !GoScanner.KEYWORDS.contains(k.text())
                    && !(i > 0 && tok(i - 1).is(".")) && !tok(i + 1).is(":") && !declaring.contains(i)
                    && scopeStart.getOrDefault(k.text(), Integer.MAX_VALUE) > i) {
                r.add(k.text());
            }
        }
        return r;
    }

    /**
     * Where a declaration made at {@code i} comes into scope: the ';' ending its statement, or the
     * '{' opening the block of a {@code for}/{@code if}/{@code switch} header ((), [] skipped).
     */
    private int statementEnd(int i, int to) {
        int j = i;
        while (j < to && tok(j).kind() != Kind.SEMI && !tok(j).is("{")) {
            Token k = tok(j);
            if (k.kind() == Kind.OP && (k.is("(") || k.is("[")) && match[j] > j) {
                j = match[j] + 1;
            } else if (k.kind() == Kind.OP && (k.is(")") || k.is("]") || k.is("}"))) {
                return j; // the enclosing group ends the statement
            } else {
                j++;
            }
        }
        return Math.min(j, to);
    }

    /**
     * The function literals in [{@code from}, {@code to}), outermost first, in source order.
     * Iterative (an explicit stack), because generated code can nest literals thousands deep;
     * literals nested deeper than {@link #MAX_LITERAL_DEPTH} are not indexed on their own:
     * their positions belong to their ancestor at that depth (and the compiler's names for them
     * would be tens of thousands of characters long).
     */
    private List<Lit> lits(int from, int to) {
        List<Lit> top = new ArrayList<>(0);
        Deque<int[]> ranges = new ArrayDeque<>(); // {next token, end, depth}
        Deque<List<Lit>> outs = new ArrayDeque<>();
        ranges.push(new int[] {from, to, 0});
        outs.push(top);
        while (!ranges.isEmpty()) {
            int[] r = ranges.peek();
            if (r[0] >= r[1]) {
                ranges.pop();
                outs.pop();
                continue;
            }
            int i = r[0];
            Token k = tok(i);
            r[0] = i + 1;
            if (k.is("func") && !(i > 0 && (tok(i - 1).is("]") || tok(i - 1).is("chan")))) {
                int body = literalBody(i);
                if (body > 0 && match[body] > body && match[body] <= r[1]) {
                    int close = match[body];
                    r[0] = close + 1;
                    if (r[2] < MAX_LITERAL_DEPTH) {
                        Lit l = new Lit(k.line(), k.col());
                        l.endLine = tok(close).line();
                        l.endCol = tok(close).col();
                        outs.peek().add(l);
                        ranges.push(new int[] {body + 1, close, r[2] + 1});
                        outs.push(l.children);
                    }
                }
            }
        }
        return top;
    }

    /** The index of a literal's opening brace if {@code func} at {@code i} starts a function literal, else -1. */
    int literalBody(int i) {
        int j = i + 1;
        if (!tok(j).is("(")) {
            return -1;
        }
        j = after(j);
        if (tok(j).is("{")) {
            return j;
        }
        if (!typeStart(tok(j))) {
            return -1;
        }
        j = tok(j).is("(") ? after(j) : skipType(j);
        return tok(j).is("{") ? j : -1;
    }

    private boolean typeStart(Token k) {
        if (k.kind() == Kind.IDENT) {
            return !GoScanner.KEYWORDS.contains(k.text()) || k.text().equals("map") || k.text().equals("chan")
                    || k.text().equals("func") || k.text().equals("struct") || k.text().equals("interface");
        }
        return k.is("*") || k.is("[") || k.is("(") || k.is("<-");
    }

    /** Index after the type starting at {@code j}; {@code j} when none starts there (a loop: types nest deep). */
    private int skipType(int start) {
        int j = start;
        while (true) {
            Token k = tok(j);
            if (k.is("(")) {
                return after(j);
            }
            if (k.is("*")) {
                j = j + 1;
            } else if (k.is("[")) {
                j = after(j);
            } else if (k.is("map")) {
                if (!tok(j + 1).is("[")) {
                    return j + 1;
                }
                j = after(j + 1);
            } else if (k.is("chan")) {
                j = tok(j + 1).is("<-") ? j + 2 : j + 1;
            } else if (k.is("<-")) {
                if (!tok(j + 1).is("chan")) {
                    return j;
                }
                j = j + 2;
            } else if (k.is("func")) {
                if (!tok(j + 1).is("(")) {
                    return j + 1;
                }
                int n = after(j + 1);
                if (tok(n).is("(")) {
                    return after(n);
                }
                if (typeStart(tok(n)) && !tok(n).is("{")) {
                    j = n;
                } else {
                    return n;
                }
            } else if (k.is("struct") || k.is("interface")) {
                return tok(j + 1).is("{") ? after(j + 1) : j + 1;
            } else if (k.kind() == Kind.IDENT && !GoScanner.KEYWORDS.contains(k.text())) {
                int n = j + 1;
                if (tok(n).is(".") && tok(n + 1).kind() == Kind.IDENT) {
                    n += 2;
                }
                if (tok(n).is("[")) {
                    n = after(n);
                }
                return n;
            } else {
                return j;
            }
            if (j >= t.size() - 1) {
                return j;
            }
        }
    }
}
