package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main command and the analyze contract, run in process. */
class AnalyzeCommandTest {
    static final Path ROOT = Cli.root();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bundledExampleGivesFindingsAttributedToFunctions() throws Exception {
        Cli.Run r = Cli.run("analyze", ROOT.resolve("examples/captured/orders").toString(), "--format", "json",
                "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("tool").path("name").asText()).isEqualTo("perfwarden");
        assertThat(doc.path("packs").get(0).path("id").asText()).isEqualTo("go-perf");
        assertThat(doc.path("findings").size()).isPositive();
        for (JsonNode in : doc.path("inputs")) {
            assertThat(in.path("unparsed").asLong()).as(in.path("path").asText()).isZero();
            assertThat(in.has("error")).as(in.toString()).isFalse();
        }
        for (JsonNode f : doc.path("findings")) {
            assertThat(f.path("file").asText()).doesNotStartWith("./").doesNotStartWith("/");
            assertThat(f.path("fingerprint").asText()).hasSize(64);
            assertThat(f.path("pack").asText()).isEqualTo("go-perf@" + doc.path("packs").get(0).path("version").asText());
        }
        // every finding of the example sits in a function of the example's own sources
        List<String> symbols = new ArrayList<>();
        doc.path("findings").forEach(f -> symbols.add(f.path("function").asText()));
        assertThat(symbols).allMatch(s -> s.startsWith("main.") || s.startsWith("example.com/orders/"));
        assertThat(doc.path("summary").path("findings").asInt()).isEqualTo(doc.path("findings").size());
    }

    @Test
    void gateFailsWithExitOneWhenFindingsReachTheThreshold() {
        Cli.Run pass = Cli.run("analyze", ROOT.resolve("examples/captured/orders").toString(), "--fail-on", "none");
        Cli.Run fail = Cli.run("analyze", ROOT.resolve("examples/captured/orders").toString(), "--fail-on", "note");
        assertThat(pass.exit()).isZero();
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains("[");
    }

    @Test
    void stdinIsReadLikeAFile() throws Exception {
        byte[] m2 = Files.readAllBytes(ROOT.resolve("rules/packs/go-perf/leaking-param/captures/go1.26.8/m2.txt"));
        Cli.Run r = Cli.runWithStdin(new ByteArrayInputStream(m2), "analyze", "-", "--format", "json",
                "--fail-on", "none", "--source", ROOT.resolve("rules/packs/go-perf/leaking-param/fixture").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("inputs").get(0).path("path").asText()).isEqualTo("<stdin>");
        assertThat(doc.path("inputs").get(0).path("kind").asText()).isEqualTo("escape-text");
        long lines = new String(m2).lines().count();
        assertThat(doc.path("inputs").get(0).path("records").asLong()).isEqualTo(lines);
        assertThat(doc.path("findings").toString()).contains("leaking-param");
    }

    @Test
    void aBrokenRecordIsNamedWithFileAndLineAndTheOtherInputsStillCount(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("broken.json");
        // a -json log whose second record is cut off: that record is counted as unparsed and named
        Files.writeString(junk, "{\"version\":0,\"package\":\"main\",\"goos\":\"linux\",\"goarch\":\"amd64\","
                + "\"gc_version\":\"go1.26.8\",\"file\":\"/tmp/x/main.go\"}\n{\"range\":{\"start\":{\"line\":3");
        Path good = ROOT.resolve("rules/packs/go-perf/leaking-param/captures/go1.26.8/m2.txt");
        Cli.Run r = Cli.run("analyze", junk.toString(), good.toString(), "--format", "json", "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning").contains("broken.json:2");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("inputs").size()).isEqualTo(2);
        assertThat(doc.path("inputs").get(0).path("unparsed").asLong()).isEqualTo(1);
        assertThat(doc.path("inputs").get(1).path("records").asLong()).isPositive();
        assertThat(doc.path("inputs").get(1).path("unparsed").asLong()).isZero();
    }

    @Test
    void binaryJunkFailsThatInputWithExitTwoButTheOthersAreAnalysed(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("m2.txt");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        Path good = ROOT.resolve("rules/packs/go-perf/leaking-param/captures/go1.26.8/m2.txt");
        Cli.Run r = Cli.run("analyze", junk.toString(), good.toString(), "--format", "json", "--fail-on", "none",
                "--source", ROOT.resolve("rules/packs/go-perf/leaking-param/fixture").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(junk.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("findings").toString()).contains("leaking-param");
    }

    @Test
    void findingsOutsideTheModuleAreHiddenAndCountedUnlessAskedFor() throws Exception {
        String ex = ROOT.resolve("examples/captured/orders").toString();
        JsonNode hidden = JSON.readTree(Cli.run("analyze", ex, "--format", "json", "--fail-on", "none").out());
        JsonNode shown = JSON.readTree(Cli.run("analyze", ex, "--format", "json", "--fail-on", "none",
                "--include-external").out());
        int external = 0;
        for (JsonNode f : shown.path("findings")) {
            String file = f.path("file").asText();
            if (file.startsWith("/") || file.startsWith("<")) {
                external++;
            }
        }
        assertThat(external).isPositive();
        assertThat(hidden.path("findings").size()).isEqualTo(shown.path("findings").size() - external);
        assertThat(hidden.path("summary").path("hidden").toString()).contains("external");
    }

    @Test
    void unknownFormatAndMissingFileAreUsageErrors(@TempDir Path tmp) throws Exception {
        Path txt = tmp.resolve("notes.txt");
        Files.writeString(txt, "hello, this is not compiler output\n");
        Cli.Run r = Cli.run("analyze", txt.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("notes.txt").contains("unrecognized input format");
        Cli.Run missing = Cli.run("analyze", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void badOptionValuesExitTwoAndSaySo() {
        Cli.Run r = Cli.run("analyze", ROOT.resolve("examples/captured/orders").toString(), "--format", "xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--format").contains("xml");
        Cli.Run g = Cli.run("analyze", ROOT.resolve("examples/captured/orders").toString(), "--fail-on", "sometimes");
        assertThat(g.exit()).isEqualTo(2);
        assertThat(g.err()).contains("--fail-on");
    }

    @Test
    void sarifOutFileIsWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sub/perfwarden.sarif");
        Cli.Run r = Cli.run("analyze", ROOT.resolve("examples/captured/orders").toString(), "--format", "sarif",
                "--out", out.toString(), "--fail-on", "none");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode sarif = JSON.readTree(out.toFile());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs").get(0).path("results").size()).isPositive();
        assertThat(sarif.path("runs").get(0).path("results").get(0).path("partialFingerprints").size()).isPositive();
    }
}
