package dev.perfwarden.engine.model;

import dev.perfwarden.facts.core.Evidence;

import dev.perfwarden.facts.symbols.Symbols;
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
 *       site; instances of one generic function included) merge: the copy with the highest cost is the finding (ties: the highest
 *       severity, then the shortest function name, usually the declaring one), the others' functions are
 *       listed in {@link Finding#inlinedInto()}, the evidence of all is kept (the chosen copy's first, then the
 *       others' in {@link #EVIDENCE} order), and the fingerprint stays the
 *       chosen copy's own, so that a new caller inlining the site does not change it.</li>
 * </ol>
 * Copies in test code ({@link TestCode}: {@code TestXxx}, {@code BenchmarkXxx}, … and their closures) are left out
 * when the site has a copy elsewhere: a module line inlined into a benchmark's loop is not "in a loop" of the
 * module, and its severity there is not the module's. A site found only in test code keeps a test function's
 * name, and the test-code filter hides it.
 * Instances of a generic function are weighed apart (a rule that names one, such as {@code pkg.F[go.shape.int]}
 * or the dictionary wrapper {@code pkg.F[int]}, is weighed by that instance's own samples) but one site is one
 * finding: the instance with the highest cost leads, the other instances' evidence is kept and their names are not
 * listed as functions the site was inlined into. A finding without file
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
                    : List.of(f.rule(), "site", f.file(), f.line(), f.column());
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
                .thenComparing(Finding::symbol)
                .thenComparing(Finding::message)
                .thenComparing(f -> f.evidence().size())
                .thenComparing(f -> evidenceKey(f.evidence()));
        g.sort(rank);
        Finding best = g.get(0);
        LinkedHashSet<Evidence> ev = new LinkedHashSet<>(best.evidence());
        TreeSet<String> others = new TreeSet<>();
        Severity severity = best.severity();
        List<Evidence> rest = new ArrayList<>();
        for (Finding f : g.subList(1, g.size())) {
            rest.addAll(f.evidence());
            // another instance of the chosen function (F[int] beside F[go.shape.int]) is not a function the site was
            // inlined into: its evidence is kept, its name is not listed
            if (!f.symbol().equals(best.symbol()) && !sameFunction(f.symbol(), best.symbol())) {
                others.add(f.symbol());
            }
            if (f.severity().atLeast(severity)) {
                severity = f.severity();
            }
        }
        rest.sort(EVIDENCE);
        ev.addAll(rest);
        return new Finding(best.rule(), best.pack(), severity, best.symbol(), best.file(), best.line(),
                best.column(), best.message(), List.copyOf(ev), siteFingerprint(g), best.cost(),
                List.copyOf(others));
    }

    /**
     * The fingerprint of a site with copies in several functions: the one of the copy first by what the code is,
     * never by what a profile measured (which copy leads depends on the samples, and two runs rank inlined copies
     * and generic instances differently): the shortest site key (usually the declaring function), then the site
     * key, then the smallest fingerprint. Instances of one function whose evidence differs only by shapes already
     * share it ({@link Fingerprints#normalise}).
     */
    static String siteFingerprint(List<Finding> copies) {
        return copies.stream().min(FINGERPRINT_COPY).orElseThrow().fingerprint();
    }

    private static final Comparator<Finding> FINGERPRINT_COPY = Comparator
            .comparingInt((Finding f) -> Symbols.collapseTypeArgs(f.symbol()).length())
            .thenComparing(f -> Symbols.collapseTypeArgs(f.symbol()))
            .thenComparing(Finding::fingerprint);

    /**
     * The order of the other copies' evidence after the chosen copy's own (which keeps its rule's order): by
     * input kind, then input name and line, then the line's reference or text. It depends on what the evidence
     * is, never on the order the rules or sessions produced the copies (one session over all facts, or one per
     * package, give the same list).
     */
    static final Comparator<Evidence> EVIDENCE = Comparator.comparing(Evidence::input)
            .thenComparing(e -> e.at() == null ? "" : e.at().input())
            .thenComparingLong(e -> e.at() == null ? -1 : e.at().line())
            .thenComparing(e -> e.ref() != null ? e.ref().toString() : e.text());

    private static String evidenceKey(List<Evidence> evidence) {
        StringBuilder b = new StringBuilder();
        for (Evidence e : evidence) {
            b.append(e.input()).append('|').append(e.at() == null ? "" : e.at().format()).append('|')
                    .append(e.ref() != null ? e.ref().toString() : e.text()).append('\n');
        }
        return b.toString();
    }

    /** Whether two symbols name instances of one generic function (or one function): equal site keys. */
    static boolean sameFunction(String a, String b) {
        return Symbols.collapseTypeArgs(a).equals(Symbols.collapseTypeArgs(b));
    }
}
