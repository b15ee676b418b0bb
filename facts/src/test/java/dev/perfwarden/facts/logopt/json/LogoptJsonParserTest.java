package dev.perfwarden.facts.logopt.json;

import dev.perfwarden.facts.logopt.BoundsCheck;
import dev.perfwarden.facts.logopt.LogoptHeader;
import dev.perfwarden.facts.logopt.OptRemark;
import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.escape.Captures;
import dev.perfwarden.facts.escape.Captures.Capture;
import dev.perfwarden.facts.escape.Captures.Parsed;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.escape.FlowNote;
import dev.perfwarden.facts.escape.FlowStep;
import dev.perfwarden.facts.inline.InlineFact;
import dev.perfwarden.facts.inline.InlineReasons;
import dev.perfwarden.facts.parse.InputHead;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LogoptJsonParserTest {
    private final LogoptJsonParser parser = new LogoptJsonParser();

    /** Every .json file of every -json tree, with the tree's sources. */
    static List<Capture> files() {
        List<Capture> out = new ArrayList<>();
        for (Capture tree : Captures.all("json")) {
            for (Path f : Captures.files(tree.file())) {
                if (f.getFileName().toString().endsWith(".json")) {
                    String rel = tree.file().relativize(f).toString();
                    out.add(new Capture(f, tree.sources(), tree.id() + "/" + rel));
                }
            }
        }
        return out;
    }

    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]*)\"");

    /** Records per code, and escflow/inlineLoc entries, counted from the raw text. */
    private static Map<String, Long> rawCounts(List<String> lines) {
        Map<String, Long> m = new TreeMap<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            Matcher c = CODE.matcher(l);
            assertThat(c.find()).as("record has a code: %s", l).isTrue();
            m.merge("code:" + c.group(1), 1L, Long::sum);
            m.merge("flow", count(l, "\"escflow:    flow: "), Long::sum);
            m.merge("from", count(l, "\"escflow:      from "), Long::sum);
            m.merge("inlineLoc", count(l, "\"message\":\"inlineLoc\""), Long::sum);
        }
        m.put("header", 1L);
        return m;
    }

    private static long count(String s, String needle) {
        long n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static Map<String, Long> factCounts(List<Fact> facts) {
        Map<String, Long> m = new TreeMap<>();
        for (Fact f : facts) {
            String code;
            List<SourcePos> own = List.of();
            List<FlowStep> flow = List.of();
            if (f instanceof LogoptHeader) {
                m.merge("header", 1L, Long::sum);
                continue;
            } else if (f instanceof InlineFact i) {
                code = switch (i.kind()) {
                    case InlineFact.KIND_CAN_INLINE -> "canInlineFunction";
                    case InlineFact.KIND_CANNOT_INLINE -> "cannotInlineFunction";
                    default -> "cannotInlineCall";
                };
                own = i.inlineChain();
            } else if (f instanceof EscapeFact e) {
                String raw = e.evidence().text();
                Matcher c = CODE.matcher(raw);
                c.find();
                code = c.group(1); // escape / escapes / leak: one fact per record, checked below by kind
                own = e.inlineChain();
                flow = e.flow();
            } else if (f instanceof BoundsCheck b) {
                code = b.kind().equals(BoundsCheck.KIND_INDEX) ? "isInBounds" : "isSliceInBounds";
                own = b.inlineChain();
            } else if (f instanceof OptRemark r) {
                code = r.code();
                own = r.inlineChain();
            } else {
                throw new AssertionError("unexpected fact " + f);
            }
            m.merge("code:" + code, 1L, Long::sum);
            long chains = own.size();
            for (FlowStep s : flow) {
                m.merge("flow", 1L, Long::sum);
                chains += s.inlineChain().size();
                for (FlowNote n : s.notes()) {
                    m.merge("from", 1L, Long::sum);
                    chains += n.inlineChain().size();
                }
            }
            m.merge("inlineLoc", chains, Long::sum);
            m.putIfAbsent("flow", 0L);
            m.putIfAbsent("from", 0L);
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyLogFileParsesWithNothingUnparsedAndTheRawCounts() {
        List<Capture> files = files();
        assertThat(files).anyMatch(c -> c.id().startsWith("corpus-go1.19"));
        for (String v : Captures.OWN_VERSIONS) {
            for (String prog : List.of("t1", "t2", "t3", "t4", "nm")) {
                assertThat(files).as(v + " " + prog).anyMatch(c -> c.id().startsWith("own-" + v + "-" + prog + "/"));
            }
        }
        return files.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<String> lines = Captures.lines(c.file());
            Parsed p = Captures.parse(parser, c.file());
            assertThat(p.error()).isNull();
            assertThat(p.ctx().unparsedSamples()).isEmpty();
            assertThat(p.ctx().records()).isEqualTo(lines.stream().filter(l -> !l.isBlank()).count());
            Map<String, Long> raw = rawCounts(lines);
            Map<String, Long> got = factCounts(p.facts());
            raw.putIfAbsent("flow", 0L);
            raw.putIfAbsent("from", 0L);
            raw.putIfAbsent("inlineLoc", 0L);
            got.putIfAbsent("flow", 0L);
            got.putIfAbsent("from", 0L);
            got.putIfAbsent("inlineLoc", 0L);
            assertThat(got).isEqualTo(raw);
            // an escape record with an empty message is the duplicate summary of the explanation beside it
            for (Fact f : p.facts()) {
                if (f instanceof EscapeFact e && e.evidence().text().contains("\"code\":\"escape\"")
                        && e.evidence().text().contains("\"message\":\"\"")) {
                    assertThat(e.duplicate() || e.subject().isEmpty()).isTrue();
                }
            }
            assertThat(parser.sniff(head(c.file()))).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> goldenDumps() {
        return files().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Parsed p = Captures.parse(parser, c.file(), c.id());
            List<Fact> resolved = FunctionResolver.resolve(p.facts(), List.of(c.sources()));
            String id = c.id();
            int slash = id.indexOf('/');
            String name = id.substring(slash + 1).replace('/', '_').replace(".json", ".facts.txt");
            Captures.golden(Captures.resources().resolve("golden").resolve(id.substring(0, slash)).resolve(name),
                    Captures.dump(resolved));
        }));
    }

    static InputHead head(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return new InputHead(f.getFileName().toString(), false,
                java.util.Arrays.copyOf(all, Math.min(all.length, InputHead.SIZE)));
    }

    // ------------------------------------------------------------------------------------------

    private static final String HEADER = "{\"version\":0,\"package\":\"main\",\"goos\":\"linux\",\"goarch\":\"amd64\","
            + "\"gc_version\":\"go1.26.8\",\"file\":\"/home/u/m/esc.go\"}";

    private Parsed parse(Path dir, String... lines) throws IOException {
        Path f = dir.resolve("esc.json");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return Captures.parse(parser, f, "esc.json");
    }

    private static <T> List<T> of(List<Fact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    @Test
    void positionsAreOneBasedAndPathsRelativeToThePackageDirectory(@TempDir Path dir) throws IOException {
        Parsed p = parse(dir, HEADER,
                "{\"range\":{\"start\":{\"line\":149,\"character\":12},\"end\":{\"line\":149,\"character\":12}},"
                        + "\"severity\":3,\"code\":\"nilcheck\",\"source\":\"go compiler\",\"message\":\"\","
                        + "\"relatedInformation\":[{\"location\":{\"uri\":\"file:///home/u/m/esc.go\",\"range\":{\"start\":"
                        + "{\"line\":67,\"character\":12},\"end\":{\"line\":67,\"character\":12}}},\"message\":\"inlineLoc\"},"
                        + "{\"location\":{\"uri\":\"file:///usr/lib/go/src/fmt/print.go\",\"range\":{\"start\":"
                        + "{\"line\":294,\"character\":17},\"end\":{\"line\":294,\"character\":17}}},\"message\":\"inlineLoc\"}]}",
                "{\"range\":{\"start\":{\"line\":5,\"character\":1},\"end\":{\"line\":9,\"character\":2}},\"severity\":3,"
                        + "\"code\":\"loop-modified-for\",\"source\":\"go compiler\",\"message\":\"\"}",
                "{\"range\":{\"start\":{\"line\":7,\"character\":3},\"end\":{\"line\":7,\"character\":3}},\"severity\":3,"
                        + "\"code\":\"somethingNew\",\"source\":\"go compiler\",\"message\":\"hello\"}");
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        List<OptRemark> r = of(p.facts(), OptRemark.class);
        assertThat(r).extracting(OptRemark::code, OptRemark::knownCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nilcheck", true),
                        org.assertj.core.groups.Tuple.tuple("loop-modified-for", true),
                        org.assertj.core.groups.Tuple.tuple("somethingNew", false));
        assertThat(r.get(0).pos().format()).isEqualTo("esc.go:149:12");
        assertThat(r.get(0).inlineChain()).extracting(SourcePos::format)
                .containsExactly("esc.go:67:12", "/usr/lib/go/src/fmt/print.go:294:17");
        assertThat(r.get(1).endLine()).isEqualTo(9);
        assertThat(of(p.facts(), LogoptHeader.class)).singleElement().satisfies(h -> {
            assertThat(h.pkgDir()).isEqualTo("/home/u/m");
            assertThat(h.gcVersion()).isEqualTo("go1.26.8");
        });
    }

    @Test
    void inliningRecordsAndTheEmptyRecursiveCallQuirk(@TempDir Path dir) throws IOException {
        Parsed p = parse(dir, HEADER,
                "{\"range\":{\"start\":{\"line\":11,\"character\":6},\"end\":{\"line\":11,\"character\":6}},\"severity\":3,"
                        + "\"code\":\"canInlineFunction\",\"source\":\"go compiler\",\"message\":\"cost: 3\"}",
                "{\"range\":{\"start\":{\"line\":112,\"character\":6},\"end\":{\"line\":112,\"character\":6}},\"severity\":3,"
                        + "\"code\":\"cannotInlineFunction\",\"source\":\"go compiler\","
                        + "\"message\":\"function too complex: cost 155 exceeds budget 80\"}",
                "{\"range\":{\"start\":{\"line\":91,\"character\":14},\"end\":{\"line\":91,\"character\":14}},\"severity\":3,"
                        + "\"code\":\"cannotInlineCall\",\"source\":\"go compiler\",\"message\":\"\"}",
                "{\"range\":{\"start\":{\"line\":153,\"character\":11},\"end\":{\"line\":153,\"character\":11}},\"severity\":3,"
                        + "\"code\":\"cannotInlineCall\",\"source\":\"go compiler\","
                        + "\"message\":\"repeated recursive cycle to main.recur\"}");
        List<InlineFact> in = of(p.facts(), InlineFact.class);
        assertThat(in).extracting(InlineFact::kind, InlineFact::cost, InlineFact::budget, InlineFact::reasonKind,
                        InlineFact::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("can-inline", 3, -1, "", ""),
                        org.assertj.core.groups.Tuple.tuple("cannot-inline", 155, 80, InlineReasons.TOO_COMPLEX, ""),
                        org.assertj.core.groups.Tuple.tuple("cannot-inline-call", -1, -1,
                                InlineReasons.RECURSIVE_CALL, ""),
                        org.assertj.core.groups.Tuple.tuple("cannot-inline-call", -1, -1,
                                InlineReasons.RECURSIVE_CYCLE, "main.recur"));
    }

    @Test
    void escapeRecordsPairExplanationAndSummary(@TempDir Path dir) throws IOException {
        String explanation = "{\"range\":{\"start\":{\"line\":30,\"character\":2},\"end\":{\"line\":30,\"character\":2}},"
                + "\"severity\":3,\"code\":\"escapes\",\"source\":\"go compiler\",\"message\":\"x escapes to heap\","
                + "\"relatedInformation\":[{\"location\":{\"uri\":\"file:///home/u/m/esc.go\",\"range\":{\"start\":"
                + "{\"line\":30,\"character\":2},\"end\":{\"line\":30,\"character\":2}}},\"message\":\"escflow:    flow: "
                + "{heap} ← \\u0026{storage for x}:\"},{\"location\":{\"uri\":\"file:///home/u/m/esc.go\",\"range\":"
                + "{\"start\":{\"line\":30,\"character\":7},\"end\":{\"line\":30,\"character\":7}}},\"message\":"
                + "\"escflow:      from x (interface-converted)\"}]}";
        String summary = "{\"range\":{\"start\":{\"line\":30,\"character\":2},\"end\":{\"line\":30,\"character\":2}},"
                + "\"severity\":3,\"code\":\"escape\",\"source\":\"go compiler\",\"message\":\"\"}";
        String named = "{\"range\":{\"start\":{\"line\":14,\"character\":2},\"end\":{\"line\":14,\"character\":2}},"
                + "\"severity\":3,\"code\":\"escape\",\"source\":\"go compiler\",\"message\":\"t escapes to heap\"}";
        String leak = "{\"range\":{\"start\":{\"line\":18,\"character\":15},\"end\":{\"line\":18,\"character\":15}},"
                + "\"severity\":3,\"code\":\"leak\",\"source\":\"go compiler\","
                + "\"message\":\"parameter p leaks to ~r0 with derefs=0\"}";
        Parsed p = parse(dir, HEADER, named, explanation, summary, leak);
        assertThat(p.ctx().unparsedSamples()).isEmpty();
        assertThat(of(p.facts(), EscapeFact.class))
                .extracting(EscapeFact::kind, EscapeFact::subject, EscapeFact::duplicate, EscapeFact::viaInterface,
                        EscapeFact::result, EscapeFact::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("moved-to-heap", "t", false, false, "", -1),
                        org.assertj.core.groups.Tuple.tuple("escapes", "x", false, true, "", -1),
                        org.assertj.core.groups.Tuple.tuple("escapes", "x", true, false, "", -1),
                        org.assertj.core.groups.Tuple.tuple("leak", "p", false, false, "~r0", 0));
        FlowStep s = of(p.facts(), EscapeFact.class).get(1).flow().get(0);
        assertThat(s.dst()).isEqualTo("{heap}");
        assertThat(s.ops()).isEqualTo("&");
        assertThat(s.src()).isEqualTo("{storage for x}");
        assertThat(s.notes().get(0).at().format()).isEqualTo("esc.go:30:7");
    }

    // ------------------------------------------------------------------------------------------
    // bad inputs

    @Test
    void missingOrWrongHeaderIsMalformedAtLineOne(@TempDir Path dir) throws IOException {
        record Bad(String name, String text, String message, boolean sniffs) {
        }
        byte[] junk = new byte[2048];
        new java.util.Random(3).nextBytes(junk);
        junk[0] = 0;
        for (Bad b : List.of(
                new Bad("empty", "", "empty -json log", false),
                new Bad("garbage", "hello world\nmore\n", "missing -json version header", false),
                new Bad("no version", "{\"package\":\"main\"}\n", "missing -json version header", false),
                // a log of another version is still a -json log: claimed, then refused with the reason
                new Bad("version 1", HEADER.replace("\"version\":0", "\"version\":1") + "\n",
                        "unsupported -json log version 1", true),
                new Bad("binary", new String(junk, StandardCharsets.ISO_8859_1), "missing -json version header",
                        false))) {
            Path f = dir.resolve(b.name().replace(' ', '_') + ".json");
            Files.write(f, b.text().getBytes(StandardCharsets.ISO_8859_1));
            Parsed p = Captures.parse(parser, f, "bad.json");
            assertThat(p.error()).as(b.name()).isNotNull();
            assertThat(p.error().kind()).as(b.name()).isEqualTo(ParseException.Kind.MALFORMED);
            assertThat(p.error().getMessage()).as(b.name()).startsWith("bad.json:1: " + b.message());
            assertThat(parser.sniff(head(f))).as(b.name()).isEqualTo(b.sniffs());
        }
    }

    @Test
    void aTruncatedRecordIsUnparsedAndTheOthersCount(@TempDir Path dir) throws IOException {
        Parsed p = parse(dir, HEADER,
                "{\"range\":{\"start\":{\"line\":11,\"character\":6},\"end\":{\"line\":11,\"character\":6}},\"severity\":3,"
                        + "\"code\":\"canInlineFunction\",\"source\":\"go compiler\",\"message\":\"cost: 3\"}",
                "{\"range\":{\"start\":{\"line\":13,\"character\":6},\"end\":{\"line\":13,\"char",
                "[1, 2, 3]",
                "{\"range\":{\"start\":{\"line\":20,\"character\":6},\"end\":{\"line\":20,\"character\":6}},\"severity\":3,"
                        + "\"code\":\"canInlineFunction\",\"source\":\"go compiler\",\"message\":\"cost: 9\"}");
        assertThat(p.error()).isNull();
        assertThat(p.ctx().records()).isEqualTo(5);
        assertThat(p.ctx().unparsedCount()).isEqualTo(2);
        assertThat(p.ctx().unparsedSamples().get(0).format()).startsWith("esc.json:3: bad JSON record");
        assertThat(p.ctx().unparsedSamples().get(1).format()).startsWith("esc.json:4: not an LSP diagnostic");
        assertThat(of(p.facts(), InlineFact.class)).extracting(InlineFact::cost).containsExactly(3, 9);
    }

    @Test
    void aFiftyMegabyteLineIsMalformedAtItsLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.json");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write((HEADER + "\n{\"range\":{\"start\":{\"line\":11,\"character\":6},\"end\":{\"line\":11,"
                    + "\"character\":6}},\"code\":\"canInlineFunction\",\"message\":\"cost: 3\"}\n{\"message\":\"")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Parsed p = Captures.parse(parser, f, "huge.json");
        assertThat(p.error()).isNotNull();
        assertThat(p.error().kind()).isEqualTo(ParseException.Kind.MALFORMED);
        assertThat(p.error().getMessage()).startsWith("huge.json:3: line longer than 1048576 bytes");
        assertThat(p.ctx().records()).isEqualTo(3);
        assertThat(of(p.facts(), InlineFact.class)).hasSize(1);
    }
}
