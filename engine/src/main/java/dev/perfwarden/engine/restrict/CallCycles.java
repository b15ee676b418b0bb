package dev.perfwarden.engine.restrict;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The library functions that call themselves, directly or through others, each with a call path back to itself, in
 * time linear in the call graph: its strongly connected components (Tarjan's algorithm, without recursion), then one
 * breadth-first search inside a component per function named with its path, for at most {@link #PATHS} functions of
 * a component (the others are named with the component's size). attack2 probe 14: a search from every function,
 * visiting all it reaches, kept the restricted check busy for minutes on 20,000 functions in layers (no cycle at all).
 */
final class CallCycles {
    /** The functions of one component given a path of their own; a recursive group is refused either way. */
    static final int PATHS = 32;

    private CallCycles() {
    }

    /** Function → {@code "f -> g -> f"} for every function on a cycle of {@code calls}; {@code work[0]} counts steps. */
    static Map<String, String> of(Map<String, Set<String>> calls, long[] work) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> c : components(calls, work)) {
            Set<String> in = Set.copyOf(c);
            boolean self = c.size() == 1 && calls.getOrDefault(c.get(0), Set.of()).contains(c.get(0));
            if (c.size() == 1 && !self) {
                continue;
            }
            for (int i = 0; i < c.size(); i++) {
                String f = c.get(i);
                out.put(f, i < PATHS ? String.join(" -> ", pathBack(f, calls, in, work))
                        : f + " -> ... -> " + f + " (one of " + c.size() + " functions that call each other)");
            }
        }
        return out;
    }

    /** The shortest call path from {@code f} back to {@code f} inside its component {@code in}. */
    private static List<String> pathBack(String f, Map<String, Set<String>> calls, Set<String> in, long[] work) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(f));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : calls.getOrDefault(at, Set.of())) {
                work[0]++;
                if (next.equals(f)) {
                    List<String> path = new ArrayList<>();
                    for (String p = at; !p.equals(f); p = parent.get(p)) {
                        path.add(0, p);
                    }
                    path.add(0, f);
                    path.add(f);
                    return path;
                }
                if (in.contains(next) && !parent.containsKey(next)) {
                    parent.put(next, at);
                    queue.add(next);
                }
            }
        }
        return List.of(f, f); // not reached: f is on a cycle of its component
    }

    /** Strongly connected components of {@code calls}, each in discovery order (iterative Tarjan). */
    static List<List<String>> components(Map<String, Set<String>> calls, long[] work) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int counter = 0;
        for (String root : calls.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, java.util.Iterator<String>>> frames = new ArrayDeque<>();
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            frames.push(Map.entry(root, calls.getOrDefault(root, Set.of()).iterator()));
            while (!frames.isEmpty()) {
                String v = frames.peek().getKey();
                java.util.Iterator<String> it = frames.peek().getValue();
                if (it.hasNext()) {
                    String w = it.next();
                    work[0]++;
                    if (!calls.containsKey(w)) {
                        continue;
                    }
                    if (!index.containsKey(w)) {
                        index.put(w, counter);
                        low.put(w, counter++);
                        stack.push(w);
                        onStack.add(w);
                        frames.push(Map.entry(w, calls.getOrDefault(w, Set.of()).iterator()));
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String u = frames.peek().getKey();
                    low.put(u, Math.min(low.get(u), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> c = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        c.add(0, w);
                    } while (!w.equals(v));
                    out.add(c);
                }
            }
        }
        return out;
    }
}
