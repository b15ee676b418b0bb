package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.runtime.RuntimeFunctions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loop membership from the control-flow graph of one function's machine code: basic blocks from the
 * branch instructions, dominators (Cooper, Harvey and Kennedy's iterative algorithm over reverse
 * post-order), and for every back edge {@code n → h} whose target {@code h} dominates its source
 * {@code n} the natural loop: {@code h} and every block that reaches {@code n} without passing
 * {@code h}. Code the compiler laid out between a loop's blocks but that no path leads back from
 * (a return after the loop, an error exit) is not in the loop, whatever its address.
 *
 * <p>Edges: a conditional jump goes to its target and falls through; {@code JMP} goes to its target
 * only; {@code RET}, {@code UD2}/{@code UNDEF}, {@code INT $3}, a jump out of the function (a tail call)
 * and a call of a runtime function that never returns (panics, bounds failures, {@code throw}) end a
 * path. An indirect jump ({@code JMP AX}, a jump table) is given every block that nothing else
 * jumps or falls into as a successor. The stack-growth retry ({@code CALL runtime.morestack*} then a
 * jump back to the entry) is no edge. A retreating edge whose target does not dominate its source
 * (an irreducible loop, only possible with {@code goto}) makes no loop. Branch syntax is amd64's (and
 * 386's): {@code J*} and {@code LOOP*}; other architectures get no loops.
 */
final class LoopFinder {
    private static final int MORESTACK_WINDOW = 12;

    private final AsmBody body;
    private final List<Insn> in;
    /** Indices (into {@code in}) of real instructions. */
    private final int[] real;
    private int[] blockOf;      // per real index → block
    private int[] insnBlock;    // per instruction (pseudo-ops too) → block
    private int[] blockStart;   // per block → first real index
    private int blocks;
    private List<int[]> succ;   // per block
    private List<List<Integer>> pred; // per reachable block
    private int backEdges;
    /** Per natural loop (the back edges to one header merged): its header block and its blocks. */
    private final List<Integer> headers = new ArrayList<>();
    private final List<boolean[]> bodies = new ArrayList<>();
    /** Per block ending in a call that never returns: the loop blocks its failing branch leaves from. */
    private final Map<Integer, List<Integer>> guardEntries = new LinkedHashMap<>();

    LoopFinder(AsmBody body) {
        this.body = body;
        this.in = body.insns;
        int n = 0;
        for (Insn x : in) {
            if (!x.pseudo) {
                n++;
            }
        }
        real = new int[n];
        int k = 0;
        for (int i = 0; i < in.size(); i++) {
            if (!in.get(i).pseudo) {
                real[k++] = i;
            }
        }
    }

    /** Marks {@link Insn#inLoop} on every instruction and returns the number of loop back edges. */
    int run() {
        for (Insn x : in) {
            x.inLoop = false;
            x.guardsLoop = false;
        }
        if (real.length == 0) {
            return 0;
        }
        buildBlocks();
        boolean[] loop = loops();
        insnBlock = new int[in.size()];
        int r = -1;
        for (int i = 0; i < in.size(); i++) {
            Insn x = in.get(i);
            if (!x.pseudo) {
                r++;
            }
            // a pseudo-op belongs to the block of the real instruction before it (or the first block)
            insnBlock[i] = blockOf[Math.max(r, 0)];
            x.inLoop = loop[insnBlock[i]];
        }
        markGuards(loop);
        return backEdges;
    }

    // ---------------------------------------------------------------- blocks and edges

    private void buildBlocks() {
        long[] target = new long[real.length];
        numberBlocks(leaders(target));
        List<List<Integer>> s = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            s.add(new ArrayList<>(2));
        }
        addIndirectEdges(edges(target, s), s);
        succ = new ArrayList<>(blocks);
        for (List<Integer> l : s) {
            succ.add(l.stream().mapToInt(Integer::intValue).distinct().toArray());
        }
    }

    /** Which real instructions start a block; fills {@code target} with each branch's target address. */
    private boolean[] leaders(long[] target) {
        int n = real.length;
        long start = body.start();
        boolean[] leader = new boolean[n];
        leader[0] = true;
        for (int k = 0; k < n; k++) {
            Insn x = in.get(real[k]);
            target[k] = Long.MIN_VALUE;
            if (AsmAnalyzer.isBranch(x.op)) {
                target[k] = AsmAnalyzer.target(body, x.args, start);
                int t = indexOf(target[k]);
                if (t >= 0) {
                    leader[t] = true;
                }
            }
            if ((ends(x) || AsmAnalyzer.isBranch(x.op)) && k + 1 < n) {
                leader[k + 1] = true;
            }
        }
        return leader;
    }

    private void numberBlocks(boolean[] leader) {
        int n = real.length;
        blockOf = new int[n];
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (leader[k]) {
                starts.add(k);
            }
            blockOf[k] = starts.size() - 1;
        }
        blocks = starts.size();
        blockStart = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds each block's jump and fall-through edges to {@code s}; returns the blocks ending in an indirect jump. */
    private boolean[] edges(long[] target, List<List<Integer>> s) {
        int n = real.length;
        boolean[] indirect = new boolean[blocks];
        for (int b = 0; b < blocks; b++) {
            int last = (b + 1 < blocks ? blockStart[b + 1] : n) - 1;
            Insn x = in.get(real[last]);
            boolean branch = AsmAnalyzer.isBranch(x.op);
            if (branch) {
                int t = indexOf(target[last]);
                if (t >= 0 && !(t == 0 && morestackRetry(last))) {
                    s.get(b).add(blockOf[t]);
                } else if (t < 0 && isIndirect(x.args)) {
                    indirect[b] = true;
                }
            }
            boolean falls = !ends(x) && !(branch && x.op.equals("JMP"));
            if (falls && last + 1 < n) {
                s.get(b).add(b + 1);
            }
        }
        return indirect;
    }

    /** An indirect jump may go to every block that nothing else jumps or falls into (before these edges). */
    private void addIndirectEdges(boolean[] indirect, List<List<Integer>> s) {
        boolean any = false;
        for (boolean i : indirect) {
            any |= i;
        }
        if (!any) {
            return;
        }
        boolean[] hasPred = new boolean[blocks];
        for (List<Integer> l : s) {
            for (int t : l) {
                hasPred[t] = true;
            }
        }
        for (int b = 0; b < blocks; b++) {
            if (indirect[b]) {
                for (int t = 1; t < blocks; t++) {
                    if (!hasPred[t]) {
                        s.get(b).add(t);
                    }
                }
            }
        }
    }

    /** Real-instruction index of the instruction at {@code address}; -1 when none starts there. */
    private int indexOf(long address) {
        if (address == Long.MIN_VALUE) {
            return -1;
        }
        int lo = 0;
        int hi = real.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (in.get(real[mid]).address < address) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < real.length && in.get(real[lo]).address == address ? lo : -1;
    }

    /** An instruction after which no path continues in this function. */
    private static boolean ends(Insn x) {
        String op = x.op;
        if (op.equals("RET") || op.equals("UD2") || op.equals("UNDEF") || op.equals("INT") && x.args.equals("$0x3")
                || op.equals("INT") && x.args.equals("$3")) {
            return true;
        }
        if (op.equals("CALL") && x.args.endsWith("(SB)")) {
            String callee = AsmAnalyzer.stripOffset(x.args.substring(0, x.args.length() - 4));
            int abi = callee.indexOf('<');
            if (abi > 0) {
                callee = callee.substring(0, abi);
            }
            if (RuntimeFunctions.isRuntime(callee)) {
                String c = RuntimeFunctions.category(callee);
                return c.equals(RuntimeCall.BOUNDS_PANIC) || c.equals(RuntimeCall.PANIC);
            }
        }
        return false;
    }

    private static boolean isIndirect(String args) {
        return AsmAnalyzer.isRegister(args) || args.endsWith(")") && !args.endsWith("(SB)");
    }

    /** The jump back to the entry after {@code CALL runtime.morestack*}: a retry, not a loop. */
    private boolean morestackRetry(int k) {
        int seen = 0;
        for (int j = k - 1; j >= 0 && seen < MORESTACK_WINDOW; j--, seen++) {
            Insn p = in.get(real[j]);
            if (p.op.equals("CALL") && p.args.startsWith("runtime.morestack")) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- the calls of each loop

    /**
     * One natural loop (the back edges to one header merged) that makes calls, as indices into the
     * instructions: its header's first instruction, every call in its blocks (those of loops nested in it
     * too), and every call that never returns whose failing branch leaves from this loop and from no loop
     * nested in it (for a bounds check: this is the innermost loop that runs it).
     */
    record LoopCalls(int header, List<Integer> calls, List<Integer> checks) {
    }

    /** The loops that make calls, after {@link #run()}; loops without a call are left out. */
    List<LoopCalls> loopCalls() {
        List<LoopCalls> out = new ArrayList<>();
        if (headers.isEmpty()) {
            return out;
        }
        List<List<Integer>> checks = innermostChecks();
        for (int k = 0; k < headers.size(); k++) {
            boolean[] body = bodies.get(k);
            List<Integer> calls = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                Insn x = in.get(i);
                if (!x.pseudo && body[insnBlock[i]] && isCall(x.op)) {
                    calls.add(i);
                }
            }
            if (!calls.isEmpty()) {
                out.add(new LoopCalls(real[blockStart[headers.get(k)]], List.copyOf(calls), List.copyOf(checks.get(k))));
            }
        }
        return out;
    }

    /** A call instruction; {@code -S} writes the calls into Duff's device as {@code DUFFZERO}/{@code DUFFCOPY}. */
    static boolean isCall(String op) {
        return op.equals("CALL") || op.equals("DUFFZERO") || op.equals("DUFFCOPY");
    }

    /** Per loop, the never-returning calls whose failing branch leaves from it and from no loop nested in it. */
    private List<List<Integer>> innermostChecks() {
        int[] size = new int[headers.size()];
        for (int k = 0; k < size.length; k++) {
            for (boolean b : bodies.get(k)) {
                size[k] += b ? 1 : 0;
            }
        }
        List<List<Integer>> checks = new ArrayList<>(size.length);
        for (int k = 0; k < size.length; k++) {
            checks.add(new ArrayList<>(1));
        }
        for (Map.Entry<Integer, List<Integer>> e : guardEntries.entrySet()) {
            int b = e.getKey();
            int call = real[(b + 1 < blocks ? blockStart[b + 1] : real.length) - 1];
            for (int p : e.getValue()) {
                // natural loops with different headers are nested or disjoint: the smallest one holding p is innermost
                int best = -1;
                for (int k = 0; k < size.length; k++) {
                    if (bodies.get(k)[p] && (best < 0 || size[k] < size[best])) {
                        best = k;
                    }
                }
                if (best >= 0 && !checks.get(best).contains(call)) {
                    checks.get(best).add(call);
                }
            }
        }
        return checks;
    }

    /**
     * A kept check's branch, as indices into the instructions: the never-returning call, the loop block's
     * conditional branch that leads there, the compare or test just before it (-1: none), and the instruction run
     * when the check passes (-1: none).
     */
    record Guard(int call, int branch, int compare, int next) {
    }

    /** Per never-returning call entered from a loop ({@link #markGuards}), the loop blocks' branches that lead there. */
    List<Guard> guards() {
        List<Guard> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : guardEntries.entrySet()) {
            int b = e.getKey();
            int call = real[(b + 1 < blocks ? blockStart[b + 1] : real.length) - 1];
            for (int p : e.getValue()) {
                int last = (p + 1 < blocks ? blockStart[p + 1] : real.length) - 1;
                Insn x = in.get(real[last]);
                if (!AsmAnalyzer.isBranch(x.op) || x.op.equals("JMP")) {
                    continue;
                }
                int t = indexOf(AsmAnalyzer.target(body, x.args, body.start()));
                // JBE fail: the check passes by falling through; JA ok (then JMP fail): by jumping
                int next = t >= 0 && leadsOnlyTo(blockOf[t], b) ? last + 1 : t;
                Insn c = last > blockStart[p] ? in.get(real[last - 1]) : null;
                boolean flags = c != null && (c.op.startsWith("CMP") || c.op.startsWith("TEST"));
                out.add(new Guard(call, real[last], flags ? real[last - 1] : -1,
                        next >= 0 && next < real.length ? real[next] : -1));
            }
        }
        return out;
    }

    /** Whether block {@code t} is {@code b} or leads only there (blocks of one successor outside any loop). */
    private boolean leadsOnlyTo(int t, int b) {
        for (int seen = 0; seen < blocks; seen++) {
            if (t == b) {
                return true;
            }
            if (succ.get(t).length != 1) {
                return false;
            }
            t = succ.get(t)[0];
        }
        return false;
    }

    // ---------------------------------------------------------------- dominators and loops

    private boolean[] loops() {
        int[] rpo = reversePostOrder();
        int[] order = new int[blocks];      // block → position in rpo, -1 unreachable
        Arrays.fill(order, -1);
        for (int i = 0; i < rpo.length; i++) {
            order[rpo[i]] = i;
        }
        pred = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            pred.add(new ArrayList<>(2));
        }
        for (int b = 0; b < blocks; b++) {
            if (order[b] >= 0) {
                for (int t : succ.get(b)) {
                    pred.get(t).add(b);
                }
            }
        }
        int[] idom = new int[blocks];
        Arrays.fill(idom, -1);
        idom[rpo[0]] = rpo[0];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < rpo.length; i++) {
                int b = rpo[i];
                int d = -1;
                for (int p : pred.get(b)) {
                    if (idom[p] >= 0) {
                        d = d < 0 ? p : intersect(p, d, idom, order);
                    }
                }
                if (d >= 0 && idom[b] != d) {
                    idom[b] = d;
                    changed = true;
                }
            }
        }
        boolean[] inLoop = new boolean[blocks];
        for (int u : rpo) {
            for (int h : succ.get(u)) {
                if (dominates(h, u, idom)) {
                    backEdges++;
                    int k = headers.indexOf(h);
                    if (k < 0) {
                        k = headers.size();
                        headers.add(h);
                        bodies.add(new boolean[blocks]);
                    }
                    markBody(h, u, pred, bodies.get(k));
                }
            }
        }
        for (boolean[] body : bodies) {
            for (int b = 0; b < blocks; b++) {
                inLoop[b] |= body[b];
            }
        }
        return inLoop;
    }

    /**
     * A block that ends in a call that never returns (the failing branch of a bounds check, a panic) is never
     * in a loop itself; its call {@link Insn#guardsLoop guards} a loop when a block inside one branches or
     * falls into it, directly or through blocks that lead only there: the check that leads there runs on every
     * iteration.
     */
    private void markGuards(boolean[] loop) {
        for (int b = 0; b < blocks; b++) {
            int last = (b + 1 < blocks ? blockStart[b + 1] : real.length) - 1;
            Insn x = in.get(real[last]);
            if (!x.op.equals("CALL") || !ends(x) || loop[b]) {
                continue;
            }
            List<Integer> from = enteredFromLoop(b, loop);
            x.guardsLoop = !from.isEmpty();
            if (x.guardsLoop) {
                guardEntries.put(b, from);
            }
        }
    }

    /**
     * The loop blocks that lead to {@code b} through blocks outside the loop that lead nowhere else
     * (Go lays a check out as {@code Jcc ok} then {@code JMP fail}, or jumps straight to the failing block).
     */
    private List<Integer> enteredFromLoop(int b, boolean[] loop) {
        boolean[] seen = new boolean[blocks];
        List<Integer> from = new ArrayList<>(1);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.push(b);
        seen[b] = true;
        while (!work.isEmpty()) {
            for (int p : pred.get(work.pop())) {
                if (seen[p]) {
                    continue;
                }
                seen[p] = true;
                if (loop[p]) {
                    from.add(p);
                } else if (succ.get(p).length == 1) {
                    work.push(p);
                }
            }
        }
        return from;
    }

    private int[] reversePostOrder() {
        int[] post = new int[blocks];
        int count = 0;
        boolean[] seen = new boolean[blocks];
        int[] next = new int[blocks];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(0);
        seen[0] = true;
        while (!stack.isEmpty()) {
            int b = stack.peek();
            int[] s = succ.get(b);
            if (next[b] < s.length) {
                int t = s[next[b]++];
                if (!seen[t]) {
                    seen[t] = true;
                    stack.push(t);
                }
            } else {
                stack.pop();
                post[count++] = b;
            }
        }
        int[] rpo = new int[count];
        for (int i = 0; i < count; i++) {
            rpo[i] = post[count - 1 - i];
        }
        return rpo;
    }

    private static int intersect(int a, int b, int[] idom, int[] order) {
        while (a != b) {
            while (order[a] > order[b]) {
                a = idom[a];
            }
            while (order[b] > order[a]) {
                b = idom[b];
            }
        }
        return a;
    }

    private static boolean dominates(int h, int u, int[] idom) {
        int x = u;
        while (true) {
            if (x == h) {
                return true;
            }
            if (idom[x] == x || idom[x] < 0) {
                return false;
            }
            x = idom[x];
        }
    }

    /** The natural loop of back edge {@code u → h}: {@code h} and every block reaching {@code u} without passing {@code h}. */
    private static void markBody(int h, int u, List<List<Integer>> pred, boolean[] inLoop) {
        boolean[] seen = new boolean[inLoop.length];
        seen[h] = true;
        inLoop[h] = true;
        ArrayDeque<Integer> work = new ArrayDeque<>();
        if (!seen[u]) {
            seen[u] = true;
            work.push(u);
        }
        while (!work.isEmpty()) {
            int b = work.pop();
            inLoop[b] = true;
            for (int p : pred.get(b)) {
                if (!seen[p]) {
                    seen[p] = true;
                    work.push(p);
                }
            }
        }
    }
}
