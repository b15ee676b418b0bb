package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.source.GoScanner.Kind;
import dev.perfwarden.facts.source.GoScanner.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@link LoopExit}s of a run: for every line where a loop of the machine code calls an allocator
 * ({@link RuntimeCall} of category {@code alloc}, {@code inLoop}) in a file of an index, the statement lists
 * (a block's statements, or a {@code case} clause's) around that line, inside the innermost {@code for} loop
 * around it, whose last statement leaves a loop. Only the files holding such lines are read ({@link GoScanner});
 * a file that cannot be read gives no fact.
 *
 * <p>Syntax only, by tokens: a block is a {@code { }} that follows a statement keyword ({@code for}, {@code if},
 * {@code else}, {@code switch}, {@code select}), a function literal's signature ({@link GoFileParser}), or starts
 * a statement; any other brace is a composite literal. Recognised exits: {@code return …}; {@code panic(…)} (the
 * name, not the builtin: a function or variable named {@code panic} counts too); {@code break} whose innermost
 * {@code for}/{@code switch}/{@code select} is a loop, or {@code break L} naming an enclosing loop's label;
 * {@code goto L} to a label after a loop (a label before it is a jump back, not out; a {@code goto} back to a label
 * before the loop counts as an enclosing loop); {@code X = false} in {@code for X {} and {@code X = true} in
 * {@code for !X {} when every other use of {@code X} in the loop body is a read or the same assignment (no
 * {@code X :=}, {@code &X}, {@code var X}, no {@code X} in a list of several). A list is left out when, before
 * its last statement, it holds a {@code goto}, a label, a labelled {@code break}/{@code continue}, or a
 * {@code break}/{@code continue} not inside a loop (or switch, for {@code break}) of its own; and the line is
 * left out when it lies inside a loop or function literal nested in the list. Not seen: a flag that a called
 * function or a closure sets, an exit that is not the list's last statement ({@code if c { break }} then more).
 */
public final class LoopExits {
    private static final int LIT = 1;
    private static final int BLOCK = 2;
    private static final int FOR = 3;
    private static final int SWITCH = 4;
    private static final int FUNC = 5;

    private LoopExits() {
    }

    /** The facts for the in-loop allocator lines among {@code facts} (module-relative files), from {@code indexes}. */
    public static List<LoopExit> of(List<? extends Fact> facts, List<GoSourceIndex> indexes) {
        List<LoopExit> out = new ArrayList<>();
        RuntimeCallLines.read(RuntimeCallLines.of(facts, RuntimeCall.ALLOC, true), indexes,
                (file, idx, src, lines) -> out.addAll(scan(file, src, lines)));
        return out;
    }

    /** The loop exits of one file around {@code lines}, each once. */
    static List<LoopExit> scan(String rel, byte[] src, Set<Integer> lines) {
        Scan s = new Scan(rel, GoScanner.scan(src));
        Set<LoopExit> out = new LinkedHashSet<>();
        Map<Integer, Integer> firstOnLine = new HashMap<>();
        for (int i = 0; i < s.t.size(); i++) {
            Token k = s.t.get(i);
            if (k.kind() != Kind.SEMI && k.kind() != Kind.EOF) {
                firstOnLine.putIfAbsent(k.line(), i);
            }
        }
        for (int line : new TreeSet<>(lines)) {
            Integer p = firstOnLine.get(line);
            if (p != null) {
                s.around(p, line, out);
            }
        }
        return List.copyOf(out);
    }

    /** A statement list: tokens [from, to) of frame {@code frame}, opened by token {@code opener}. */
    private record Stmts(int frame, int from, int to, int opener) {
    }

    /** The token walk over one file. */
    private static final class Scan {
        final String rel;
        final List<Token> t;
        final int[] match;
        final int[] enclosing;
        final int[] kind;
        final Map<Integer, Integer> forKeyword = new HashMap<>();
        final Map<Integer, String> forLabel = new HashMap<>();

        Scan(String rel, List<Token> tokens) {
            this.rel = rel;
            this.t = tokens;
            GoFileParser parser = new GoFileParser(rel, tokens);
            this.match = parser.brackets();
            this.enclosing = new int[t.size()];
            this.kind = new int[t.size()];
            java.util.Deque<Integer> open = new java.util.ArrayDeque<>();
            for (int i = 0; i < t.size(); i++) {
                Token k = t.get(i);
                if (k.is("}") && !open.isEmpty()) {
                    open.pop();
                }
                enclosing[i] = open.isEmpty() ? -1 : open.peek();
                if (k.is("{") && match[i] > i) {
                    open.push(i);
                }
            }
            for (int i = 0; i < t.size(); i++) {
                classify(i, parser);
            }
        }

        private Token tok(int i) {
            return i >= 0 && i < t.size() ? t.get(i) : t.get(t.size() - 1);
        }

        private boolean statementStart(int i) {
            Token b = tok(i - 1);
            return i == 0 || b.kind() == Kind.SEMI || b.is("{") || b.is(":") || b.is("else");
        }

        private void classify(int i, GoFileParser parser) {
            Token k = t.get(i);
            if (k.is("func") && enclosing[i] >= 0) {
                int b = parser.literalBody(i);
                if (b > i && kind[b] == 0) {
                    kind[b] = FUNC;
                }
            } else if ((k.is("for") || k.is("if") || k.is("switch") || k.is("select")) && statementStart(i)) {
                int b = body(i);
                if (b > i && kind[b] == 0) {
                    kind[b] = k.is("for") ? FOR : k.is("if") ? BLOCK : SWITCH;
                    if (k.is("for")) {
                        forKeyword.put(b, i);
                        if (i >= 2 && tok(i - 1).is(":") && tok(i - 2).isIdent()) {
                            forLabel.put(b, tok(i - 2).text());
                        }
                    }
                }
            } else if (k.is("{") && kind[i] == 0) {
                int up = enclosing[i];
                boolean lit = up >= 0 && kind[up] == LIT;
                boolean start = tok(i - 1).kind() == Kind.SEMI || tok(i - 1).is("{") || tok(i - 1).is("else")
                        || tok(i - 1).is(":") && up >= 0 && kind[up] == SWITCH;
                kind[i] = up < 0 ? FUNC : !lit && start ? BLOCK : LIT; // top level: a declaration's body
            }
        }

        /** The body brace of the statement whose keyword is token {@code i}, or -1. */
        private int body(int i) {
            int j = i + 1;
            while (j < t.size()) {
                Token k = t.get(j);
                if (k.kind() == Kind.EOF || k.is("}") || k.is(")") || k.is("]")) {
                    return -1;
                }
                if ((k.is("(") || k.is("[") || k.is("{")) && match[j] < j) {
                    return -1;
                }
                if (k.is("(") || k.is("[")) {
                    j = match[j] + 1;
                } else if (k.is("{")) {
                    if (!tok(match[j] + 1).is("{")) {
                        return j;
                    }
                    j = match[j] + 1; // a composite literal in the header, followed by the body
                } else {
                    j++;
                }
            }
            return -1;
        }

        /** The statement list holding token {@code p} (composite literals skipped), or null. */
        private Stmts list(int p) {
            int q = p;
            int f = enclosing[q];
            while (f >= 0 && kind[f] == LIT) {
                q = f;
                f = enclosing[f];
            }
            if (f < 0 || kind[f] == 0) {
                return null;
            }
            if (kind[f] != SWITCH) {
                return new Stmts(f, f + 1, match[f], f);
            }
            int colon = -1;
            int end = match[f];
            for (int j = f + 1; j < match[f]; j++) {
                Token k = t.get(j);
                if ((k.is("case") || k.is("default")) && enclosing[j] == f) {
                    if (j > q) {
                        end = j;
                        break;
                    }
                    colon = clauseColon(j);
                } else if ((k.is("(") || k.is("[") || k.is("{")) && match[j] > j) {
                    j = match[j];
                }
            }
            return colon < 0 || colon >= q ? null : new Stmts(f, colon + 1, end, colon);
        }

        private int clauseColon(int c) {
            for (int j = c + 1; j < t.size(); j++) {
                Token k = t.get(j);
                if (k.is(":")) {
                    return j;
                }
                if ((k.is("(") || k.is("[") || k.is("{")) && match[j] > j) {
                    j = match[j];
                } else if (k.is("}") || k.kind() == Kind.EOF) {
                    return -1;
                }
            }
            return -1;
        }

        /** The exits around token {@code p} (first of {@code line}): lists inside its innermost loop. */
        void around(int p, int line, Set<LoopExit> out) {
            Stmts s = list(p);
            while (s != null) {
                LoopExit x = exit(s);
                if (x != null && x.line() <= line && line <= x.endLine()) {
                    out.add(x);
                }
                if (kind[s.frame()] == FOR || kind[s.frame()] == FUNC) {
                    return; // further out the line is inside a nested loop or function
                }
                s = list(s.frame());
            }
        }

        /** The exit that list {@code s} ends in, or null. */
        private LoopExit exit(Stmts s) {
            int[] last = lastStatement(s);
            if (last == null || !clean(s, last[0])) {
                return null;
            }
            int a = last[0];
            int e = last[1];
            List<Integer> chain = chain(s.frame());
            int loop = -1;
            String how;
            Token k = t.get(a);
            if (k.is("return") || k.is("panic") && tok(a + 1).is("(") && match[a + 1] == e - 1) {
                how = k.is("return") ? LoopExit.RETURN : LoopExit.PANIC;
                for (int g : chain) {
                    loop = kind[g] == FOR ? g : loop;
                }
            } else if (k.is("break") && e - a <= 2) {
                how = LoopExit.BREAK;
                loop = breaks(chain, e - a == 2 ? tok(a + 1).text() : null);
            } else if (k.is("goto") && e - a == 2) {
                how = LoopExit.GOTO;
                loop = gotoLeaves(chain, tok(a + 1).text());
            } else if (e - a == 3 && k.isIdent() && tok(a + 1).is("=") && (tok(a + 2).is("false") || tok(a + 2).is("true"))) {
                how = LoopExit.FLAG;
                loop = flagLoop(chain, k.text(), tok(a + 2).text());
            } else {
                return null;
            }
            if (loop < 0) {
                return null;
            }
            int first = firstToken(s.from(), a);
            int from = t.get(first).line() == t.get(s.opener()).line() ? t.get(first).line() + 1 : t.get(first).line();
            int end = t.get(e - 1).line();
            int outer = jumpedBackOver(enclosing[chain.get(chain.size() - 1)], forKeyword.get(loop)) ? 1 : 0;
            for (int g : chain.subList(chain.indexOf(loop) + 1, chain.size())) {
                outer += kind[g] == FOR ? 1 : 0;
            }
            return from > end ? null : new LoopExit(rel, from, end, k.line(), how, t.get(forKeyword.get(loop)).line(),
                    outer);
        }

        /** The frames from {@code f} outwards up to (not including) a function literal's body. */
        private List<Integer> chain(int f) {
            List<Integer> out = new ArrayList<>();
            for (int g = f; g >= 0 && kind[g] != FUNC; g = enclosing[g]) {
                if (kind[g] == FOR || kind[g] == SWITCH || kind[g] == BLOCK) {
                    out.add(g);
                }
            }
            return out;
        }

        private int breaks(List<Integer> chain, String label) {
            for (int g : chain) {
                if (label == null && (kind[g] == FOR || kind[g] == SWITCH)) {
                    return kind[g] == FOR ? g : -1;
                }
                if (label != null && kind[g] == FOR && label.equals(forLabel.get(g))) {
                    return g;
                }
            }
            return -1;
        }

        /** The outermost loop of {@code chain} that does not hold the label {@code name}'s statement. */
        private int gotoLeaves(List<Integer> chain, String name) {
            int top = chain.isEmpty() ? -1 : chain.get(chain.size() - 1);
            int fn = top < 0 ? -1 : enclosing[top];
            int at = label(fn, name);
            int loop = -1;
            for (int g : chain) {
                if (kind[g] == FOR && at > match[g]) {
                    loop = g; // a label after the loop: a jump back before it would make a loop of its own
                }
            }
            return loop;
        }

        /** The token of label {@code name}'s statement in the function whose body is {@code fn}, or -1. */
        private int label(int fn, String name) {
            int to = fn < 0 ? t.size() : match[fn];
            for (int j = Math.max(fn, 0); j < to; j++) {
                if (t.get(j).isIdent() && t.get(j).text().equals(name) && tok(j + 1).is(":") && statementStart(j)) {
                    return j;
                }
            }
            return -1;
        }

        /** Whether a {@code goto} after token {@code kw} jumps back to a label before it (a loop around it). */
        private boolean jumpedBackOver(int fn, int kw) {
            int to = fn < 0 ? t.size() : match[fn];
            for (int j = kw; j < to; j++) {
                if (t.get(j).is("goto") && tok(j + 1).isIdent()) {
                    int at = label(fn, tok(j + 1).text());
                    if (at >= 0 && at < kw) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The innermost loop of {@code chain} when its condition is the flag and its body only sets it to leave. */
        private int flagLoop(List<Integer> chain, String flag, String value) {
            int loop = -1;
            for (int g : chain) {
                if (kind[g] == FOR) {
                    loop = g;
                    break;
                }
            }
            if (loop < 0) {
                return -1;
            }
            int kw = forKeyword.get(loop);
            boolean cond = value.equals("false") ? loop - kw == 2 && tok(kw + 1).text().equals(flag)
                    : loop - kw == 3 && tok(kw + 1).is("!") && tok(kw + 2).text().equals(flag);
            if (!cond || !tok(loop - 1).isIdent()) {
                return -1;
            }
            for (int j = loop + 1; j < match[loop]; j++) {
                Token k = t.get(j);
                if (!k.isIdent() || !k.text().equals(flag) || tok(j - 1).is(".")) {
                    continue;
                }
                Token next = tok(j + 1);
                boolean same = next.is("=") && statementStart(j) && tok(j + 2).is(value)
                        && (tok(j + 3).kind() == Kind.SEMI || tok(j + 3).is("}"));
                if (!same && (next.is("=") || next.is(":=") || next.is(",") || tok(j - 1).is("&")
                        || tok(j - 1).is("var") || tok(j - 1).is(","))) {
                    return -1;
                }
            }
            return loop;
        }

        /** [start, end) of the list's last statement, or null when the list is empty. */
        private int[] lastStatement(Stmts s) {
            int[] last = null;
            int j = s.from();
            while (j < s.to()) {
                if (t.get(j).kind() == Kind.SEMI) {
                    j++;
                    continue;
                }
                int a = j;
                if (t.get(a).isIdent() && tok(a + 1).is(":")) {
                    j = a + 2; // a label: its statement follows
                    last = null;
                    continue;
                }
                j = statementEnd(a, s.to());
                last = new int[] {a, j};
            }
            return last;
        }

        private int statementEnd(int a, int to) {
            int j = a;
            Token k = t.get(a);
            if (k.is("for") || k.is("if") || k.is("switch") || k.is("select")) {
                int b = body(a);
                j = b > a ? match[b] + 1 : a + 1;
                while (k.is("if") && tok(j).is("else")) {
                    int b2 = tok(j + 1).is("{") ? j + 1 : body(j + 1);
                    j = b2 > j ? match[b2] + 1 : j + 1;
                }
            }
            while (j < to && t.get(j).kind() != Kind.SEMI) {
                Token x = t.get(j);
                j = (x.is("(") || x.is("[") || x.is("{")) && match[j] > j ? match[j] + 1 : j + 1;
            }
            return Math.min(j, to);
        }

        private int firstToken(int from, int limit) {
            int j = from;
            while (j < limit && t.get(j).kind() == Kind.SEMI) {
                j++;
            }
            return j;
        }

        /** No jump or label in the list before its last statement (token {@code last}) that could skip it. */
        private boolean clean(Stmts s, int last) {
            for (int j = s.from(); j < last; j++) {
                Token k = t.get(j);
                boolean labelled = tok(j + 1).isIdent() && tok(j + 1).line() == k.line();
                if (k.is("goto") || k.isIdent() && tok(j + 1).is(":") && statementStart(j)
                        && enclosing[j] >= 0 && kind[enclosing[j]] != LIT) {
                    return false;
                }
                if ((k.is("continue") || k.is("break")) && (labelled || !nestedIn(j, s.frame(), k.is("break")))) {
                    return false;
                }
            }
            return true;
        }

        /** Token {@code j} lies in a loop (or, with {@code orSwitch}, a switch or select) nested in frame {@code f}. */
        private boolean nestedIn(int j, int f, boolean orSwitch) {
            for (int g = enclosing[j]; g >= 0 && g != f; g = enclosing[g]) {
                if (kind[g] == FOR || orSwitch && kind[g] == SWITCH) {
                    return true;
                }
            }
            return false;
        }
    }
}
