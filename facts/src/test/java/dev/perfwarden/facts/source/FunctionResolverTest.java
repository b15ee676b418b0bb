package dev.perfwarden.facts.source;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.Located;
import dev.perfwarden.facts.escape.Captures;
import dev.perfwarden.facts.escape.Captures.Capture;
import dev.perfwarden.facts.escape.ClosureCapture;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.escape.EscapeTextParser;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.logopt.json.LogoptJsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionResolverTest {
    private static final Path ROOT = Captures.root();
    private static final Path T1 = ROOT.resolve("testdata/corpus/go1.19/t1");
    private static final Path NM_SRC = Captures.resources().resolve("nm");

    private static List<Fact> text(Path file) {
        return Captures.parse(new EscapeTextParser(), file).facts();
    }

    private static List<Fact> json(Path tree) {
        List<Fact> out = new ArrayList<>();
        for (Path f : Captures.files(tree)) {
            out.addAll(Captures.parse(new LogoptJsonParser(), f, tree.relativize(f).toString()).facts());
        }
        return out;
    }

    private static <T extends Located> T find(List<Fact> facts, Class<T> type, Predicate<T> p) {
        List<T> hits = facts.stream().filter(type::isInstance).map(type::cast).filter(p).collect(Collectors.toList());
        assertThat(hits).as("facts matching").isNotEmpty();
        return hits.get(0);
    }

    private static Predicate<Located> at(String file, int line, int col) {
        return l -> l.file().equals(file) && l.line() == line && l.col() == col;
    }

    @Test
    void closuresMethodsAndInlinedCopiesInTheGo119Corpus() {
        List<Fact> r = FunctionResolver.resolve(text(T1.resolve("m2.txt")), List.of(T1));
        // a method's receiver
        assertThat(find(r, EscapeFact.class, e -> at("esc.go", 11, 7).test(e)).symbol()).isEqualTo("main.(*T).M");
        // the variable a closure captures lives in the enclosing function...
        EscapeFact x = find(r, EscapeFact.class, e -> at("esc.go", 34, 2).test(e) && e.kind().equals("moved-to-heap"));
        assertThat(x.symbol()).isEqualTo("main.closure");
        assertThat(x.attribution()).isEqualTo(Attributable.BY_SOURCE);
        assertThat(x.capturedByClosure()).isTrue();
        // ...and so does the closure value itself ("func literal escapes" at the literal's func keyword)
        assertThat(find(r, EscapeFact.class, e -> at("esc.go", 35, 9).test(e)).symbol()).isEqualTo("main.closure");
        // while the literal's own declaration line names the literal
        InlineFact lit = find(r, InlineFact.class, i -> at("esc.go", 35, 9).test(i));
        assertThat(lit.symbol()).isEqualTo("main.closure.func1");
        assertThat(lit.target()).isEqualTo("main.closure.func1");
        // inlined copies: the message sits at the call site, in the caller
        EscapeFact copy = find(r, EscapeFact.class, e -> at("esc.go", 141, 9).test(e) && e.kind().equals("escapes"));
        assertThat(copy.symbol()).isEqualTo("main.main");
        EscapeFact original = find(r, EscapeFact.class, e -> at("esc.go", 30, 2).test(e) && e.kind().equals("escapes"));
        assertThat(original.symbol()).isEqualTo("main.toIface");
        InlineFact call = find(r, InlineFact.class, i -> at("esc.go", 144, 9).test(i) && i.targetName().equals("fmt.Println"));
        assertThat(call.symbol()).isEqualTo("main.main");
        assertThat(call.target()).isEqualTo("fmt.Println");
        // devirtualized in the original and in the copy inlined into main
        assertThat(find(r, Devirtualization.class, d -> at("esc.go", 67, 12).test(d)).symbol()).isEqualTo("main.devirt");
        assertThat(find(r, Devirtualization.class, d -> at("esc.go", 148, 14).test(d)).symbol()).isEqualTo("main.main");
        // the compiler names the function of a capture; the source says it is package main
        ClosureCapture cap = find(r, ClosureCapture.class, c -> at("esc.go", 58, 6).test(c));
        assertThat(cap.symbol()).isEqualTo("main.bigLocal");
        assertThat(cap.width()).isEqualTo(65536);
        assertThat(cap.attribution()).isEqualTo(Attributable.BY_COMPILER);
    }

    @Test
    void withoutSourcesAttributionIsApproximate() {
        List<Fact> r = FunctionResolver.resolve(text(T1.resolve("m2.txt")), List.of());
        EscapeFact t = find(r, EscapeFact.class, e -> at("esc.go", 14, 2).test(e));
        assertThat(t.symbol()).isEqualTo("main.newT");
        assertThat(t.attribution()).isEqualTo(Attributable.APPROXIMATE);
        // a declaration line keeps the compiler's name
        InlineFact decl = find(r, InlineFact.class, i -> at("esc.go", 13, 6).test(i));
        assertThat(decl.attribution()).isEqualTo(Attributable.BY_COMPILER);
        // nothing before the first declaration: unresolved
        EscapeFact auto = find(r, EscapeFact.class, e -> e.file().equals("<autogenerated>"));
        assertThat(auto.attribution()).isEqualTo(Attributable.NONE);
    }

    @Test
    void jsonPathsBecomeModuleRelativeAndCanInlineGetsItsTarget() {
        Path t1 = ROOT.resolve("testdata/corpus/go1.23/t1");
        FunctionResolver.Resolution res = FunctionResolver.of(List.of(t1), null).resolveAll(json(t1.resolve("json")));
        List<Fact> r = res.facts();
        InlineFact m = find(r, InlineFact.class, i -> at("esc.go", 11, 6).test(i));
        assertThat(m.target()).isEqualTo("main.(*T).M");
        assertThat(m.symbol()).isEqualTo("main.(*T).M");
        assertThat(m.attribution()).isEqualTo(Attributable.BY_SOURCE);
        // a GOROOT file of a generic instantiation stays absolute and unresolved
        InlineFact goroot = find(r, InlineFact.class, i -> i.file().endsWith("/sync/atomic/type.go"));
        assertThat(goroot.file()).startsWith("/usr/lib/go-1.23/src/");
        assertThat(goroot.attribution()).isEqualTo(Attributable.NONE);
        // flow positions are relocated too
        EscapeFact t = find(r, EscapeFact.class, e -> at("esc.go", 14, 2).test(e));
        assertThat(t.flow().get(0).notes().get(0).at().file()).isEqualTo("esc.go");
        assertThat(res.byAttribution()).containsKeys(Attributable.BY_SOURCE, Attributable.NONE);
    }

    @Test
    void resolvingOnSeveralThreadsGivesWhatOneThreadGives() {
        // each thread resolves a contiguous range of the list in place; forced here on a small input (from 1 fact)
        Path t1 = ROOT.resolve("testdata/corpus/go1.23/t1");
        List<Fact> input = new ArrayList<>(text(t1.resolve("m2.txt")));
        input.addAll(json(t1.resolve("json")));
        FunctionResolver.Resolution one = FunctionResolver.of(List.of(t1), null).resolveInPlace(new ArrayList<>(input));
        assertThat(one.byAttribution()).containsKeys(Attributable.BY_SOURCE, Attributable.BY_COMPILER);
        for (int threads : List.of(2, 3, 7, input.size() + 5)) {
            // the threads claim chunks of the list: one chunk (the default size), chunks of 1, 7 and 100 facts
            for (int chunk : List.of(Chunks.CHUNK, 1, 7, 100)) {
                ArrayList<Fact> owned = new ArrayList<>(input);
                FunctionResolver.Resolution many = FunctionResolver.of(List.of(t1), null)
                        .resolveInPlace(owned, threads, 1, chunk);
                assertThat(many.facts()).as("%d threads, chunks of %d", threads, chunk).isSameAs(owned)
                        .containsExactlyElementsOf(one.facts());
                assertThat(many.byAttribution()).as("%d threads, chunks of %d", threads, chunk)
                        .isEqualTo(one.byAttribution());
            }
        }
        // below the threshold one thread does it all, with the same result
        ArrayList<Fact> small = new ArrayList<>(input);
        assertThat(FunctionResolver.of(List.of(t1), null).resolveInPlace(small, 4).facts())
                .containsExactlyElementsOf(one.facts());
    }

    @Test
    void resolvingInPlaceReplacesTheGivenListsFactsWithWhatResolveAllReturns() {
        Path t1 = ROOT.resolve("testdata/corpus/go1.23/t1");
        List<Fact> input = new ArrayList<>(text(t1.resolve("m2.txt")));
        input.addAll(json(t1.resolve("json")));
        List<Fact> before = List.copyOf(input);
        List<Fact> expected = FunctionResolver.of(List.of(t1), null).resolveAll(input).facts();
        assertThat(input).as("resolveAll leaves its argument alone").containsExactlyElementsOf(before);

        ArrayList<Fact> owned = new ArrayList<>(input);
        FunctionResolver.Resolution res = FunctionResolver.of(List.of(t1), null).resolveInPlace(owned);
        assertThat(res.facts()).as("the list handed over is the result").isSameAs(owned);
        assertThat(owned).containsExactlyElementsOf(expected);
        // every attributable fact was replaced (a relocated, attributed copy), none is kept from the parse
        // (facts the sources add, NamedResult and FieldAppend, come after those of the parse)
        assertThat(owned.subList(before.size(), owned.size()))
                .allMatch(f -> f instanceof NamedResult || f instanceof FieldAppend);
        long kept = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) instanceof Attributable<?> && owned.get(i) == before.get(i)) {
                kept++;
            }
        }
        assertThat(kept).isZero();
        assertThat(res.byAttribution()).containsKeys(Attributable.BY_SOURCE);
    }

    @Test
    void genericsSubPackagesAndGo126Names() {
        Path caps = Captures.resources().resolve("go1.26.8/nm");
        List<Fact> r = FunctionResolver.resolve(text(caps.resolve("m2.txt")), List.of(NM_SRC));
        InlineFact gen = find(r, InlineFact.class, i -> at("sub/sub.go", 13, 6).test(i)
                && i.kind().equals(InlineFact.KIND_CAN_INLINE));
        assertThat(gen.symbol()).isEqualTo("example.com/nm/sub.Gen[...]");
        InlineFact call = find(r, InlineFact.class, i -> i.file().equals("main.go")
                && i.targetName().equals("sub.Gen[go.shape.string]"));
        assertThat(call.target()).isEqualTo("example.com/nm/sub.Gen[...]");
        assertThat(call.symbol()).isEqualTo("main.main");
        InlineFact generic = find(r, InlineFact.class, i -> i.targetName().equals("(*Box[go.shape.int]).Each.func1")
                && i.kind().equals(InlineFact.KIND_CAN_INLINE));
        assertThat(generic.symbol()).isEqualTo("main.(*Box[...]).Each.func1");
        // a closure the inliner copied into main keeps the compiler's (linker) name
        InlineFact copy = find(r, InlineFact.class, i -> i.targetName().equals("main.(*T).Ptr.func4")
                && i.kind().equals(InlineFact.KIND_CAN_INLINE));
        assertThat(copy.symbol()).isEqualTo("main.main.(*T).Ptr.func4");
        // global closures, numbered in initialization order
        InlineFact zz = find(r, InlineFact.class, i -> at("order.go", 11, 10).test(i));
        assertThat(zz.symbol()).isEqualTo("main.init.func4");
        // Go 1.26 -m=2 names the function of an escape; a sub-package's file in package main's build
        EscapeFact esc = find(r, EscapeFact.class, e -> at("sub/sub.go", 8, 7).test(e));
        assertThat(esc.symbol()).isEqualTo("example.com/nm/sub.Hello");
    }

    /** testdata/go/naming and its Go 1.26.8 capture (written by testdata/regen.sh; skipped until present). */
    @Test
    void namingProgramOfTheSharedTestdata() {
        Path src = ROOT.resolve("testdata/go/naming");
        Path cap = ROOT.resolve("testdata/captured/go1.26.8/naming/m2.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(cap), "no capture yet: " + cap);
        List<Fact> r = FunctionResolver.resolve(text(cap), List.of(src));
        // closures in a global map literal: init.func1.., nested init.func3.1
        assertThat(find(r, InlineFact.class, i -> at("main.go", 28, 12).test(i)).symbol())
                .isEqualTo("main.init.func3.1");
        // nested closures in a function
        assertThat(r).filteredOn(f -> f instanceof InlineFact i && i.kind().equals(InlineFact.KIND_CAN_INLINE)
                && i.symbol().equals("main.counter.func1.1")).isNotEmpty();
        // value and pointer receivers, a generic type's methods, both instantiations collapse to one symbol
        assertThat(r).filteredOn(f -> f instanceof InlineFact i && i.atDeclaration())
                .extracting(f -> ((InlineFact) f).symbol())
                .contains("main.Point.Add", "main.(*Point).Scale", "main.(*Stack[...]).Push", "main.Stack[...].Peek",
                        "main.Map[...]");
        // clamp inlined into three callers: its messages repeat at each call site, in the caller
        List<String> callers = r.stream().filter(f -> f instanceof InlineFact i
                        && i.kind().equals(InlineFact.KIND_INLINED_CALL) && i.target().equals("main.clamp"))
                .map(f -> ((InlineFact) f).symbol()).distinct().sorted().collect(Collectors.toList());
        assertThat(callers).contains("main.norm", "main.percent", "main.byte8");
        // every fact with a position in main.go is attributed exactly
        assertThat(r).filteredOn(f -> f instanceof Attributable<?> a && a.file().equals("main.go"))
                .allSatisfy(f -> assertThat(((Attributable<?>) f).attribution())
                        .isIn(Attributable.BY_SOURCE, Attributable.BY_COMPILER));
    }

    @Test
    void relativePaths() {
        FunctionResolver r = FunctionResolver.of(List.of(NM_SRC), null);
        assertThat(r.relativePath("./main.go")).isEqualTo("main.go");
        assertThat(r.relativePath("sub/sub.go")).isEqualTo("sub/sub.go");
        assertThat(r.relativePath("file:///tmp/perfwarden-capture/escape/nm/sub/sub.go")).isEqualTo("sub/sub.go");
        assertThat(r.relativePath(NM_SRC.resolve("order.go").toString())).isEqualTo("order.go");
        assertThat(r.relativePath("/usr/local/go/src/fmt/print.go")).isEqualTo("/usr/local/go/src/fmt/print.go");
        assertThat(r.relativePath("<autogenerated>")).isEqualTo("<autogenerated>");
    }

    /**
     * The index's names against the compiler's: at every position where -m=2 says "can inline F" or
     * "cannot inline F", the function the source index finds there must be one of the names the
     * compiler printed at that position (inlined copies add more names, never fewer). Runs over every
     * capture of every Go version, including testdata/captured when present.
     */
    @TestFactory
    Stream<DynamicTest> sourceNamesAgreeWithTheCompiler() {
        return Captures.all("m2.txt").stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<Fact> parsed = text(c.file());
            FunctionResolver res = FunctionResolver.of(List.of(c.sources()), null);
            List<Fact> r = res.resolveAll(parsed).facts();
            Map<String, Set<String>> compilerNames = new HashMap<>();
            for (Fact f : r) {
                // not modelled by the index: range-over-func bodies (F-range1, Go 1.23+; telling them needs
                // types) and the wrappers of go/defer calls with arguments (F.gowrap1, Go 1.22+)
                if (f instanceof InlineFact i && i.atDeclaration() && i.attribution().equals(Attributable.BY_COMPILER)
                        && !i.compilerFunc().contains("-range") && !i.compilerFunc().contains("gowrap")
                        && !i.compilerFunc().contains("deferwrap")) {
                    compilerNames.computeIfAbsent(i.pos().format(), k -> new HashSet<>()).add(i.symbol());
                }
            }
            assertThat(compilerNames).isNotEmpty();
            int checked = 0;
            for (Map.Entry<String, Set<String>> e : compilerNames.entrySet()) {
                String[] p = e.getKey().split(":");
                String file = p[0];
                GoSourceIndex idx = res.indexes().get(0);
                if (idx.file(file).isEmpty()) {
                    continue; // GOROOT or another module
                }
                GoSourceIndex.Func fn = idx.innermost(file, Integer.parseInt(p[1]), Integer.parseInt(p[2]))
                        .orElseThrow(() -> new AssertionError("no function at " + e.getKey()));
                String prefix = idx.packageOf(file).orElseThrow().symbolPrefix();
                String mine = dev.perfwarden.facts.symbols.Symbols.qualify(prefix, fn.name());
                assertThat(e.getValue()).as("compiler names at %s", e.getKey()).contains(mine);
                checked++;
            }
            assertThat(checked).isPositive();
        }));
    }
}
