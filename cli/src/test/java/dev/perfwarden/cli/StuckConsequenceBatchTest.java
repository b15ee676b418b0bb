package dev.perfwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consequence that never returns, in {@code perfwarden batch} with two workers over several repositories that
 * share one rule set: the stuck repository fails with a reason naming pack and rule, the others give the same
 * results as a batch without it, and the process exits (nothing it leaves behind keeps it alive). Run in a JVM of
 * its own, as a user runs it; on Java 17 the consequence is stopped, on a newer runtime (when one is installed)
 * it is abandoned and the run says so.
 */
class StuckConsequenceBatchTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Path ROOT = Cli.root();
    private static final String DRL = """
            package perfwarden.packs.stuck;

            import dev.perfwarden.facts.inline.InlineFact;

            rule "spin" @severity(warning) @summary("never returns")
            when
                $f : InlineFact(file == "stuck.go")
            then
                long n = 0;
                while (System.nanoTime() != 0) {
                    n++;
                }
            end
            """;

    @TempDir
    Path tmp;

    @Test
    void theStuckEntryFailsNamingPackAndRuleTheOthersFinishAndTheProcessExits() throws Exception {
        Path pack = pack();
        List<String> dirs = bundles();
        Path base = tmp.resolve("base");
        List<String> baseArgs = new ArrayList<>(List.of("batch", "--dirs"));
        baseArgs.addAll(dirs.stream().filter(d -> !d.endsWith("stuck")).toList());
        baseArgs.addAll(List.of("--out-dir", base.toString(), "-j", "1", "--rules", pack.toString(), "--trust", "full",
                "--progress", "none", "--include-external"));
        Cli.Run b = Cli.run(baseArgs.toArray(String[]::new));
        assertThat(b.exit()).as(b.err()).isIn(0, 1);

        Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        Result r = batch(java17, pack, dirs, tmp.resolve("out17"));
        assertThat(r.exit).as("exit code (stderr: %s)", r.err).isEqualTo(3);
        JsonNode stuck = row(r.out, "stuck");
        assertThat(stuck.get("status").asText()).isEqualTo("failed");
        assertThat(stuck.get("reason").asText())
                .contains("session limit 'time' exceeded in rule spin of pack stuck")
                .doesNotContain("could not be stopped");
        assertThat(results(r.out)).isEqualTo(results(base)).isNotEmpty();
        for (String id : List.of("a", "b", "c")) {
            assertThat(row(r.out, id).get("status").asText()).as(id).isEqualTo("ok");
        }
        // the reports that match the baseline are real analyses: every input read, nothing unparsed
        for (String id : List.of("a", "b", "c")) {
            JsonNode inputs = M.readTree(r.out.resolve(id + ".json").toFile()).get("inputs");
            assertThat(inputs).as(id).isNotEmpty();
            inputs.forEach(in -> {
                assertThat(in.get("records").asLong()).as(id + " " + in.get("path")).isPositive();
                assertThat(in.get("unparsed").asLong()).isZero();
            });
        }
    }

    @Test
    void onARuntimeWithoutThreadStopTheThreadIsAbandonedAndTheProcessStillExits() throws Exception {
        Path java = newerJava();
        Assumptions.assumeTrue(java != null, "no Java 20+ runtime installed under /usr/lib/jvm");
        Path pack = pack();
        Result r = batch(java, pack, bundles(), tmp.resolve("outNew"));
        assertThat(r.exit).as("exit code (stderr: %s)", r.err).isEqualTo(3);
        assertThat(row(r.out, "stuck").get("reason").asText())
                .contains("session limit 'time' exceeded in rule spin of pack stuck")
                .contains("could not be stopped");
        for (String id : List.of("a", "b", "c")) {
            assertThat(row(r.out, id).get("status").asText()).as(id).isEqualTo("ok");
        }
    }

    private record Result(int exit, Path out, String err) {
    }

    /** {@code perfwarden batch} in a JVM of its own; fails the test if it has not exited after 3 minutes. */
    private Result batch(Path java, Path pack, List<String> dirs, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.perfwarden.cli.Main", "batch", "--dirs"));
        cmd.addAll(dirs);
        cmd.addAll(List.of("--out-dir", out.toString(), "-j", "2", "--rules", pack.toString(), "--trust", "full",
                "--limit", "time=3s", "--progress", "none", "--include-external"));
        Path err = tmp.resolve(out.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        boolean exited = p.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the batch process exited (stderr: %s)", Files.readString(err)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    private Path pack() throws IOException {
        Path pack = tmp.resolve("stuck-pack");
        Files.createDirectories(pack.resolve("spin"));
        Files.writeString(pack.resolve("pack.yaml"), "id: stuck\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n"
                + "description: \"a trusted pack whose consequence never returns\"\n");
        Files.writeString(pack.resolve("spin/rule.drl"), DRL);
        Files.writeString(pack.resolve("spin/doc.md"), "A consequence that never returns (a test of the session guard).\n");
        return pack;
    }

    /** a, b, c: real -m=2/-m=3 captures of three fixtures (Go 1.26.8); stuck: one line the spin rule matches. */
    private List<String> bundles() throws IOException {
        Map<String, String> from = Map.of("a", "interface-escape", "b", "leaking-param", "c", "closure-capture-large");
        List<String> out = new ArrayList<>();
        for (String id : List.of("a", "stuck", "b", "c")) {
            Path d = Files.createDirectories(tmp.resolve("bundles").resolve(id));
            if (id.equals("stuck")) {
                Files.writeString(d.resolve("m2.txt"), "# example.com/stuck\n"
                        + "./stuck.go:3:6: can inline spin with cost 2 as: func() {  }\n");
            } else {
                Path cap = ROOT.resolve("rules/packs/go-perf").resolve(from.get(id)).resolve("captures/go1.26.8");
                for (String f : List.of("m2.txt", "m3.txt")) {
                    if (Files.exists(cap.resolve(f))) {
                        Files.copy(cap.resolve(f), d.resolve(f));
                    }
                }
            }
            out.add(d.toString());
        }
        return out;
    }

    private static JsonNode row(Path out, String id) throws IOException {
        for (JsonNode r : M.readTree(out.resolve("summary.json").toFile()).get("results")) {
            if (r.get("repo").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + id + " in " + out.resolve("summary.json"));
    }

    /** The per-repository reports (a, b, c), by file name. */
    private static Map<String, String> results(Path out) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (n.matches("[abc]\\.(json|sarif)")) {
                    m.put(n, Files.readString(p));
                }
            }
        }
        return m;
    }

    private static Path newerJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(d -> d.getFileName().toString().matches(".*-(2[0-9]|[3-9][0-9])-.*"))
                    .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst().orElse(null);
        }
    }
}
