package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the report says per instance on testdata/go/shapes ({@code Index[T]} with int, string and {@code Named}, each
 * called from {@code run}'s loop), captured with Go 1.26.8 and Go 1.23.5 (m2.txt, objdump.txt, cpu.pprof).
 */
class ShapesFindingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SHAPES = {"go.shape.int", "go.shape.string", "go.shape.interface"};
    /** Index's calls in run: Index(a, …) at main.go:77 (int), 78 (string), 79 (Named). */
    private static final int[] CALL_LINES = {77, 78, 79};

    private static List<JsonNode> findings(Path cap, boolean profile) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", cap.resolve("m2.txt").toString(),
                cap.resolve("objdump.txt").toString()));
        if (profile) {
            args.add(cap.resolve("cpu.pprof").toString());
        }
        args.addAll(List.of("--source", Cli.root().resolve("testdata/go/shapes").toString(), "--format", "json",
                "--fail-on", "none", "--no-config", "--all"));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(run.out()).get("findings").forEach(out::add);
        return out;
    }

    private static JsonNode at(List<JsonNode> fs, String rule, int line) {
        return fs.stream().filter(f -> f.get("rule").asText().equals(rule) && f.get("line").asInt() == line)
                .reduce((a, b) -> {
                    throw new AssertionError("two " + rule + " findings at line " + line);
                }).orElseThrow(() -> new AssertionError("no " + rule + " finding at line " + line));
    }

    /**
     * The cum % of each Index shape in {@code go tool pprof -top -ignore='^runtime\\.asyncPreempt$'} of the capture's
     * CPU profile, as a share: a line's cost leaves out the samples where the goroutine was being preempted (session
     * 11), as that option does (pprof-top.txt, without it, counts them).
     */
    private static Map<String, Double> pprofCum(Path cap) throws IOException {
        Map<String, Double> cum = new HashMap<>();
        Pattern row = Pattern.compile("\\s([0-9.]+)%\\s+example\\.com/shapes\\.Index\\[(go\\.shape\\.[a-z]+)");
        Process p = new ProcessBuilder("go", "tool", "pprof", "-top", "-ignore=^runtime\\.asyncPreempt$",
                cap.resolve("cpu.pprof").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> top = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        try {
            assertThat(p.waitFor()).as("go tool pprof -top").isZero();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        for (String l : top) {
            Matcher m = row.matcher(l);
            if (m.find()) {
                cum.put(m.group(2), Double.parseDouble(m.group(1)) / 100);
            }
        }
        return cum;
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.26.8", "go1.23.5"})
    void eachShapeIsCalledAndWeighedApartAndTheSiteIsOneFinding(String version) throws IOException {
        Path cap = Cli.root().resolve("testdata/captured/" + version + "/shapes");
        List<JsonNode> fs = findings(cap, true);
        Map<String, Double> cum = pprofCum(cap);
        double top = 0;
        String topShape = "";
        for (int i = 0; i < SHAPES.length; i++) {
            JsonNode call = at(fs, "hot-call-not-inlined", CALL_LINES[i]);
            assertThat(call.get("message").asText()).as(version).contains("main.run calls main.Index[" + SHAPES[i]);
            // each call is weighed by its own cost (session 16: its line's self share, as this objdump is not of the
            // profiled binary), not by the shape's samples below it, which an inlined copy keeps
            assertThat(call.get("cost").get("measure").asText()).as(version).isEqualTo("self");
            double share = call.get("cost").get("cpuShare").asDouble();
            if (cum.containsKey(SHAPES[i])) { // pprof -top lists the 40 costliest nodes only
                assertThat(share).as("%s %s: the call's own samples, not the shape's", version, SHAPES[i])
                        .isLessThan(cum.get(SHAPES[i]));
                if (cum.get(SHAPES[i]) > top) {
                    top = cum.get(SHAPES[i]);
                    topShape = SHAPES[i];
                }
            }
        }
        // the three shapes' decisions are one site (main.go:29:6): the costliest shape leads, weighed by its samples
        JsonNode decision = at(fs, "inline-budget", 29);
        assertThat(decision.get("function").asText()).startsWith("main.Index[" + topShape);
        assertThat(decision.get("cost").get("cpuShare").asDouble()).isCloseTo(top, org.assertj.core.data.Offset.offset(0.001));
        assertThat(decision.get("inlinedInto")).isEmpty();
        // the boxing of x (main.go:36) is one finding with both boxing shapes' evidence: -m=2 prints it once per
        // shape, and each shape's machine code boxes with its own runtime call (the interface shape boxes nothing)
        JsonNode boxing = at(fs, "interface-escape", 36);
        assertThat(boxing.get("evidence").toString()).contains("x escapes to heap")
                .contains("CALL runtime.convT64(SB)").contains("CALL runtime.convTstring(SB)");
        // Go 1.25+ name the instance in each explanation block: the message says which shapes box; 1.23 cannot
        assertThat(boxing.get("message").asText()).as(version).startsWith(version.equals("go1.26.8")
                ? "x escapes to heap in main.Index[go.shape.int] and main.Index[go.shape.string]: "
                : "x escapes to heap: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.26.8", "go1.23.5"})
    void aProfileThatRanksTheShapesOtherwiseKeepsEveryFingerprint(String version) throws IOException {
        Path cap = Cli.root().resolve("testdata/captured/" + version + "/shapes");
        List<JsonNode> with = findings(cap, true);
        List<JsonNode> without = findings(cap, false);
        JsonNode ranked = at(with, "inline-budget", 29);
        JsonNode unranked = at(without, "inline-budget", 29);
        // with samples the interface shape leads the site; without, no cost tells the shapes apart
        assertThat(ranked.get("function").asText()).isNotEqualTo(unranked.get("function").asText());
        assertThat(ranked.get("fingerprint").asText()).isEqualTo(unranked.get("fingerprint").asText());
        assertThat(at(with, "interface-escape", 36).get("fingerprint").asText())
                .isEqualTo(at(without, "interface-escape", 36).get("fingerprint").asText());
    }

    /**
     * The text report's line for a hot call keeps the compiler's reason, however long the callee's name: the interface
     * shape's {@code main.Index[go.shape.interface { Name() string }]} pushed the first sentence past the short form's
     * 140 characters, and the cut at the last clause boundary dropped the reason ("..., which the compiler did not
     * inline [hot-call-not-inlined]"). Index is 10 over the budget: its call sites are notes that point at its
     * inline-budget finding, which lists them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"go1.26.8", "go1.23.5"})
    void theTextLineOfAHotCallKeepsTheReasonAndPointsAtTheCalleesFinding(String version) throws IOException {
        Path cap = Cli.root().resolve("testdata/captured/" + version + "/shapes");
        Cli.Run run = Cli.run("analyze", cap.resolve("m2.txt").toString(), cap.resolve("objdump.txt").toString(),
                cap.resolve("cpu.pprof").toString(), "--source", Cli.root().resolve("testdata/go/shapes").toString(),
                "--fail-on", "none", "--no-config", "--all");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("main.go:79: ")).toList()).singleElement().asString()
                .contains("note: hot call not inlined: main.run calls main.Index[go.shape.interface {")
                .containsPattern("\\(function too complex: cost \\d+ exceeds budget 80, \\d+ over\\) \\[hot-call-not-inlined\\]");
        List<JsonNode> fs = findings(cap, true);
        for (int line : CALL_LINES) {
            assertThat(at(fs, "hot-call-not-inlined", line).get("message").asText())
                    .contains("inline-budget reports it at main.go:29");
        }
        assertThat(at(fs, "inline-budget", 29).get("message").asText()).containsPattern("call sites? with CPU samples")
                .contains("main.go:79");
    }
}
