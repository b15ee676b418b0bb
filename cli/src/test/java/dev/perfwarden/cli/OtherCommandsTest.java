package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OtherCommandsTest {
    static final Path ROOT = Cli.root();

    @Test
    void helpListsCommandsAndExitCodes() {
        Cli.Run r = Cli.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("analyze", "scan", "hot", "explain", "test", "Exit codes:", "70");
        for (String sub : new String[] {"analyze", "scan", "hot", "explain", "test", "packs"}) {
            Cli.Run h = Cli.run(sub, "--help");
            assertThat(h.exit()).as(sub).isZero();
            assertThat(h.out()).as(sub).contains("Usage: perfwarden " + sub);
        }
    }

    @Test
    void explainPrintsTheRuleDocPage() throws Exception {
        Cli.Run r = Cli.run("explain", "interface-escape");
        assertThat(r.exit()).as(r.err()).isZero();
        String doc = Files.readString(ROOT.resolve("rules/packs/go-perf/interface-escape/doc.md"));
        assertThat(r.out()).contains("go-perf@").contains(doc.strip().lines().skip(1).findFirst().orElse(""));
        Cli.Run unknown = Cli.run("explain", "no-such-rule");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no-such-rule").contains("interface-escape");
    }

    @Test
    void hotTableMatchesPprofTopOnTheBundledProfile() throws Exception {
        Path cpu = ROOT.resolve("examples/captured/orders/cpu.pprof");
        Cli.Run r = Cli.run("hot", cpu.toString(), "--top", "5", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.path("functions").size()).isEqualTo(5);
        // first row of go tool pprof -top, captured by testdata/regen.sh
        String top = Files.readString(ROOT.resolve("examples/captured/orders/pprof-top.txt"));
        Matcher m = Pattern.compile("(?m)^[ \\t]+\\S+[ \\t]+\\S+%[ \\t]+\\S+%[ \\t]+\\S+[ \\t]+\\S+%[ \\t]+(.+?)(?: \\(inline\\))?$").matcher(top);
        assertThat(m.find()).isTrue();
        assertThat(t.path("functions").get(0).path("function").asText()).isEqualTo(m.group(1));
    }

    /** Several profiles (scan's cpu-N.pprof) make one table, merged as pprof merges them and as analyze weighs them. */
    @Test
    void hotMergesSeveralProfilesAndTakesOneForDisasm() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("hot", "--top", "20"));
        for (String p : List.of("testdata/captured/go1.26.8/sites/cpu.pprof", "testdata/captured/go1.26.8/shapes/cpu.pprof",
                "testdata/modules/uuid/cpu.pprof")) {
            args.add(ROOT.resolve(p).toString());
        }
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        // the real go tool pprof -top of the three (facts/src/test/resources/pprof/regen-top.sh), labels aside
        String pprof = Files.readString(ROOT.resolve("facts/src/test/resources/pprof/merge/pprof-top.txt"));
        assertThat(r.out().replaceAll(" \\((partial-)?inline\\)\n", "\n"))
                .isEqualTo(pprof.replaceAll(" \\((partial-)?inline\\)\n", "\n"));
        args.addAll(List.of("--disasm", "Parse", "--objdump", "x.txt"));
        Cli.Run disasm = Cli.run(args.toArray(String[]::new));
        assertThat(disasm.exit()).isEqualTo(2);
        assertThat(disasm.err()).contains("--disasm, --binary and --objdump take one profile (of that binary), not 3");
    }

    @Test
    void hotRejectsNonProfiles() {
        Cli.Run r = Cli.run("hot", ROOT.resolve("README.md").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("README.md");
    }

    @Test
    void builtInPackTestsPassThroughTheCli() {
        Cli.Run r = Cli.run("test", ROOT.resolve("rules/packs/go-perf").toString(), "--rule", "leaking-param");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("leaking-param").contains("go1.26.8").contains("0 failed");
    }

    @Test
    void packsListShowsTheBuiltInPackWithItsHash() {
        Cli.Run r = Cli.run("packs", "list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("go-perf@\\d+\\.\\d+\\.\\d+\\s+[0-9a-f]{64}");
    }
}
