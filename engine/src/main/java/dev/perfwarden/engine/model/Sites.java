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
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One finding per site. The compiler reports a source site once per function its code ends up in: the
 * function that declares it, every function it was inlined into, every closure renamed by inlining
 * ({@code main.Recorder.func2} and {@code main.NewPipeline.Recorder.func2}). Those are one problem with one
 * fix, so they become one finding:
 * <ol>
 *   <li>findings of one rule at one site and in one function merge first: the highest severity and its
 *       message, the evidence of all (but of a copy in another test binary than the leading copy's, by the objdump
 *       input its evidence quotes, weighed on its machine instructions that hold no CPU sample: the same code linked
 *       into a binary never profiled says nothing more; of several copies with samples, the one with the highest cost
 *       leads: a site's cost is its hottest binary's);</li>
 *   <li>then the functions holding a copy of one site (same rule, file, line, column, and the same generic
 *       site; instances of one generic function included) merge: the copy with the highest cost is the finding (ties: the highest
 *       severity, then the copy whose function the CPU profile saw most ({@code functionWeight}: copies of a line
 *       weighed by the line all cost the same, and the copy that runs is the one to name), then the shortest
 *       function name, usually the declaring one), the others' functions are
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
 *
 * <p>Fingerprints: a finding may come in without one yet ({@link Fingerprints#LATER}, as the engine's weighing makes
 * them): the merged finding then gets the fingerprint {@link Finding#withEvidence} would have given the chosen copy
 * after step 1 (its rule, function and evidence), unless the caller says it will be hidden by where it is: a Go
 * standard library analysis makes some 19,000 findings outside the module for 115 it shows, and a fingerprint reads
 * every evidence line back from its input.
 */
public final class Sites {
    private Sites() {
    }

    public static List<Finding> merge(List<Finding> raw) {
        return merge(raw, f -> false);
    }

    /**
     * As {@link #merge(List)}; a merged finding that {@code hidden} accepts keeps {@link Fingerprints#LATER} in place
     * of a fingerprint it would have to compute (the caller hides it without reporting it).
     */
    public static List<Finding> merge(List<Finding> raw, Predicate<Finding> hidden) {
        return merge(raw, hidden, symbol -> 0);
    }

    /**
     * As {@link #merge(List, Predicate)}; among copies of one site at the same cost and severity, the one whose
     * function has the highest {@code functionWeight} (its share of the CPU samples, 0 when the profile never saw
     * it) leads, before the shortest name: a line inlined into a function no benchmark runs is not named after it
     * because its name is short.
     */
    public static List<Finding> merge(List<Finding> raw, Predicate<Finding> hidden,
                                      ToDoubleFunction<String> functionWeight) {
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
            out.add(copies.size() == 1 ? fingerprinted(copies.get(0), copies.get(0), hidden)
                    : mergeCopies(copies, hidden, functionWeight));
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
        // the evidence's text (a tie-break) made once per finding, not at every comparison that reaches it
        Map<Finding, String> evidenceText = new java.util.IdentityHashMap<>();
        Comparator<Finding> rank = Comparator.comparingInt((Finding f) -> f.severity().ordinal())
                .thenComparingDouble(f -> -f.cost().weight())
                .thenComparing(Finding::message)
                .thenComparing(f -> evidenceText.computeIfAbsent(f, x -> x.evidence().toString()));
        g.sort(rank);
        LinkedHashSet<Evidence> ev = new LinkedHashSet<>();
        Finding first = g.get(0);
        // the same code in several test binaries (scan: one per package) is one site: a copy in another binary than
        // the leading copy's (both quoting objdump), weighed on its own machine instructions that hold no CPU sample (a binary never profiled,
        // or whose profile never ran it), adds nothing but its address, so it gives no evidence (generic instances in
        // the leading copy's binary keep theirs)
        java.util.Set<String> leading = binaries(first);
        g.stream().filter(f -> f == first || !noSamplesAtItsInstructions(f) || leading.isEmpty()
                || binaries(f).isEmpty() || binaries(f).stream().anyMatch(leading::contains))
                .forEach(f -> ev.addAll(f.evidence()));
        if (first.fingerprint().equals(Fingerprints.LATER)) { // made after step 2, and only when shown
            return new Finding(first.rule(), first.pack(), first.severity(), first.symbol(), first.file(), first.line(),
                    first.column(), first.message(), List.copyOf(ev), Fingerprints.LATER, first.cost(),
                    first.inlinedInto(), first.related());
        }
        return first.withEvidence(List.copyOf(ev));
    }

    /** The objdump inputs a finding's evidence quotes: the test binaries its copy is in. */
    private static java.util.Set<String> binaries(Finding f) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Evidence e : f.evidence()) {
            if (e.input().equals("objdump") && e.at() != null) {
                out.add(e.at().input());
            }
        }
        return out;
    }

    /** A finding weighed on its machine instructions ({@link Scope#INSTRUCTION}) that hold no CPU sample. */
    private static boolean noSamplesAtItsInstructions(Finding f) {
        return f.cost().basis() == Scope.INSTRUCTION && (f.cost().cpuShare() == null || f.cost().cpuShare() == 0);
    }

    /**
     * {@code merged} with the fingerprint of {@code chosen} (the copy it is made of after step 1) when it has none yet
     * and {@code hidden} does not accept it.
     */
    private static Finding fingerprinted(Finding merged, Finding chosen, Predicate<Finding> hidden) {
        if (!merged.fingerprint().equals(Fingerprints.LATER) || hidden.test(merged)) {
            return merged;
        }
        return new Finding(merged.rule(), merged.pack(), merged.severity(), merged.symbol(), merged.file(),
                merged.line(), merged.column(), merged.message(), merged.evidence(),
                Fingerprints.of(chosen.rule(), chosen.symbol(), chosen.evidence()), merged.cost(), merged.inlinedInto(),
                merged.related());
    }

    private static Finding mergeCopies(List<Finding> g, Predicate<Finding> hidden,
                                       ToDoubleFunction<String> functionWeight) {
        Comparator<Finding> rank = Comparator.comparingDouble((Finding f) -> -f.cost().weight())
                .thenComparingInt(f -> f.severity().ordinal())
                .thenComparingDouble(f -> -functionWeight.applyAsDouble(f.symbol()))
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
        Finding merged = new Finding(best.rule(), best.pack(), severity, best.symbol(), best.file(), best.line(),
                best.column(), best.message(), List.copyOf(ev), best.fingerprint(), best.cost(),
                List.copyOf(others));
        if (!best.fingerprint().equals(Fingerprints.LATER)) {
            return withFingerprint(merged, siteFingerprint(g));
        }
        return hidden.test(merged) ? merged : withFingerprint(merged, siteFingerprint(g));
    }

    /**
     * The fingerprint of a site with copies in several functions: the one of the copy first by what the code is,
     * never by what a profile measured (which copy leads depends on the samples, and two runs rank inlined copies
     * and generic instances differently): the shortest site key (usually the declaring function), then the site
     * key, then the smallest fingerprint. Instances of one function whose evidence differs only by shapes already
     * share it ({@link Fingerprints#normalise}).
     */
    static String siteFingerprint(List<Finding> copies) {
        Finding first = copies.stream().min(BY_SITE_KEY).orElseThrow();
        // copies with the same site key (instances of one generic function) are told apart by their fingerprints,
        // made here for them only when the weighing left them to be made later (Fingerprints.LATER)
        return copies.stream().filter(f -> BY_SITE_KEY.compare(f, first) == 0).map(Sites::fingerprintOf)
                .min(Comparator.naturalOrder()).orElseThrow();
    }

    private static final Comparator<Finding> BY_SITE_KEY = Comparator
            .comparingInt((Finding f) -> Symbols.collapseTypeArgs(f.symbol()).length())
            .thenComparing(f -> Symbols.collapseTypeArgs(f.symbol()));

    /** A copy's fingerprint: its own, or when left for later the one {@link #fingerprinted} would give it. */
    private static String fingerprintOf(Finding f) {
        return f.fingerprint().equals(Fingerprints.LATER) ? Fingerprints.of(f.rule(), f.symbol(), f.evidence())
                : f.fingerprint();
    }

    private static Finding withFingerprint(Finding f, String fingerprint) {
        return new Finding(f.rule(), f.pack(), f.severity(), f.symbol(), f.file(), f.line(), f.column(), f.message(),
                f.evidence(), fingerprint, f.cost(), f.inlinedInto(), f.related());
    }

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
