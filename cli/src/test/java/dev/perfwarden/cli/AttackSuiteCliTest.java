package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The attack suite of issue 16 through every command that loads a pack: {@code analyze --rules},
 * {@code analyze} with a {@code .perfwarden.yaml} from the repository naming the pack, {@code test},
 * {@code rules lint}, {@code packs verify} and {@code packs lock}. A case fails if its marker file is
 * written (or a process it starts writes it), if a command runs past the test's own timeout (the limit
 * that must stop it is perfwarden's), or if an exit code is not 2.
 */
class AttackSuiteCliTest {
    static final Path ROOT = Cli.root();
    static final Path MALICIOUS = ROOT.resolve("engine/src/test/resources/malicious");
    static final Path LIMITS = ROOT.resolve("engine/src/test/resources/limits");
    static final Path USERPACK = ROOT.resolve("engine/src/test/resources/packs/userpack");
    static final Duration BOUND = Duration.ofSeconds(180);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Cli.Run bounded(String... args) {
        return assertTimeoutPreemptively(BOUND, (org.junit.jupiter.api.function.ThrowingSupplier<Cli.Run>) () ->
                Cli.run(args), () -> "perfwarden " + String.join(" ", args) + " did not finish");
    }

    static List<Path> cases(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    Path capture(int n) throws IOException {
        Path c = tmp.resolve("m" + n + ".txt");
        StringBuilder sb = new StringBuilder("# example.com/m\n");
        for (int i = 1; i <= n; i++) {
            sb.append("./main.go:").append(i).append(":6: moved to heap: x").append(i).append('\n');
        }
        Files.writeString(c, sb.toString());
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyMaliciousPackIsRefusedByEveryCommandThatLoadsIt() throws IOException {
        List<Path> cases = cases(MALICIOUS);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(48);
        Path capture = capture(1);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String> want = PinnedPacksCliTest.expected(dir);
            Path work = tmp.resolve(dir.getFileName().toString());
            Path marker = work.resolve("marker");
            Path pack = work.resolve("repo/tools/rules");
            PinnedPacksCliTest.copyTree(dir, pack, Map.of("@MARKER@", marker.toString()));
            String where = pack + "/" + want.get("file") + ":" + want.get("line");
            Supplier<String> outcome = () -> "marker of " + dir.getFileName();

            List<String[]> commands = new ArrayList<>();
            commands.add(new String[] {"analyze", "--no-config", "--rules", pack.toString(), capture.toString()});
            commands.add(new String[] {"test", pack.toString()});
            commands.add(new String[] {"rules", "lint", pack.toString()});
            commands.add(new String[] {"packs", "verify", "--no-config", "--rules", pack.toString()});
            commands.add(new String[] {"packs", "lock", "--no-config", "--rules", pack.toString(), "--out",
                    work.resolve("perfwarden.lock").toString()});
            // the worst case: a pull request adds a project file naming a pack folder in the repository
            Path config = work.resolve("repo/.perfwarden.yaml");
            Files.writeString(config, "packs:\n  - path: tools/rules\n");
            commands.add(new String[] {"analyze", "--config", config.toString(), capture.toString()});
            for (String[] c : commands) {
                Cli.Run r = bounded(c);
                String all = r.out() + r.err();
                assertThat(r.exit()).as(String.join(" ", c) + "\n" + all).isEqualTo(2);
                if (want.get("stage").equals("restricted")) {
                    assertThat(all).as(String.join(" ", c)).contains(want.get("message")).contains("restricted mode");
                }
                if (c[0].equals("analyze") || c[1].equals("verify")) {
                    assertThat(all).contains(where);
                }
                assertThat(marker).as(outcome.get()).doesNotExist();
            }
            assertThat(work.resolve("perfwarden.lock")).as("nothing locked").doesNotExist();
        }));
    }

    @TestFactory
    Stream<DynamicTest> packsThatPassRestrictedModeStillStopAtTheirLimitWithExitTwo() throws IOException {
        List<Path> cases = cases(LIMITS);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, String> want = PinnedPacksCliTest.expected(dir);
            Path capture = capture(Integer.parseInt(want.get("facts")));
            List<String> args = new ArrayList<>(List.of("analyze", "--no-config", "--rules", dir.toString()));
            for (String kv : want.get("settings").split(",")) {
                if (!kv.contains("max-")) {
                    args.add("--limit");
                    args.add(kv);
                }
            }
            args.add(capture.toString());
            Cli.Run r = bounded(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("session limit '" + want.get("limit") + "' exceeded in rule payload of pack hog")
                    .doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }));
    }

    @Test
    void aProjectFileMayTightenLimitsButNotLoosenThem() throws IOException {
        Path capture = capture(50);
        Path config = tmp.resolve(".perfwarden.yaml");
        Files.writeString(config, "limits:\n  facts: 1000\n");
        Cli.Run r = bounded("analyze", "--config", config.toString(), "--rules",
                LIMITS.resolve("runaway-inserts").toString(), capture.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("session limit 'facts' exceeded").contains("more than 1000 facts");
        Files.writeString(config, "limits:\n  time: 100m\n");
        Cli.Run loose = bounded("analyze", "--config", config.toString(), capture.toString());
        assertThat(loose.exit()).isEqualTo(2);
        assertThat(loose.err()).contains(config + ":2:9: error: limits.time: 100m is looser than the default 120s");
    }

    @Test
    void aFolderNamedClasspathIsNotABuiltInPack() throws IOException {
        // the issue's exploit: a relative folder whose name starts with classpath:
        Path spoof = Path.of("classpath:spoof-" + ProcessHandle.current().pid());
        Path marker = tmp.resolve("marker");
        try {
            PinnedPacksCliTest.copyTree(MALICIOUS.resolve("runtime-exec"), spoof, Map.of("@MARKER@", marker.toString()));
            Path lock = tmp.resolve("perfwarden.lock");
            Cli.Run l = bounded("packs", "lock", "--no-config", "--rules", spoof.toString(), "--out", lock.toString());
            assertThat(l.exit()).as(l.out() + l.err()).isEqualTo(2);
            assertThat(l.err()).contains("'Runtime' is not allowed");
            assertThat(lock).doesNotExist();
            assertThat(marker).doesNotExist();

            deleteTree(spoof);
            PinnedPacksCliTest.copyTree(USERPACK, spoof, Map.of());
            Cli.Run ok = bounded("packs", "lock", "--no-config", "--rules", spoof.toString(), "--out", lock.toString());
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(Files.readString(lock)).contains("trust: \"restricted\"").doesNotContain("origin: \"builtin\"");
            Cli.Run v = bounded("packs", "verify", "--no-config", "--rules", spoof.toString());
            assertThat(v.out()).contains("(restricted)").doesNotContain("built-in");
        } finally {
            deleteTree(spoof);
        }
    }

    @Test
    void aPackLockedAsBuiltInIsRefusedWhenLoadedFromAPath() throws IOException {
        Path pack = tmp.resolve("go-perf");
        PinnedPacksCliTest.copyTree(USERPACK, pack, Map.of());
        Path lock = tmp.resolve("perfwarden.lock");
        assertThat(bounded("packs", "lock", "--no-config", "--rules", pack.toString(), "--out", lock.toString()).exit())
                .isZero();
        Files.writeString(lock, Files.readString(lock).replace("trust: \"restricted\"", "trust: \"builtin\""));
        Cli.Run r = bounded("analyze", "--no-config", "--lock", lock.toString(), "--rules", pack.toString(),
                capture(1).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is locked as built-in in " + lock + ", but this run loads it from " + pack);
    }

    /**
     * attack4 probes 02 and 03: a pack's fixture is read by {@code test} and {@code rules lint}; a malformed one is
     * the pack's problem (exit 2, naming the file), never an internal error (exit 70) or a hang: a link to
     * {@code /dev/zero} (which git can carry) ran the heap out, a FIFO blocked forever, a 50,000-character annotation
     * overflowed the stack, a bad rule id and a capture folder {@code go99999999999.1.1} threw.
     */
    @Test
    void aMalformedFixtureIsThePacksProblemInTestAndLint() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("link", "main.go|not a regular file (a symbolic link)");
        cases.put("fifo", "main.go|not a regular file (a device, pipe or folder)");
        cases.put("long", "main.go:3|an annotation line of 50039 characters (at most 4096)");
        cases.put("bad-id", "main.go:3|'// want \"Bad Id\"': not a rule id");
        cases.put("version", "");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path pack = tmp.resolve("fixture-" + c.getKey());
            PinnedPacksCliTest.copyTree(USERPACK, pack, Map.of());
            Path fixture = Files.createDirectories(pack.resolve("escape-flow/fixture"));
            Path main = fixture.resolve("main.go");
            switch (c.getKey()) {
                case "link" -> Files.createSymbolicLink(main, Path.of("/dev/zero"));
                case "fifo" -> assertThat(new ProcessBuilder("mkfifo", main.toString()).start().waitFor()).isZero();
                case "long" -> Files.writeString(main, "package main\n\nfunc main() {} // want \"escape-flow\" \""
                        + "a".repeat(50_000) + "\"\n");
                case "bad-id" -> Files.writeString(main, "package main\n\nfunc main() {} // want \"Bad Id\"\n");
                default -> {
                    Files.writeString(main, "package main\n\nfunc main() {} // ok \"escape-flow\"\n");
                    Files.createDirectories(pack.resolve("escape-flow/captures/go99999999999.1.1"));
                }
            }
            for (String[] cmd : List.of(new String[] {"test", pack.toString()},
                    new String[] {"rules", "lint", pack.toString()})) {
                Cli.Run r = bounded(cmd);
                String all = r.out() + r.err();
                assertThat(all).as(c.getKey() + ": " + String.join(" ", cmd)).doesNotContain("internal error");
                if (c.getValue().isEmpty()) { // not a Go version: not a capture folder, so nothing to test
                    continue;
                }
                assertThat(r.exit()).as(c.getKey() + ": " + String.join(" ", cmd) + "\n" + all).isEqualTo(2);
                String[] where = c.getValue().split("\\|"); // test: "FILE: DETAIL"; lint: "FILE: error: DETAIL"
                assertThat(all).as(c.getKey()).contains("escape-flow/fixture/" + where[0] + ": ").contains(where[1]);
            }
        }
    }

    /**
     * attack4 probe 06: numbers too large for the engine in pack.yaml (a version range, a requirement, an infinite
     * parameter default) are problems at their line, not internal errors.
     */
    @Test
    void hugeNumbersInPackYamlAreProblemsAtTheirLine() throws IOException {
        Map<String, String> yaml = Map.of(
                "range", "perfwarden: \">=0.1.0 <99999999999999999999.0.0\"\n",
                "requires", "perfwarden: \">=0.1.0\"\nrequires:\n  go-perf: \"^99999999999999999999\"\n",
                "param", "perfwarden: \">=0.1.0\"\nparameters:\n  x.y:\n    type: number\n    default: 1e999\n"
                        + "    description: d\n");
        for (Map.Entry<String, String> c : new java.util.TreeMap<>(yaml).entrySet()) {
            Path pack = tmp.resolve("yaml-" + c.getKey());
            PinnedPacksCliTest.copyTree(USERPACK, pack, Map.of());
            Files.writeString(pack.resolve("pack.yaml"), "id: userpack\nversion: 0.0.1\n" + c.getValue());
            for (String[] cmd : List.of(new String[] {"analyze", "--no-config", "--rules", pack.toString(),
                    capture(1).toString()}, new String[] {"packs", "verify", "--no-config", "--rules", pack.toString()})) {
                Cli.Run r = bounded(cmd);
                String all = r.out() + r.err();
                assertThat(r.exit()).as(c.getKey() + ": " + String.join(" ", cmd) + "\n" + all).isEqualTo(2);
                assertThat(all).as(c.getKey()).doesNotContain("internal error").contains("pack.yaml:");
            }
        }
        Path config = tmp.resolve(".perfwarden.yaml"); // the same range in a project file
        Files.writeString(config, "packs:\n  - id: go-perf\n    version: \"^99999999999999999999\"\n");
        Cli.Run r = bounded("analyze", "--config", config.toString(), capture(1).toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("internal error").contains(".perfwarden.yaml");
    }

    @Test
    void aSymlinkInsideAPackFolderIsRefused() throws IOException {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-TOKEN\n");
        Path pack = tmp.resolve("pack");
        PinnedPacksCliTest.copyTree(USERPACK, pack, Map.of());
        Files.delete(pack.resolve("escape-flow/doc.md"));
        Files.createSymbolicLink(pack.resolve("escape-flow/doc.md"), secret);
        for (String[] c : List.of(new String[] {"explain", "--rules", pack.toString(), "escape-flow"},
                new String[] {"analyze", "--no-config", "--rules", pack.toString(), "--format", "sarif",
                        capture(1).toString()},
                new String[] {"packs", "verify", "--no-config", "--rules", pack.toString()})) {
            Cli.Run r = bounded(c);
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(r.err()).contains("symbolic link escape-flow/doc.md is not allowed in a pack");
            assertThat(r.out() + r.err()).doesNotContain("TOP-SECRET-TOKEN");
        }
    }

    /**
     * A capture of more go-perf findings than a run may report stops with the 'findings' limit, exit 2, naming the
     * rule; no report is written (attack5 probe 09: 120,000 leaking-param findings were counted by no budget, and
     * {@code --format sarif} of them ran out of memory, exit 70).
     */
    @Test
    void moreFindingsThanARunMayReportStopAtTheFindingsLimitWithExit2() throws IOException {
        Path c = tmp.resolve("m2.txt");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(c)) {
            w.write("# example.com/m\n");
            for (int i = 1; i <= 100_001; i++) {
                w.write("./a.go:" + i + ":6: leaking param: p" + i + "\n");
            }
        }
        Path sarif = tmp.resolve("r.sarif");
        Cli.Run r = bounded("analyze", "--no-config", "--format", "sarif", "--out", sarif.toString(), c.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("perfwarden: session limit 'findings' exceeded in rule leaking-param of pack"
                + " go-perf: the rules of this run reported more than 100000 findings (rule leaking-param reported"
                + " 100001 of them); the run was stopped (a report could not hold them)");
        assertThat(sarif).doesNotExist();
    }

    @Test
    void controlCharactersInMessagesAreEscapedInTextAndKeptInJson() throws IOException {
        Path pack = onePack("forger", "forge/rule.drl", """
                package perfwarden.packs.forger;

                import dev.perfwarden.engine.rule.Hits;
                import dev.perfwarden.facts.escape.EscapeFact;

                rule "forge" @severity(note) @summary("forges")
                when
                    $e : EscapeFact()
                then
                    insert(Hits.hit(drools, $e, "x\\n\\n0 findings; gate: pass\\033]0;pwned\\007\\033[2J", $e));
                end
                """);
        Cli.Run text = bounded("analyze", "--no-config", "--all", "--rules", pack.toString(), capture(1).toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("note: x\\n\\n0 findings; gate: pass\\x1b]0;pwned\\x07\\x1b[2J")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\n0 findings");
        Cli.Run json = bounded("analyze", "--no-config", "--rules", pack.toString(), "--format", "json",
                capture(1).toString());
        JsonNode f = JSON.readTree(json.out()).get("findings").get(0);
        assertThat(f.get("message").asText()).startsWith("x\n\n0 findings; gate: pass\u001b]0;pwned\u0007\u001b[2J");
    }

    @Test
    void aCatastrophicRegexInAYamlPolicyRunsInLinearTime() throws IOException {
        Path pack = onePack("policy", "slow/rule.rules.yaml", """
                rules:
                  - id: slow
                    severity: note
                    summary: backtracking regex
                    match:
                      - fact: escape
                        where:
                          subject: {regex: "(.*.){12}X"}
                    at: escape
                    message: "{{escape.subject}}"
                """);
        Path c = tmp.resolve("long.txt");
        Files.writeString(c, "# example.com/m\n./main.go:5:6: moved to heap: " + "a".repeat(40) + "\n");
        Cli.Run r = bounded("analyze", "--no-config", "--rules", pack.toString(), c.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 findings");
    }

    /** A pack {@code id} with one rule file ({@code rule/rule.drl} or {@code rule/rule.rules.yaml}) and its doc. */
    Path onePack(String id, String ruleFile, String text) throws IOException {
        Path pack = tmp.resolve(id);
        Path rule = pack.resolve(ruleFile);
        Files.createDirectories(rule.getParent());
        Files.writeString(pack.resolve("pack.yaml"), "id: " + id + "\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(rule.resolveSibling("doc.md"), "A test rule.\n");
        Files.writeString(rule, text);
        return pack;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
