package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import dev.perfwarden.engine.pack.RuleSource;
import dev.perfwarden.engine.restrict.RestrictedMode;
import dev.perfwarden.facts.input.InputReader;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * go-perf's DSL vocabulary ({@code rules/packs/go-perf/go-perf.dsl}) as a user would use it: a user
 * pack ({@code src/test/resources/dsl-users}, with a copy of go-perf.dsl at its root) holds rules written
 * only in those sentences, covering what the built-in rules do not use (content leaks, leaks to results,
 * runtime-call joins and their negation, machine-code presence, inlined calls, hotness by a pack's
 * threshold, plain and templated reports). They run on real captures and must find exactly the lines
 * listed here. And every sentence of the DSL is used by at least one .dslr, built-in or here, so none
 * is left unexpanded-and-untested.
 */
class DslVocabularyTest {
    @TempDir
    static Path tmp;

    static Pack users;

    @BeforeAll
    static void load() throws Exception {
        Path src = GoPerfPack.root().resolve("rules/src/test/resources/dsl-users");
        Path dst = tmp.resolve("dsl-users");
        copyTree(src, dst);
        Files.copy(GoPerfPack.packDir().resolve("go-perf.dsl"), dst.resolve("go-perf.dsl"));
        users = PackLoader.load(dst);
    }

    static Stream<Arguments> cases() {
        Path pack = GoPerfPack.packDir();
        Path corpus = GoPerfPack.root().resolve("testdata/corpus");
        return Stream.of(
                Arguments.of(pack.resolve("leaking-param"), "go1.26.8", Map.of(),
                        Map.of("content-leak", List.of(42), "leak-to-result", List.of(37))),
                Arguments.of(pack.resolve("pointer-receiver-iface-escape"), "go1.26.8", Map.of(),
                        Map.of("iface-moved", List.of(27, 36), "boxing-call", List.of(63))),
                Arguments.of(pack.resolve("closure-capture-large"), "go1.26.8", Map.of(),
                        Map.of("captured-moved", List.of(18, 27, 56))),
                Arguments.of(pack.resolve("closure-capture-large"), "go1.26.8", Map.of("dsl-users:capture.minWidth", 64),
                        Map.of("captured-moved", List.of(18, 27))),
                Arguments.of(pack.resolve("inline-budget"), "go1.26.8", Map.of(),
                        Map.of("near-budget", List.of(53, 76, 107))), // tagged (7 over), mixOver (5), remove (10)
                Arguments.of(pack.resolve("inline-recursive"), "go1.26.8", Map.of(),
                        Map.of("recursion-cut", List.of(55))),
                // corpus programs: sources and captures in one folder
                Arguments.of(corpus.resolve("go1.23/t2"), null, Map.of(),
                        Map.of("boxing-call", List.of(28, 31, 41, 46), "inlined-alloc", List.of(46))),
                Arguments.of(corpus.resolve("go1.23/t3"), null, Map.of(),
                        Map.of("hot-inlinable", List.of(5, 13))),
                Arguments.of(corpus.resolve("go1.23/t3"), null, Map.of("dsl-users:hot.function.cumShare", 0.5),
                        Map.of("hot-inlinable", List.of(5))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void userRulesFindExactlyTheseLines(Path dir, String capture, Map<String, Object> params,
                                        Map<String, List<Integer>> expected) throws Exception {
        Path in = capture == null ? dir : dir.resolve("captures").resolve(capture);
        Path sources = capture == null ? dir : dir.resolve("fixture");
        InputReader.Result read = new InputReader().read(List.of(in.toString()), List.of(sources),
                InputStream.nullInputStream());
        List<Finding> found = RuleSet.build(List.of(users), getClass().getClassLoader()).run(read.facts(), params);
        Map<String, List<Integer>> lines = new TreeMap<>();
        for (Finding f : found) {
            lines.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f.line());
        }
        lines.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
        assertThat(lines).isEqualTo(new TreeMap<>(expected));
        assertThat(found).allSatisfy(f -> assertThat(f.evidence()).as("evidence of %s", f).isNotEmpty());
    }

    @Test
    void everySentenceIsUsedByARule() throws Exception {
        DSLTokenizedMappingFile dsl = new DSLTokenizedMappingFile();
        assertThat(dsl.parseAndLoad(new StringReader(Files.readString(GoPerfPack.packDir().resolve("go-perf.dsl")))))
                .as("go-perf.dsl parses: %s", dsl.getErrors()).isTrue();
        List<String> sentences = new ArrayList<>();
        Pack goPerf = PackLoader.load(GoPerfPack.packDir());
        for (Pack p : List.of(goPerf, users)) {
            for (RuleSource s : p.sources()) {
                if (s.language() == RuleSource.Language.DSLR) {
                    s.text().lines().map(String::strip).forEach(sentences::add);
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (DSLMappingEntry e : dsl.getMapping().getEntries()) {
            if (sentences.stream().noneMatch(l -> e.getKeyPattern().matcher(l).find())) {
                unused.add("[" + e.getSection() + "]" + e.getMappingKey());
            }
        }
        assertThat(unused).as("DSL sentences no .dslr uses").isEmpty();
    }

    /**
     * A copied sentence reads the parameters of the pack it is copied into: no sentence names a pack (no
     * {pack} placeholder, no Param fact), parameters go through the pack's own param query.
     */
    @Test
    void noSentenceNamesAPack() throws Exception {
        DSLTokenizedMappingFile dsl = new DSLTokenizedMappingFile();
        assertThat(dsl.parseAndLoad(new StringReader(Files.readString(GoPerfPack.packDir().resolve("go-perf.dsl")))))
                .isTrue();
        List<String> naming = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (DSLMappingEntry e : dsl.getMapping().getEntries()) {
            if (e.getMappingKey().contains("{pack}") || e.getMappingValue().contains("Param(")) {
                naming.add(e.getMappingKey());
            }
            if (e.getMappingValue().contains("param(\"")) {
                params.add(e.getMappingKey());
            }
        }
        assertThat(naming).as("sentences that name a pack").isEmpty();
        assertThat(params).as("sentences that read the rule's own pack's parameters")
                .contains("the parameter {name} is {var}", "the site's function is hot");
    }

    /**
     * A user pack may copy go-perf.dsl and use every sentence at the default trust: the user rules here (which,
     * with the built-in .dslr rules, use every sentence) and the built-in .dslr rules themselves pass restricted
     * mode.
     */
    @Test
    void theVocabularyPassesRestrictedMode() throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        assertThat(RestrictedMode.check(users, cl)).extracting(Problem::format).isEmpty();
        Pack goPerf = PackLoader.load(GoPerfPack.packDir());
        Pack dslrOnly = new Pack(goPerf.id(), goPerf.version(), goPerf.engineRange(), goPerf.requires(),
                goPerf.description(), goPerf.origin(), goPerf.sha256(), goPerf.parameters(), goPerf.rules(),
                goPerf.sources().stream().filter(s -> s.language() == RuleSource.Language.DSLR).toList(),
                goPerf.dsl(), goPerf.files());
        assertThat(dslrOnly.sources()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(RestrictedMode.check(dslrOnly, cl)).extracting(Problem::format).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
