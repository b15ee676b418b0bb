package dev.perfwarden.engine.model;

import dev.perfwarden.facts.core.Evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One finding per site. The compiler reports a source site once per function its code ends up in: the
 * function that declares it, every function it was inlined into, every closure renamed by inlining
 * ({@code main.Recorder.func2} and {@code main.NewPipeline.Recorder.func2}). Those are one problem with one
 * fix, so they become one finding:
 * <ol>
 *   <li>findings of one rule at one site and in one function merge first: the highest severity and its
 *       message, the evidence of all;</li>
 *   <li>then the functions holding a copy of one site (same rule, file, line, column, and the same generic
 *       shape, see {@link #shape}) merge: the copy with the highest cost is the finding (ties: the highest
 *       severity, then the shortest function name, usually the declaring one), the others' functions are
 *       listed in {@link Finding#inlinedInto()}, the evidence of all is kept, and the fingerprint stays the
 *       chosen copy's own, so that a new caller inlining the site does not change it.</li>
 * </ol>
 * Copies in test code ({@link TestCode}: {@code TestXxx}, {@code BenchmarkXxx}, … and their closures) are left out
 * when the site has a copy elsewhere: a module line inlined into a benchmark's loop is not "in a loop" of the
 * module, and its severity there is not the module's. A site found only in test code keeps a test function's
 * name, and the test-code filter hides it.
 * Instances of a generic function are told apart by their shape: {@code pkg.F[go.shape.int]} and
 * {@code pkg.F[go.shape.interface {...}]} stay two findings, each with its own cost. A finding without file
 * or line, or outside a {@code .go} file (a contract clause), is only merged with findings of the same function and
 * the same message: a clause's verdicts for B/op and allocs/op of one benchmark are two findings. The result is in {@link Finding#RANK} order.
 */
public final class Sites {
    private Sites() {
    }

    public static List<Finding> merge(List<Finding> raw) {
        // 1. same rule, function and position
        Map<List<Object>, List<Finding>> same = new LinkedHashMap<>();
        List<Finding> ordered = new ArrayList<>(raw);
        ordered.sort(Finding.ORDER.thenComparing(f -> f.severity().ordinal()));
        for (Finding f : ordered) {
            // at a Go site, one rule's hits in one function are one problem seen twice (the -m text and its -json
            // twin); outside Go source (a contract clause) each message is its own verdict (B/op and allocs/op)
            same.computeIfAbsent(List.of(f.rule(), f.symbol(), f.file(), f.line(), f.column(),
                    goSite(f) ? "" : f.message()), k -> new ArrayList<>()).add(f);
        }
        List<Finding> perFunction = new ArrayList<>();
        for (List<Finding> g : same.values()) {
            perFunction.add(mergeSameFunction(g));
        }
        // 2. copies of one site in several functions
        Map<List<Object>, List<Finding>> sites = new LinkedHashMap<>();
        for (Finding f : perFunction) {
            // only Go source sites have inlined copies; a finding in another file (a contract clause, one per
            // benchmark or operation) stays one per function
            List<Object> key = !goSite(f)
                    ? List.of(f.rule(), "fn", f.symbol(), f.file(), f.line(), f.column(), f.message())
                    : List.of(f.rule(), "site", f.file(), f.line(), f.column(), shape(f.symbol()));
            sites.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> g : sites.values()) {
            // a copy inlined into test code measures the test: it neither makes the site visible nor hot while
            // a copy outside test code exists (a site only in test code stays, named after a test function, for
            // the test-code filter to hide and count)
            List<Finding> module = g.stream().filter(f -> !TestCode.isTestFunction(f.symbol())).toList();
            List<Finding> copies = module.isEmpty() ? g : new ArrayList<>(module);
            out.add(copies.size() == 1 ? copies.get(0) : mergeCopies(copies));
        }
        out.sort(Finding.RANK);
        return List.copyOf(out);
    }

    private static boolean goSite(Finding f) {
        return !f.file().isEmpty() && f.line() != 0 && f.file().endsWith(".go");
    }

    private static Finding mergeSameFunction(List<Finding> g) {
        if (g.size() == 1) {
            return g.get(0);
        }
        Comparator<Finding> rank = Comparator.comparingInt((Finding f) -> f.severity().ordinal())
                .thenComparing(f -> -f.cost().weight())
                .thenComparing(Finding::message)
                .thenComparing(f -> f.evidence().toString());
        g.sort(rank);
        LinkedHashSet<Evidence> ev = new LinkedHashSet<>();
        g.forEach(f -> ev.addAll(f.evidence()));
        return g.get(0).withEvidence(List.copyOf(ev));
    }

    private static Finding mergeCopies(List<Finding> g) {
        Comparator<Finding> rank = Comparator.comparingDouble((Finding f) -> -f.cost().weight())
                .thenComparingInt(f -> f.severity().ordinal())
                .thenComparingInt(f -> f.symbol().length())
                .thenComparing(Finding::symbol);
        g.sort(rank);
        Finding best = g.get(0);
        LinkedHashSet<Evidence> ev = new LinkedHashSet<>(best.evidence());
        TreeSet<String> others = new TreeSet<>();
        Severity severity = best.severity();
        for (Finding f : g.subList(1, g.size())) {
            ev.addAll(f.evidence());
            if (!f.symbol().equals(best.symbol())) {
                others.add(f.symbol());
            }
            if (f.severity().atLeast(severity)) {
                severity = f.severity();
            }
        }
        return new Finding(best.rule(), best.pack(), severity, best.symbol(), best.file(), best.line(),
                best.column(), best.message(), List.copyOf(ev), best.fingerprint(), best.cost(),
                List.copyOf(others));
    }

    /**
     * The generic shape of a function symbol: the bracketed type arguments of its first bracketed
     * element ({@code go.shape.int} in {@code pkg.Map[go.shape.int,go.shape.string].func1}), {@code ""} for a
     * non-generic function. pprof and the runtime print every instance as {@code [...]}, which is its own
     * shape here: such findings merge with each other only.
     */
    public static String shape(String symbol) {
        int open = symbol.indexOf('[');
        if (open < 0) {
            return "";
        }
        int depth = 0;
        for (int i = open; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return symbol.substring(open + 1, i);
            }
        }
        return symbol.substring(open + 1);
    }
}
