package dev.perfwarden.rules;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The go-perf pack as compiled when perfwarden is built (the Drools executable model, and the loaded pack's
 * image) against the same pack loaded from its sources and compiled by Drools' classic DRL compiler: the
 * same catalogue, and the same findings on real captures (the bundled example and every rule's fixture
 * captures).
 */
class PrecompiledPackTest {
    private static final ClassLoader CL = PrecompiledPackTest.class.getClassLoader();

    @Test
    void theBuiltInPackIsReadFromItsImageAndEqualsTheSourceTree() throws Exception {
        Pack image = PackLoader.loadBuiltin(CL, "go-perf");
        Pack sources = PackLoader.load(GoPerfPack.packDir());
        assertThat(image.sha256()).isEqualTo(sources.sha256());
        assertThat(image.rules()).isEqualTo(sources.rules());
        assertThat(image.parameters()).isEqualTo(sources.parameters());
        assertThat(image.files()).isEqualTo(sources.files());
        assertThat(image.engineRange().toString()).isEqualTo(sources.engineRange().toString());
        assertThat(image.sources()).hasSameSizeAs(sources.sources());
        for (int i = 0; i < image.sources().size(); i++) {
            assertThat(image.sources().get(i).drl()).isEqualTo(sources.sources().get(i).drl());
            assertThat(image.sources().get(i).lineMap().toString())
                    .isEqualTo(sources.sources().get(i).lineMap().toString());
        }
    }

    @Test
    void buildingTheBuiltInPackCompilesNothing() throws Exception {
        RuleSet rules = RuleSet.build(List.of(PackLoader.loadBuiltin(CL, "go-perf")), CL);
        assertThat(rules.compiledBy()).isEqualTo("prebuilt");
        var kp = rules.kieBase().getKiePackage("perfwarden.packs.go_perf");
        // queries are Drools rules too: every pack's param/paramText, and its library's
        java.util.Set<String> queries = new java.util.TreeSet<>();
        kp.getQueries().forEach(q -> queries.add(q.getName()));
        assertThat(queries).contains("param", "paramText");
        assertThat(kp.getRules()).filteredOn(r -> !queries.contains(r.getName())).hasSize(rules.rules().size());
        // the source tree of the same pack is recognised by its sha256 and uses the same precompiled rules
        assertThat(RuleSet.build(List.of(PackLoader.load(GoPerfPack.packDir())), CL).compiledBy()).isEqualTo("prebuilt");
    }

    @TestFactory
    Stream<DynamicTest> sameFindingsAsTheClassicCompiler() throws Exception {
        Pack pack = PackLoader.loadBuiltin(CL, "go-perf");
        RuleSet precompiled = RuleSet.build(List.of(pack), CL);
        RuleSet classic = RuleSet.buildClassic(List.of(pack), CL);
        assertThat(precompiled.compiledBy()).isEqualTo("prebuilt");
        assertThat(classic.compiledBy()).isEqualTo("drl");
        List<Path> captures = GoPerfPack.exampleAndFixtureCaptures();
        assertThat(captures).hasSizeGreaterThan(5);
        return captures.stream().map(dir -> DynamicTest.dynamicTest(GoPerfPack.root().relativize(dir).toString(), () -> {
            InputReader.Result read = new InputReader().read(List.of(dir.toString()), InputStream.nullInputStream());
            List<Finding> a = precompiled.run(read.facts(), Map.of());
            List<Finding> b = classic.run(read.facts(), Map.of());
            assertThat(a).isEqualTo(b);
            if (dir.endsWith("examples/captured/orders")) {
                assertThat(a).as("the example has findings").hasSizeGreaterThan(10);
            }
        }));
    }
}
