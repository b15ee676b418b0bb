package dev.perfwarden.engine.report.html;

import dev.perfwarden.facts.profile.ProfileData;
import dev.perfwarden.facts.profile.ProfileReader;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The flame graph of the bundled example's real profiles agrees with the profile reader the rules use. */
class FlameGraphTest {
    static Path example(String name) {
        String root = System.getProperty("perfwarden.root", "..");
        return Path.of(root, "examples", "captured", "orders", name);
    }

    @Test
    void everyFunctionsWidthIsItsCumulativeValue() throws Exception {
        for (String[] c : new String[][] {{"cpu.pprof", "cpu"}, {"mem.pprof", "alloc_space"}}) {
            Path p = example(c[0]);
            FlameGraph g = FlameGraph.read(p, c[1]).orElseThrow();
            ProfileData d = new ProfileReader().read(p);
            int t = d.sampleIndex(c[1]);
            assertThat(g.total()).as(c[0] + " total").isEqualTo(d.total(t));
            Map<String, Long> cum = new HashMap<>();
            sum(g.root(), new HashSet<>(), cum);
            int checked = 0;
            for (int fn = 0; fn < d.functionCount(); fn++) {
                if (d.cum(fn, t) > 0) {
                    assertThat(cum.getOrDefault(d.functionName(fn), 0L)).as(c[0] + " " + d.functionName(fn))
                            .isEqualTo(d.cum(fn, t));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(20);
        }
    }

    /** A function's cum: the boxes named after it that have no box of the same name above them. */
    private static void sum(FlameGraph.Node n, Set<String> above, Map<String, Long> cum) {
        for (FlameGraph.Node c : n.children.values()) {
            boolean outer = above.add(c.name);
            if (outer) {
                cum.merge(c.name, c.value, Long::sum);
            }
            sum(c, above, cum);
            if (outer) {
                above.remove(c.name);
            }
        }
    }

    @Test
    void theSvgHasABoxPerWideEnoughCallPathWithItsShareInTheTitle() throws Exception {
        FlameGraph g = FlameGraph.read(example("cpu.pprof"), "cpu").orElseThrow();
        Element svg = g.svg("flame1");
        assertThat(svg.select("g.fr").first().attr("data-n")).isEqualTo("all");
        assertThat(svg.select("g.fr").first().selectFirst("title").text()).startsWith("all — 100.0 %");
        assertThat(svg.select("g.fr[data-n=example.com/orders.ParseOrder]")).isNotEmpty();
        assertThat(svg.select("g.k-runtime")).isNotEmpty();
        assertThat(svg.select("g.k-module")).isNotEmpty();
    }

    @Test
    void aFileThatIsNoProfileProtoHasNoGraph() throws Exception {
        Path tmp = Files.createTempFile("legacy", ".txt");
        Files.writeString(tmp, "heap profile: 1: 2 [3: 4] @ heap/1048576\n");
        assertThat(FlameGraph.read(tmp, "cpu")).isEmpty();
        Files.delete(tmp);
    }

    /** attack5 probe 08: a small gzipped profile that inflates past the bound is refused, named, not decoded. */
    @Test
    void aProfileThatInflatesPastTheBoundIsRefusedWithoutDecodingIt() throws Exception {
        com.google.perftools.profiles.ProfileProto.Profile.Builder b = com.google.perftools.profiles.ProfileProto.Profile
                .newBuilder().addStringTable("");
        String big = "a".repeat(1 << 16);
        for (int i = 0; i < 64; i++) {
            b.addStringTable(big); // 4 MiB of strings, a few KiB gzipped
        }
        Path bomb = Files.createTempFile("bomb", ".pprof");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
            b.build().writeTo(out);
        }
        assertThat(Files.size(bomb)).isLessThan(64 << 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlameGraph.read(bomb, "cpu", 1 << 20))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("the profile holds more than 1 MiB once decompressed, more than a flame graph is drawn from"
                        + " with this heap (PERFWARDEN_JAVA_OPTS=-Xmx… gives more)");
        assertThat(FlameGraph.read(bomb, "cpu", 8 << 20)).isEmpty(); // within the bound: decoded, no cpu samples
        Files.delete(bomb);
    }

    @Test
    void namesAreCutToTheirBoxes() {
        assertThat(FlameGraph.fit("example.com/orders.ParseOrder", 1200)).isEqualTo("example.com/orders.ParseOrder");
        assertThat(FlameGraph.fit("example.com/orders.ParseOrder", 60)).isEqualTo("example…");
        assertThat(FlameGraph.fit("example.com/orders.ParseOrder", 20)).isEmpty();
    }
}
