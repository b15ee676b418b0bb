package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinned packs for auditors, end to end through the CLI: malicious packs refused in restricted mode (exit 2,
 * file:line, nothing happened), lock files (a tampered pack refused, an untampered one runs), project files,
 * source suppressions and baselines.
 */
class PinnedPacksCliTest {
    static final Path ROOT = Cli.root();
    static final Path MALICIOUS = ROOT.resolve("engine/src/test/resources/malicious");
    static final Path USERPACK = ROOT.resolve("engine/src/test/resources/packs/userpack");
    static final Path ORDERS_M2 = ROOT.resolve("examples/captured/orders/m2.txt");
    static final Path ORDERS_SRC = ROOT.resolve("examples/orders");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static void copyTree(Path src, Path dst, Map<String, String> replace) {
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (replace.isEmpty()) {
                    Files.copy(p, t);
                } else {
                    String s = Files.readString(p, StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> e : replace.entrySet()) {
                        s = s.replace(e.getKey(), e.getValue());
                    }
                    Files.writeString(t, s, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> expected(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : Files.readAllLines(dir.resolve("expected.txt"))) {
            int c = l.indexOf(':');
            if (c > 0) {
                m.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
            }
        }
        return m;
    }

    static void zip(Path dir, Path zip) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                    z.write(Files.readAllBytes(p));
                    z.closeEntry();
                }
            }
        }
    }

    Path capture() throws IOException {
        Path c = tmp.resolve("m.txt");
        Files.writeString(c, "# example.com/m\n./main.go:5:6: moved to heap: x\n");
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyMaliciousPackIsRefusedWithExitTwoAndNothingHappens() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(MALICIOUS)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        Path capture = capture();
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String> want = expected(dir);
            Path work = tmp.resolve(dir.getFileName().toString());
            Path marker = work.resolve("marker");
            Path pack = work.resolve("pack");
            copyTree(dir, pack, Map.of("@MARKER@", marker.toString()));
            String where = pack + "/" + want.get("file") + ":" + want.get("line");

            Cli.Run r = Cli.run("analyze", "--no-config", "--rules", pack.toString(), capture.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("rule pack refused").contains(where).contains(want.get("message"));
            assertThat(r.out()).isEmpty();

            Cli.Run v = Cli.run("packs", "verify", "--no-config", "--rules", pack.toString());
            assertThat(v.exit()).as(v.out() + v.err()).isEqualTo(2);
            assertThat(v.err()).contains(where);

            Path zip = work.resolve("evil.zip");
            zip(pack, zip);
            Cli.Run z = Cli.run("analyze", "--no-config", "--rules", zip.toString(), capture.toString());
            assertThat(z.exit()).as(z.err()).isEqualTo(2);
            assertThat(z.err()).contains(zip + "/" + want.get("file") + ":" + want.get("line"));
            assertThat(marker).as("nothing may have happened").doesNotExist();
        }));
    }

    @Test
    void trustFullIsNeededForJavaBeyondTheAllowList() throws IOException {
        Path pack = tmp.resolve("userpack");
        copyTree(USERPACK, pack, Map.of());
        Path rule = pack.resolve("escape-flow/rule.drl");
        Files.writeString(rule, Files.readString(rule).replace("    TreeSet<String> names", "    System.out.flush();\n    TreeSet<String> names"));
        Cli.Run restricted = Cli.run("analyze", "--no-config", "--rules", pack.toString(), ORDERS_M2.toString());
        assertThat(restricted.exit()).isEqualTo(2);
        assertThat(restricted.err()).contains(rule + ":28:5: error: 'System' is not allowed here");
        Cli.Run full = Cli.run("analyze", "--no-config", "--trust=full", "--rules", pack.toString(),
                "--fail-on", "none", ORDERS_M2.toString());
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(full.out()).contains("[escape-flow]");
        assertThat(Cli.run("analyze", "--trust=open", ORDERS_M2.toString()).err()).contains("unknown --trust 'open'");
    }

    /** A project with .perfwarden.yaml naming a local pack, the orders capture and sources. */
    Path project(String extraYaml) throws IOException {
        Path proj = Files.createTempDirectory(tmp, "proj");
        copyTree(USERPACK, proj.resolve("tools/userpack"), Map.of());
        Files.writeString(proj.resolve(".perfwarden.yaml"), """
                packs:
                  - path: tools/userpack
                    version: "^2.0"
                  - id: go-perf
                """ + extraYaml);
        return proj;
    }

    @Test
    void explainReadsTheProjectFile() throws Exception {
        Path proj = project("");
        String config = proj.resolve(".perfwarden.yaml").toString();
        Cli.Run without = Cli.run("explain", "inline-reason");
        assertThat(without.exit()).as("a rule of no loaded pack").isNotZero();
        Cli.Run run = Cli.run("explain", "inline-reason", "--config", config);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("inline-reason  (userpack@2.0.0");
    }

    @Test
    void aLockedPackRunsAndATamperedOneIsRefusedNamingTheFile() throws Exception {
        Path proj = project("");
        String config = proj.resolve(".perfwarden.yaml").toString();
        Cli.Run lock = Cli.run("packs", "lock", "--config", config);
        assertThat(lock.exit()).as(lock.err()).isZero();
        Path lockFile = proj.resolve("perfwarden.lock");
        assertThat(lock.out()).contains("locked 2 pack(s) in " + lockFile).contains("userpack@2.0.0").contains("tools/userpack");
        assertThat(Files.readString(lockFile)).contains("origin: \"builtin\"").contains("\"escape-flow/rule.drl\": \"");

        Cli.Run ok = Cli.run("analyze", "--config", config, "--fail-on", "none", "--format", "json",
                ORDERS_M2.toString(), "--source", ORDERS_SRC.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        JsonNode doc = JSON.readTree(ok.out());
        assertThat(doc.findValuesAsText("id")).contains("userpack", "go-perf");
        assertThat(Cli.run("packs", "verify", "--config", config).out()).contains("lock: " + lockFile + " (matches)");

        // tamper: one line of one rule
        Path rule = proj.resolve("tools/userpack/escape-flow/rule.drl");
        Files.writeString(rule, Files.readString(rule).replace("moves to the heap after", "escapes after"));
        Cli.Run refused = Cli.run("analyze", "--config", config, ORDERS_M2.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("rule pack refused").contains(proj.resolve("tools/userpack")
                + "/escape-flow/rule.drl: error: changed since " + lockFile + " approved userpack@2.0.0");
        Cli.Run verify = Cli.run("packs", "verify", "--config", config);
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.out()).contains("REFUSED  userpack@2.0.0").contains("(does not match)");
        assertThat(verify.err()).contains("escape-flow/rule.drl: error: changed since");

        // a JSON lock given with --lock, made after the change, accepts the new content
        Path jsonLock = tmp.resolve("approved.lock.json");
        assertThat(Cli.run("packs", "lock", "--config", config, "--out", jsonLock.toString()).exit()).isZero();
        assertThat(Files.readString(jsonLock)).startsWith("{\n  \"lockVersion\": 1,");
        Cli.Run relocked = Cli.run("analyze", "--config", config, "--lock", jsonLock.toString(), "--fail-on", "none",
                ORDERS_M2.toString());
        assertThat(relocked.exit()).as(relocked.err()).isZero();
        assertThat(Cli.run("analyze", "--config", config, "--lock", tmp.resolve("none.lock").toString(),
                ORDERS_M2.toString()).err()).contains("no such file");
    }

    @Test
    void projectFileErrorsNameFileLineAndColumn() throws Exception {
        Path proj = project("rules:\n  escape-flow: loud\nbaseline: 3\n");
        Cli.Run r = Cli.run("analyze", "--config", proj.resolve(".perfwarden.yaml").toString(), ORDERS_M2.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("project file refused")
                .contains(proj.resolve(".perfwarden.yaml") + ":6:16: error: rules: escape-flow: expected off, on, error,")
                .contains(":7:11: error: baseline: expected a file path");
        Path other = project("rules:\n  no-such-rule: off\n");
        Cli.Run u = Cli.run("analyze", "--config", other.resolve(".perfwarden.yaml").toString(), ORDERS_M2.toString());
        assertThat(u.exit()).isEqualTo(2);
        assertThat(u.err()).contains(":6:3: error: rules: 'no-such-rule' is not a rule of the loaded packs");
    }

    @Test
    void theProjectFileIsFoundUpwardAndItsRulesAndPathsApply() throws Exception {
        Path proj = project("""
                rules:
                  inline-reason: off
                  escape-flow: error
                paths:
                  exclude: ["internal/"]
                failOn: error
                """);
        Path src = proj.resolve("src");
        copyTree(ORDERS_SRC, src, Map.of());
        Path caps = src.resolve("out");
        Files.createDirectories(caps);
        Files.copy(ORDERS_M2, caps.resolve("m2.txt"));
        Cli.Run r = Cli.run("analyze", caps.toString(), "--format", "json");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.findValuesAsText("id")).contains("userpack");
        assertThat(doc.path("findings").findValuesAsText("rule")).isNotEmpty().allMatch(x -> !x.equals("inline-reason"));
        assertThat(doc.path("findings")).allSatisfy(f -> {
            assertThat(f.path("file").asText()).doesNotStartWith("internal/");
            if (f.path("rule").asText().equals("escape-flow")) {
                assertThat(f.path("severity").asText()).isEqualTo("error");
            }
        });
        assertThat(doc.at("/summary/hidden/disabled").asInt()).isPositive();
        assertThat(r.exit()).as("escape-flow findings are errors now, and failOn is error").isEqualTo(1);
    }

    @Test
    void sourceCommentsAndBaselinesHideFindingsAndAreReported() throws Exception {
        Path src = tmp.resolve("orders");
        copyTree(ORDERS_SRC, src, Map.of());
        String[] common = {"--no-config", "--rules", USERPACK.toString(), "--source", src.toString(), ORDERS_M2.toString()};
        Cli.Run plain = Cli.run(concat(new String[]{"analyze", "--format", "json", "--fail-on", "none"}, common));
        JsonNode doc = JSON.readTree(plain.out());
        JsonNode first = null;
        for (JsonNode f : doc.path("findings")) {
            if (f.path("rule").asText().equals("escape-flow")) {
                first = f;
                break;
            }
        }
        assertThat(first).isNotNull();
        int total = doc.path("findings").size();

        // suppress it in the source, and add a stale comment elsewhere
        Path file = src.resolve(first.path("file").asText());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        int line = first.path("line").asInt();
        String indent = lines.get(line - 1).replaceAll("^(\\s*).*", "$1");
        lines.set(line - 1, lines.get(line - 1) + " //perfwarden:ignore escape-flow -- moved out of the hot path in #42");
        lines.add(0, "//perfwarden:ignore escape-flow -- stale");
        lines.add(1, "");
        Files.write(file, lines);
        // the capture does not move with this edit: the comment is trailing, the stale one sits above line 1
        Path capture = tmp.resolve("m2.txt");
        String m2 = Files.readString(ORDERS_M2);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(" + java.util.regex.Pattern.quote(
                file.getFileName().toString()) + "):(\\d+)").matcher(m2);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + ":" + (Integer.parseInt(m.group(2)) + 2));
        }
        m.appendTail(sb);
        Files.writeString(capture, sb.toString());
        common[common.length - 1] = capture.toString();

        Cli.Run sup = Cli.run(concat(new String[]{"analyze", "--fail-on", "none"}, common));
        assertThat(sup.exit()).as(sup.err()).isZero();
        assertThat(sup.out()).contains(" notes (--all shows them), 1 suppressed in source")
                .contains("warning: suppression of escape-flow suppresses nothing").contains("[perfwarden/unused-suppression]");

        Path baseline = tmp.resolve("perfwarden.baseline.json");
        Cli.Run create = Cli.run(concat(new String[]{"baseline", "create", "--out", baseline.toString()}, common));
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).contains("wrote " + total + " finding(s) to " + baseline);

        Cli.Run based = Cli.run(concat(new String[]{"analyze", "--baseline", baseline.toString(), "--format", "sarif",
                "--fail-on", "note"}, common));
        assertThat(based.exit()).as(based.err()).isZero();
        JsonNode sarif = JSON.readTree(based.out());
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results.size()).isEqualTo(total + 1);
        int inSource = 0;
        int external = 0;
        for (JsonNode res : results) {
            assertThat(res.has("suppressions")).as(res.toString()).isTrue();
            String kind = res.at("/suppressions/0/kind").asText();
            inSource += kind.equals("inSource") ? 1 : 0;
            external += kind.equals("external") ? 1 : 0;
        }
        assertThat(inSource).isEqualTo(1);
        assertThat(external).isEqualTo(total);
        assertThat(sarif.at("/runs/0/properties/summary/hidden").toString())
                .isEqualTo("{\"suppressed\":1,\"baseline\":" + total + "}");
        Cli.Run text = Cli.run(concat(new String[]{"analyze", "--all", "--baseline", baseline.toString()}, common));
        assertThat(text.out()).contains((total + 1) + " hidden: 1 suppressed in source, " + total + " in baseline");
        assertThat(Cli.run(concat(new String[]{"analyze", "--baseline", tmp.resolve("nope.json").toString()}, common))
                .err()).contains("does not exist");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
