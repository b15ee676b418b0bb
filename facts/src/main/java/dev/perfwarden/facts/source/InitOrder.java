package dev.perfwarden.facts.source;

import dev.perfwarden.facts.source.GoSourceIndex.Decl;
import dev.perfwarden.facts.source.GoSourceIndex.VarSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Go spec's package initialization order: repeatedly the earliest variable in declaration order whose
 * initializer depends on no uninitialized variable (references through functions count).
 */
final class InitOrder {
    private InitOrder() {
    }

    /** {@code specs} in initialization order; {@code funcs} the package's functions by name (whose references count). */
    static List<VarSpec> of(List<VarSpec> specs, Map<String, Decl> funcs) {
        List<Set<Integer>> deps = dependencies(specs, funcs);
        List<VarSpec> order = new ArrayList<>(specs.size());
        boolean[] done = new boolean[specs.size()];
        for (int round = 0; round < specs.size(); round++) {
            int pick = firstReady(deps, done);
            if (pick < 0) { // a cycle (invalid Go): fall back to declaration order
                for (int i = 0; i < specs.size(); i++) {
                    if (!done[i]) {
                        pick = i;
                        break;
                    }
                }
            }
            done[pick] = true;
            order.add(specs.get(pick));
        }
        return order;
    }

    /** Per spec, the other specs its initializer reads, directly or through the functions it calls. */
    private static List<Set<Integer>> dependencies(List<VarSpec> specs, Map<String, Decl> funcs) {
        Map<String, Integer> specOfName = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            for (String n : specs.get(i).names) {
                specOfName.putIfAbsent(n, i);
            }
        }
        List<Set<Integer>> deps = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Set<Integer> d = new HashSet<>();
            Set<String> seenFuncs = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(specs.get(i).refs);
            while (!todo.isEmpty()) {
                String r = todo.pop();
                Integer s = specOfName.get(r);
                if (s != null) {
                    if (s != i) {
                        d.add(s);
                    }
                    continue;
                }
                Decl f = funcs.get(r);
                if (f != null && seenFuncs.add(r)) {
                    todo.addAll(f.refs);
                }
            }
            deps.add(d);
        }
        return deps;
    }

    /** The earliest spec not done whose dependencies are all done; -1 when none (a cycle). */
    private static int firstReady(List<Set<Integer>> deps, boolean[] done) {
        for (int i = 0; i < deps.size(); i++) {
            if (done[i]) {
                continue;
            }
            boolean ready = true;
            for (int d : deps.get(i)) {
                if (!done[d]) {
                    ready = false;
                    break;
                }
            }
            if (ready) {
                return i;
            }
        }
        return -1;
    }
}
