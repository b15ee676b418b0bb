package dev.perfwarden.facts.escape;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.Unparsed;
import dev.perfwarden.facts.escape.Captures.Capture;
import dev.perfwarden.facts.escape.Captures.Parsed;
import dev.perfwarden.facts.inline.Devirtualization;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.inline.InlineReasons;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.source.FunctionResolver;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EscapeTextParserTest {
    private final EscapeTextParser parser = new EscapeTextParser();

    static List<Capture> captures() {
        List<Capture> all = new ArrayList<>(Captures.all("m1.txt"));
        all.addAll(Captures.all("m2.txt"));
        return all;
    }

    @Test
    void thereAreCapturesOfEveryVersion() {
        List<String> ids = captures().stream().map(Capture::id).collect(Collectors.toList());
        assertThat(ids).anyMatch(s -> s.startsWith("corpus-go1.19-"))
                .anyMatch(s -> s.startsWith("corpus-go1.23-"));
        // this package's own programs (t1..t4, nm), -m and -m=2, from each compiler capture.sh was run with
        for (String v : Captures.OWN_VERSIONS) {
            for (String prog : List.of("t1", "t2", "t3", "t4", "nm")) {
                assertThat(ids).as(v + " " + prog).contains("own-" + v + "-" + prog);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // every real capture: nothing unparsed, counts equal to counts taken from the raw text

    /** Message shapes counted straight from the text, independently of the parser. */
    private static final Map<String, Pattern> RAW = Map.ofEntries(
            Map.entry("moved-to-heap", Pattern.compile("(^|: )moved to heap: ")),
            Map.entry("escapes", Pattern.compile(" escapes to heap$")),
            Map.entry("does-not-escape", Pattern.compile(" does not escape$")),
            Map.entry("leaking-param-to-result", Pattern.compile(": leaking param: \\S+ to result \\S+ level=\\d+$")),
            Map.entry("leaking-param-content", Pattern.compile(": leaking param content: ")),
            Map.entry("leaking-param", Pattern.compile(": leaking param: (?!.* to result )")),
            Map.entry("can-inline", Pattern.compile(": can inline ")),
            Map.entry("cannot-inline", Pattern.compile(": cannot inline (?!.* into .*: repeated recursive cycle$)")),
            Map.entry("cannot-inline-call", Pattern.compile(": cannot inline .* into .*: repeated recursive cycle$")),
            Map.entry("inlined-call", Pattern.compile(": inlining call to ")),
            Map.entry("devirtualization", Pattern.compile(": (partially |PGO )?devirtualizing |: cannot devirtualize ")),
            Map.entry("capture", Pattern.compile(" capturing by (ref|value): ")),
            Map.entry("package", Pattern.compile("^# ")),
            Map.entry("flow", Pattern.compile("^[^ ]*:   flow: ")),
            Map.entry("from", Pattern.compile("^[^ ]*:     from ")),
            Map.entry("header", Pattern.compile("( escapes to heap( in .*)?|^[^ ]*: parameter .* leaks to .* with derefs=-?\\d+):$")));

    private static Map<String, Long> rawCounts(List<String> lines) {
        Map<String, Long> m = new TreeMap<>();
        for (Map.Entry<String, Pattern> e : RAW.entrySet()) {
            m.put(e.getKey(), lines.stream().filter(l -> e.getValue().matcher(l).find()).count());
        }
        return m;
    }

    private static Map<String, Long> factCounts(List<Fact> facts) {
        Map<String, Long> m = new TreeMap<>();
        for (String k : RAW.keySet()) {
            m.put(k, 0L);
        }
        for (Fact f : facts) {
            if (f instanceof EscapeFact e) {
                if (!e.duplicate() && m.containsKey(e.kind())) {
                    m.merge(e.kind(), 1L, Long::sum);
                }
                int paths = 0;
                for (FlowStep s : e.flow()) {
                    m.merge("flow", 1L, Long::sum);
                    m.merge("from", (long) s.notes().size(), Long::sum);
                    paths = Math.max(paths, s.path() + 1);
                }
                m.merge("header", (long) paths, Long::sum);
            } else if (f instanceof InlineFact i) {
                m.merge(i.kind(), 1L, Long::sum);
            } else if (f instanceof Devirtualization) {
                m.merge("devirtualization", 1L, Long::sum);
            } else if (f instanceof ClosureCapture) {
                m.merge("capture", 1L, Long::sum);
            } else if (f instanceof PackageDecl) {
                m.merge("package", 1L, Long::sum);
            }
        }
        m.keySet().retainAll(RAW.keySet());
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureParsesWithNothingUnparsedAndTheRawCounts() {
        return captures().stream().map(c -> DynamicTest.dynamicTest(c.id() + "/" + c.file().getFileName(), () -> {
            List<String> lines = Captures.lines(c.file());
            Parsed p = Captures.parse(parser, c.file());
            assertThat(p.error()).as("parse error").isNull();
            assertThat(p.ctx().unparsedSamples()).as("unparsed lines").isEmpty();
            assertThat(p.ctx().unparsedCount()).isZero();
            assertThat(p.ctx().records()).isEqualTo(lines.stream().filter(l -> !l.isBlank()).count());
            assertThat(factCounts(p.facts())).isEqualTo(rawCounts(lines));
            assertThat(parser.sniff(head(c.file()))).as("sniff").isTrue();
        }));
    }

    /** The real modules' -m=2 captures (testdata/modules, RealModuleTest's inputs): nothing unparsed either. */
    @TestFactory
    Stream<DynamicTest> everyRealModuleCaptureParsesWithNothingUnparsed() {
        List<Path> modules = Captures.dirs(Captures.root().resolve("testdata/modules")).stream()
                .map(d -> d.resolve("m2.txt")).filter(Files::isRegularFile).toList();
        assertThat(modules).hasSizeGreaterThanOrEqualTo(5);
        return modules.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName().toString(), () -> {
            Parsed p = Captures.parse(parser, f);
            assertThat(p.error()).as("parse error").isNull();
            assertThat(p.ctx().unparsedSamples()).as("unparsed lines").isEmpty();
            assertThat(p.ctx().unparsedCount()).isZero();
        }));
    }

    @Test
    void goOneTwentySixBloopLinesAreRemarks(@TempDir Path dir) throws IOException {
        // testdata/modules/xsync/m2.txt (Go 1.26.8): what a for b.Loop() body keeps alive
        Path f = dir.resolve("m.txt");
        Files.writeString(f, String.join("\n",
                "# github.com/puzpuzpuz/xsync/v4_test [github.com/puzpuzpuz/xsync/v4.test]",
                "./umpscqueue_test.go:165:14: function result will be kept alive",
                "./util_test.go:273:5: github.com/puzpuzpuz/xsync/v4_test..autotmp_1 will be kept alive",
                "./map_test.go:2418:13: github.com/puzpuzpuz/xsync/v4..dict.Map[int,int] will be kept alive",
                "./a_test.go:9:2: function results will be kept alive",
                "./a_test.go:10:2: expr is unknown to bloop pass", ""));
        Parsed p = Captures.parse(parser, f);
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        assertThat(p.facts()).filteredOn(x -> x instanceof CompilerRemark).extracting(x -> (CompilerRemark) x)
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo(CompilerRemark.KIND_BLOOP))
                .extracting(CompilerRemark::line).containsExactly(165, 273, 2418, 9, 10);
    }

    /** Golden dumps of the resolved facts (parsed, then attributed with the program's sources). */
    @TestFactory
    Stream<DynamicTest> goldenDumps() {
        return captures().stream().map(c -> DynamicTest.dynamicTest(c.id() + "/" + c.file().getFileName(), () -> {
            Parsed p = Captures.parse(parser, c.file(), c.id() + "/" + c.file().getFileName());
            assertThat(p.error()).isNull();
            List<Fact> resolved = FunctionResolver.resolve(p.facts(), List.of(c.sources()));
            String name = c.file().getFileName().toString().replace(".txt", ".facts.txt");
            Captures.golden(Captures.resources().resolve("golden").resolve(c.id()).resolve(name),
                    Captures.dump(resolved));
        }));
    }

    static InputHead head(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        byte[] head = java.util.Arrays.copyOf(all, Math.min(all.length, InputHead.SIZE));
        return new InputHead(f.getFileName().toString(), false, head);
    }

    // ------------------------------------------------------------------------------------------
    // message shapes

    private Parsed parseText(Path dir, String text) throws IOException {
        Path f = dir.resolve("m.txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return Captures.parse(parser, f, "m.txt");
    }

    private static <T> List<T> of(List<Fact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    @Test
    void go126BlocksWithArrowsAndFunctionNamesJoinTheirSummaries(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, String.join("\n",
                "# example.com/m",
                "./e.go:35:19: append(e.errs, err) escapes to heap in Join:",
                "./e.go:35:19:   flow: {heap} ← &{storage for append(e.errs, err)}:",
                "./e.go:35:19:     from append(e.errs, err) (spill) at ./e.go:35:19",
                "./e.go:64:10: parameter text leaks to {storage for &errorString{...}} for New with derefs=0:",
                "./e.go:64:10:   flow: {storage for &errorString{...}} ← text:",
                "./e.go:64:10:     from errorString{...} (struct literal element) at ./e.go:65:21",
                "./e.go:64:10: leaking param: text",
                "./e.go:35:19: append escapes to heap",
                "<unknown line number>: #next escapes to heap in Value.Comparable:",
                "<unknown line number>:   flow: {storage for func literal} ← &#next:",
                "<unknown line number>:     from #next (captured by a closure) at ./v.go:3283:5",
                "Value.Comparable capturing by ref: #next (addr=false assign=true width=8)",
                "moved to heap: #next", ""));
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        List<EscapeFact> esc = of(p.facts(), EscapeFact.class);
        assertThat(esc).extracting(EscapeFact::kind, EscapeFact::subject, EscapeFact::compilerFunc,
                        EscapeFact::symbol, EscapeFact::attribution)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("leaking-param", "text", "New", "example.com/m.New",
                                Attributable.BY_COMPILER),
                        org.assertj.core.groups.Tuple.tuple("escapes", "append", "Join", "example.com/m.Join",
                                Attributable.BY_COMPILER),
                        org.assertj.core.groups.Tuple.tuple("moved-to-heap", "#next", "Value.Comparable",
                                "example.com/m.Value.Comparable", Attributable.BY_COMPILER));
        EscapeFact app = esc.get(1);
        assertThat(app.flow()).singleElement().satisfies(s -> {
            assertThat(s.dst()).isEqualTo("{heap}");
            assertThat(s.ops()).isEqualTo("&");
            assertThat(s.src()).isEqualTo("{storage for append(e.errs, err)}");
            assertThat(s.notes()).singleElement().satisfies(n -> {
                assertThat(n.why()).isEqualTo("spill");
                assertThat(n.at().format()).isEqualTo("e.go:35:19");
            });
        });
        assertThat(esc.get(2).capturedByClosure()).isTrue();
        assertThat(esc.get(2).file()).isEmpty();
        assertThat(of(p.facts(), ClosureCapture.class)).singleElement().satisfies(c -> {
            assertThat(c.variable()).isEqualTo("#next");
            assertThat(c.line()).isZero();
            assertThat(c.width()).isEqualTo(8);
        });
    }

    @Test
    void blocksAreJoinedByPositionAndSubjectNotByLineOrder(@TempDir Path dir) throws IOException {
        // two instantiations of one generic function: same positions, one block + summary each
        Parsed p = parseText(dir, String.join("\n",
                "# example.com/m",
                "./g.go:5:9: x escapes to heap:",
                "./g.go:5:9:   flow: {heap} = &x:",
                "./g.go:5:9:     from &x (address-of) at ./g.go:6:9",
                "./g.go:9:2: y escapes to heap:",
                "./g.go:9:2:   flow: ~r0 = &y:",
                "./g.go:9:2:     from &y (address-of) at ./g.go:9:9",
                "./g.go:9:2: moved to heap: y",
                "./g.go:5:9: moved to heap: x",
                "./g.go:5:9: x escapes to heap:",
                "./g.go:5:9:   flow: {heap} = &x:",
                "./g.go:5:9:     from &x (interface-converted) at ./g.go:7:3",
                "./g.go:5:9: moved to heap: x", ""));
        List<EscapeFact> esc = of(p.facts(), EscapeFact.class);
        assertThat(esc).hasSize(3);
        assertThat(esc).filteredOn(e -> e.subject().equals("x"))
                .extracting(e -> e.flow().get(0).notes().get(0).why())
                .containsExactly("address-of", "interface-converted");
        assertThat(esc).filteredOn(e -> e.subject().equals("x")).extracting(EscapeFact::viaInterface)
                .containsExactly(false, true);
        assertThat(esc).filteredOn(e -> e.subject().equals("y")).singleElement()
                .satisfies(e -> assertThat(e.flow().get(0).dst()).isEqualTo("~r0"));
    }

    @Test
    void leakBlocksGoToTheMatchingSummary(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, String.join("\n",
                "./x.go:3:8: parameter p leaks to ~r0 with derefs=1:",
                "./x.go:3:8:   flow: ~r0 = *p:",
                "./x.go:3:8:     from *p (indirection) at ./x.go:3:30",
                "./x.go:3:8: parameter p leaks to {heap} with derefs=0:",
                "./x.go:3:8:   flow: {heap} = p:",
                "./x.go:3:8:     from sink = p (assign) at ./x.go:4:7",
                "./x.go:3:8:   warning: truncated explanation due to assignment cycle; see golang.org/issue/35518",
                "./x.go:3:8: leaking param: p",
                "./x.go:3:8: leaking param: p to result ~r0 level=1", ""));
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        List<EscapeFact> esc = of(p.facts(), EscapeFact.class);
        assertThat(esc).extracting(EscapeFact::kind, e -> e.flow().get(0).dst(), EscapeFact::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("leaking-param", "{heap}", -1),
                        org.assertj.core.groups.Tuple.tuple("leaking-param-to-result", "~r0", 1));
        assertThat(of(p.facts(), CompilerRemark.class)).extracting(CompilerRemark::kind)
                .containsExactly(CompilerRemark.KIND_TRUNCATED_EXPLANATION);
    }

    @Test
    void everyInliningAndDevirtualizationForm(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, String.join("\n",
                "# example.com/m",
                "./a.go:3:6: can inline f with cost 7 as: func() int { return 1 }",
                "./a.go:4:6: can inline g",
                "./a.go:5:6: cannot inline h: function too complex: cost 155 exceeds budget 80",
                "./a.go:6:6: cannot inline d: unhandled op DEFER",
                "./a.go:7:6: cannot inline r: recursive",
                "./a.go:8:6: cannot inline n: marked go:noinline",
                "./a.go:9:6: cannot inline a: no function body",
                "./a.go:10:6: cannot inline k: marked go:cgo_unsafe_args",
                "./a.go:11:6: cannot inline v: call to recover",
                "./a.go:12:6: cannot inline q: unhandled op GO",
                "./a.go:13:6: cannot inline w: call to GetCallerPC",
                "./a.go:14:6: cannot inline x: something new",
                "./a.go:153:11: cannot inline recur into main: repeated recursive cycle",
                "./a.go:20:9: inlining call to fmt.Println",
                "./a.go:21:9: inlining call to f with score 12",
                "./a.go:22:6: function main considered 'big'; reducing max cost of inlinees",
                "./a.go:23:6: skip inlining within testing.B.loop for f",
                "./a.go:24:6: can inline hmac.New[go.shape.interface { Size() int; Sum([]uint8) []uint8 }] with cost 9 as: func() {  }",
                "./a.go:30:12: devirtualizing i.M to *T",
                "./a.go:31:12: partially devirtualizing i.M to *T",
                "./a.go:32:12: PGO devirtualizing interface call i.M to (*T).M",
                "./a.go:33:12: PGO devirtualizing function call f to g",
                "./a.go:34:12: PGO devirtualizing i.M to (*T).M",
                "./a.go:35:12: cannot devirtualize i.M: shaped receiver go.shape.*uint8",
                "./a.go:36:12: failed to devirtualize i.M (*T)", ""));
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        List<InlineFact> in = of(p.facts(), InlineFact.class);
        assertThat(in).extracting(InlineFact::reasonKind).containsExactly("", "", InlineReasons.TOO_COMPLEX,
                InlineReasons.DEFER, InlineReasons.RECURSIVE, InlineReasons.NOINLINE, InlineReasons.NO_BODY,
                InlineReasons.MARKED_PRAGMA, InlineReasons.RECOVER, InlineReasons.GO, InlineReasons.CALLER_PC,
                InlineReasons.OTHER, InlineReasons.RECURSIVE_CYCLE, "", "", "", "", "");
        InlineFact tooBig = in.get(2);
        assertThat(tooBig.cost()).isEqualTo(155);
        assertThat(tooBig.budget()).isEqualTo(80);
        assertThat(in.get(0).cost()).isEqualTo(7);
        assertThat(in.get(1).cost()).isEqualTo(InlineFact.ABSENT);
        InlineFact cycle = in.get(12);
        assertThat(cycle.kind()).isEqualTo(InlineFact.KIND_CANNOT_INLINE_CALL);
        assertThat(cycle.targetName()).isEqualTo("recur");
        assertThat(cycle.symbol()).isEqualTo("main.main"); // "main" seen: a main package
        assertThat(in.get(13).target()).isEqualTo("fmt.Println");
        assertThat(in.get(13).symbol()).isEmpty();
        assertThat(in.get(14).score()).isEqualTo(12);
        assertThat(in.get(15).kind()).isEqualTo(InlineFact.KIND_BIG_FUNCTION);
        assertThat(in.get(16).kind()).isEqualTo(InlineFact.KIND_SKIP_INLINE);
        assertThat(in.get(17).targetName()).startsWith("hmac.New[go.shape.interface {");
        assertThat(in.get(17).cost()).isEqualTo(9);
        assertThat(of(p.facts(), Devirtualization.class)).extracting(Devirtualization::kind, Devirtualization::call,
                        Devirtualization::targetType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("static", "i.M", "*T"),
                        org.assertj.core.groups.Tuple.tuple("partial", "i.M", "*T"),
                        org.assertj.core.groups.Tuple.tuple("pgo-interface", "i.M", "(*T).M"),
                        org.assertj.core.groups.Tuple.tuple("pgo-function", "f", "g"),
                        org.assertj.core.groups.Tuple.tuple("pgo", "i.M", "(*T).M"),
                        org.assertj.core.groups.Tuple.tuple("cannot", "i.M", "go.shape.*uint8"),
                        org.assertj.core.groups.Tuple.tuple("failed", "i.M", "*T"));
    }

    @Test
    void remarksUintptrAndMutationLines(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, String.join("\n",
                "go: downloading example.com/dep v1.2.3",
                "# example.com/m",
                "./a.go:3:14: zero-copy string->[]byte conversion",
                "./a.go:4:2: slices.sort[go.shape.int] ignoring self-assignment in slices.x[0], slices.x[1] = slices.x[1], slices.x[0]",
                "./a.go:5:3: index bounds check elided",
                "./a.go:6:3: imprecise interface call",
                "./a.go:7:10: assuming fd is unsafe uintptr",
                "./a.go:8:10: marking a1 as escaping uintptr",
                "./a.go:9:10: marking args as escaping ...uintptr",
                "./a.go:10:10: mutates param: p derefs=0",
                "./a.go:11:10: calls param: f derefs=0",
                "./a.go:12:10: q does not escape, mutate, or call",
                "./a.go:13:10: Found IsInBounds",
                "./a.go:14:10: append does not escape", ""));
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        assertThat(of(p.facts(), CompilerRemark.class)).extracting(CompilerRemark::kind).containsExactly(
                CompilerRemark.KIND_GO_COMMAND, CompilerRemark.KIND_ZERO_COPY, CompilerRemark.KIND_SELF_ASSIGNMENT,
                CompilerRemark.KIND_BOUNDS_CHECK_ELIDED, CompilerRemark.KIND_IMPRECISE_INTERFACE_CALL);
        assertThat(of(p.facts(), CompilerRemark.class).get(2).compilerFunc()).isEqualTo("slices.sort[go.shape.int]");
        assertThat(of(p.facts(), EscapeFact.class)).extracting(EscapeFact::kind, EscapeFact::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unsafe-uintptr", "fd"),
                        org.assertj.core.groups.Tuple.tuple("escaping-uintptr", "a1"),
                        org.assertj.core.groups.Tuple.tuple("escaping-uintptr", "args"),
                        org.assertj.core.groups.Tuple.tuple("mutates-param", "p"),
                        org.assertj.core.groups.Tuple.tuple("calls-param", "f"),
                        org.assertj.core.groups.Tuple.tuple("does-not-escape-mutate-call", "q"),
                        org.assertj.core.groups.Tuple.tuple("does-not-escape", "append"));
        assertThat(of(p.facts(), BoundsCheck.class)).singleElement()
                .satisfies(b -> assertThat(b.input()).isEqualTo("escape-text"));
    }

    @Test
    void compilerErrorsAndUnknownMessagesAreUnparsedWithTheirReason(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, String.join("\n",
                "# example.com/broken",
                "./b.go:3:2: undefined: foo",
                "./b.go:4:9: cannot use x (variable of type int) as string value in return statement",
                "\thave (int)",
                "# example.com/m",
                "./a.go:3:6: can inline f",
                "./a.go:4:6: the compiler learnt a new trick",
                "./a.go:5:2: declared and not used: y",
                "./a.go:5:2:   flow: {heap} = &y:", ""));
        assertThat(p.ctx().unparsedSamples()).extracting(Unparsed::reason).containsExactly(
                EscapeTextParser.COMPILER_ERROR, EscapeTextParser.COMPILER_ERROR, EscapeTextParser.COMPILER_ERROR,
                EscapeTextParser.UNKNOWN_MESSAGE, EscapeTextParser.COMPILER_ERROR, EscapeTextParser.STRAY_FLOW);
        assertThat(p.ctx().unparsedSamples().get(3).format()).startsWith("m.txt:7: unknown compiler message: ");
        assertThat(p.ctx().records()).isEqualTo(9);
        assertThat(of(p.facts(), PackageDecl.class)).extracting(PackageDecl::importPath)
                .containsExactly("example.com/broken", "example.com/m");
    }

    /** Messages whose fixed head and tail overlap once threw StringIndexOutOfBounds; they are unknown messages. */
    @Test
    void formsWhoseHeadAndTailOverlapAreUnknownNotACrash(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, String.join("\n",
                "# example.com/m",
                "./a.go:3:6: can inline f",
                "./a.go:4:6: function considered 'big'; reducing max cost of inlinees",
                "./a.go:5:6: assuming is unsafe uintptr",
                "./a.go:6:6: parameter leaks to {heap} with derefs=0:", ""));
        assertThat(p.ctx().unparsedSamples()).extracting(Unparsed::reason).containsExactly(
                EscapeTextParser.UNKNOWN_MESSAGE, EscapeTextParser.UNKNOWN_MESSAGE, EscapeTextParser.UNKNOWN_MESSAGE);
        assertThat(of(p.facts(), InlineFact.class)).hasSize(1);
    }

    @Test
    void testBuildHeadersKeepTheirVariant(@TempDir Path dir) throws IOException {
        Parsed p = parseText(dir, "# example.com/t3 [example.com/t3.test]\n./b.go:3:6: can inline f\n");
        assertThat(of(p.facts(), PackageDecl.class)).singleElement().satisfies(d -> {
            assertThat(d.importPath()).isEqualTo("example.com/t3");
            assertThat(d.variant()).isEqualTo("example.com/t3.test");
        });
        assertThat(of(p.facts(), InlineFact.class).get(0).symbol()).isEqualTo("example.com/t3.f");
    }

    // ------------------------------------------------------------------------------------------
    // bad inputs

    record Bad(String name, byte[] content, ParseException.Kind kind, String prefix, long records, boolean sniffs) {
    }

    static List<Bad> badInputs() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(elf, 0, junk, 0, elf.length);
        return List.of(
                new Bad("empty", new byte[0], ParseException.Kind.UNRECOGNIZED, "bad.txt:1: ", 0, false),
                new Bad("garbage", "hello world\nthis is not compiler output\n".getBytes(StandardCharsets.UTF_8),
                        ParseException.Kind.UNRECOGNIZED, "bad.txt:1: ", 2, false),
                new Bad("binary junk", junk, ParseException.Kind.MALFORMED, "bad.txt:1: binary data", 1, false),
                new Bad("binary line after good ones",
                        "# example.com/m\n./a.go:3:6: can inline f\n\u0001\u0002\u0003 junk\n./a.go:4:6: can inline g\n"
                                .getBytes(StandardCharsets.UTF_8), ParseException.Kind.MALFORMED,
                        "bad.txt:3: binary data", 3, true));
    }

    @TestFactory
    Stream<DynamicTest> badInputsFailWithKindAndPosition(@TempDir Path dir) {
        return badInputs().stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            Path f = dir.resolve(b.name().replace(' ', '-'));
            Files.write(f, b.content());
            Parsed p = Captures.parse(parser, f, "bad.txt");
            assertThat(p.error()).as("exception").isNotNull();
            assertThat(p.error().kind()).isEqualTo(b.kind());
            assertThat(p.error().getMessage()).startsWith(b.prefix());
            assertThat(p.ctx().records()).isEqualTo(b.records());
            assertThat(parser.sniff(new InputHead("bad.txt", false,
                    java.util.Arrays.copyOf(b.content(), Math.min(b.content().length, InputHead.SIZE)))))
                    .as("sniff").isEqualTo(b.sniffs());
        }));
    }

    @Test
    void binaryLineKeepsTheFactsBeforeIt(@TempDir Path dir) throws IOException {
        Bad b = badInputs().get(3);
        Path f = dir.resolve("b.txt");
        Files.write(f, b.content());
        Parsed p = Captures.parse(parser, f, "bad.txt");
        assertThat(of(p.facts(), InlineFact.class)).extracting(InlineFact::targetName).containsExactly("f");
    }

    @Test
    void aFiftyMegabyteLineStopsTheInputWithoutBlowingMemory(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.txt");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("# example.com/m\n./a.go:3:6: can inline f\n./a.go:4:6: ".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\n./a.go:5:6: can inline g\n".getBytes(StandardCharsets.UTF_8));
        }
        Parsed p = Captures.parse(parser, f, "huge.txt");
        assertThat(p.error()).isNotNull();
        assertThat(p.error().kind()).isEqualTo(ParseException.Kind.MALFORMED);
        assertThat(p.error().getMessage()).startsWith("huge.txt:3: line longer than 1048576 bytes");
        assertThat(p.ctx().records()).isEqualTo(3);
        assertThat(of(p.facts(), InlineFact.class)).extracting(InlineFact::targetName).containsExactly("f");
    }

    @Test
    void sniffAcceptsBuildOutputAndRejectsOtherFormats() {
        Predicate<String> sniff = s -> parser.sniff(new InputHead("x", false, s.getBytes(StandardCharsets.UTF_8)));
        assertThat(sniff.test("# example.com/t1\n./esc.go:11:6: can inline (*T).M\n")).isTrue();
        assertThat(sniff.test("c.go:9:6: can inline f\n")).isTrue();
        assertThat(sniff.test("# example.com/b\n./b.go:3:2: undefined: foo\n")).isTrue();
        assertThat(sniff.test("# example.com/t1\n./esc.go:129:40: Found IsInBounds\n")).isFalse();
        assertThat(sniff.test("# example.com/t1\nmain.f STEXT size=10 args=0x0 locals=0x0\n")).isFalse();
        assertThat(sniff.test("{\"version\":0,\"package\":\"main\"}\n")).isFalse();
        assertThat(sniff.test("BenchmarkX-8   100   12 ns/op\n")).isFalse();
        // documentation quoting compiler output is not compiler output
        assertThat(sniff.test("# interface-escape\n\nA value escapes:\n./esc.go:30:2: x escapes to heap\n")).isFalse();
        assertThat(sniff.test("# Escape analysis notes\n./esc.go:30:2: x escapes to heap\n")).isFalse();
        assertThat(sniff.test("Some prose\n./esc.go:30:2: x escapes to heap\n")).isFalse();
        assertThat(sniff.test("go: downloading example.com/x v1.0.0\n# example.com/m\n./a.go:3:6: can inline f\n"))
                .isTrue();
    }
}
