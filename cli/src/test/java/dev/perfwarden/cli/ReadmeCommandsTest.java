package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs, in process, every {@code ./perfwarden} command the README shows in its shell blocks, and checks that
 * it does what the README says next to it. A command added to the README without an entry here fails, so the
 * README cannot show a command nobody ran. {@code out/} (the reader's own captures) is the bundled example's
 * captures; the shell's stdin is the example's {@code -m=2} output.
 */
class ReadmeCommandsTest {
    @TempDir
    Path tmp;

    final Path root = Cli.root();
    final Path example = root.resolve("examples/captured/orders");

    /** What each README command must do: README text → check of its run. */
    Map<String, BiConsumer<String, Cli.Run>> expectations() {
        Map<String, BiConsumer<String, Cli.Run>> m = new LinkedHashMap<>();
        m.put("./perfwarden analyze examples/captured/orders/", (cmd, r) -> {
            // "The first command exits 1: the example has findings of severity error"
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isEqualTo(1);
            assertThat(r.out()).contains("error");
        });
        m.put("./perfwarden scan examples/orders --bench .", (cmd, r) -> {
            // builds, profiles, analyses: the findings are weighed by the profiles it took
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isIn(0, 1);
            assertThat(r.err()).contains("building");
            assertThat(r.out()).isNotBlank();
        });
        m.put("./perfwarden analyze --source . -", (cmd, r) -> {
            // stdin works: the -m=2 text is read and its facts attributed to the module's sources
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isIn(0, 1);
            assertThat(r.out()).contains("report.go:"); // a file of the module, relative to --source
        });
        m.put("./perfwarden analyze out/m2.txt out/json/ --format sarif --out perfwarden.sarif", (cmd, r) -> {
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isIn(0, 1);
            assertThat(read(tmp.resolve("perfwarden.sarif"))).contains("\"version\": \"2.1.0\"")
                    .contains("\"results\"");
        });
        m.put("./perfwarden analyze out/ --format html --out report.html", (cmd, r) -> {
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isEqualTo(1);
            assertThat(read(tmp.resolve("report.html"))).startsWith("<!DOCTYPE html>")
                    .contains("<svg").contains("class=\"panel\"").contains("growslice-in-loop");
        });
        m.put("./perfwarden hot out/cpu.pprof --top 20", (cmd, r) -> {
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isZero();
            assertThat(r.out()).contains("orders");
            assertThat(r.out().lines().filter(l -> l.contains("orders")).count()).isBetween(1L, 20L);
        });
        m.put("./perfwarden explain interface-escape", (cmd, r) -> {
            assertThat(r.exit()).as(cmd + "\n" + r.err()).isZero();
            assertThat(r.out()).startsWith("interface-escape");
        });
        m.put("./perfwarden test rules/packs/go-perf", (cmd, r) -> {
            assertThat(r.exit()).as(cmd + "\n" + r.out()).isZero();
            assertThat(r.out()).contains(" 0 failed");
        });
        return m;
    }

    @Test
    void everyReadmeCommandDoesWhatTheReadmeSays() throws IOException {
        Map<String, BiConsumer<String, Cli.Run>> expected = expectations();
        List<String> commands = readmeCommands();
        assertThat(commands).as("./perfwarden commands in README shell blocks").isNotEmpty();
        assertThat(expected.keySet()).as("README commands with a check in this test")
                .containsExactlyInAnyOrderElementsOf(commands);
        boolean go = onPath("go");
        for (String cmd : commands) {
            if (cmd.contains(" scan ") && !go) {
                continue; // needs the Go toolchain (README: "With a Go toolchain on the PATH")
            }
            Cli.Run r = run(cmd);
            expected.get(cmd).accept(cmd, r);
        }
    }

    /** The commands table: each listed command exists and has --help (README: "Every command has --help"). */
    @Test
    void everyCommandInTheTableHasHelp() throws IOException {
        Pattern row = Pattern.compile("^\\| `([a-z]+(?: [a-z]+)?)[ `]");
        Pattern sub = Pattern.compile("^\\| `([a-z]+) ([a-z|\\\\]+)`");
        List<List<String>> found = new ArrayList<>();
        boolean inCommands = false;
        for (String line : Files.readAllLines(root.resolve("README.md"))) {
            if (line.startsWith("## ")) {
                inCommands = line.equals("## Commands");
            }
            if (!inCommands) {
                continue;
            }
            Matcher s = sub.matcher(line);
            if (s.find() && s.group(2).contains("|")) {
                for (String x : s.group(2).replace("\\", "").split("\\|")) {
                    found.add(List.of(s.group(1), x));
                }
                continue;
            }
            Matcher m = row.matcher(line);
            if (m.find() && !m.group(1).equals("command")) {
                found.add(List.of(m.group(1).split(" ")));
            }
        }
        assertThat(found).extracting(l -> String.join(" ", l)).contains("analyze", "scan", "hot", "explain",
                "test", "rules lint", "packs list", "packs lock");
        for (List<String> c : found) {
            List<String> args = new ArrayList<>(c);
            args.add("--help");
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isZero();
            assertThat(r.out()).contains("Usage: perfwarden " + String.join(" ", c));
        }
    }

    /** The {@code ./perfwarden ...} part of each line of the README's {@code sh} blocks, comments cut. */
    List<String> readmeCommands() throws IOException {
        List<String> out = new ArrayList<>();
        boolean inSh = false;
        for (String line : Files.readAllLines(root.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inSh = !inSh && line.equals("```sh");
                continue;
            }
            int at = line.indexOf("./perfwarden ");
            if (inSh && at >= 0) {
                String cmd = line.substring(at);
                int hash = cmd.indexOf(" #");
                out.add((hash >= 0 ? cmd.substring(0, hash) : cmd).strip());
            }
        }
        return out;
    }

    private Cli.Run run(String cmd) throws IOException {
        List<String> args = new ArrayList<>();
        String[] words = cmd.substring("./perfwarden ".length()).split(" +");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("out/")) {
                args.add(example.resolve(w.substring(4)).toString());
            } else if (i > 0 && words[i - 1].equals("--out")) {
                args.add(tmp.resolve(w).toString());
            } else if (i > 0 && words[i - 1].equals("--source") && w.equals(".")) {
                args.add(root.resolve("examples/orders").toString());
            } else if (!w.startsWith("-") && (i == 0 || !words[i - 1].startsWith("-"))
                    && Files.exists(root.resolve(w))) {
                args.add(root.resolve(w).toString());
            } else {
                args.add(w);
            }
        }
        if (args.get(args.size() - 1).equals("-")) {
            return Cli.runWithStdin(new ByteArrayInputStream(Files.readAllBytes(example.resolve("m2.txt"))),
                    args.toArray(String[]::new));
        }
        if (cmd.contains(" scan ")) {
            args.add("--keep");
            args.add(tmp.resolve("scan").toString());
        }
        return Cli.run(args.toArray(String[]::new));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(p + ": " + e.getMessage(), e);
        }
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
