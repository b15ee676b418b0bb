package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command lists of {@code --help} (the top level and every command with subcommands): picocli shows the first
 * line of each command's description there, so that line must be a whole, short sentence of its own (the reviewer
 * read "baseline  Baselines: … matched by fingerprint (which survives" and "debt … (SQLite by").
 */
class CommandSummaryTest {
    @Test
    void everyCommandSummaryInHelpIsAWholeSentence() {
        List<String> problems = new ArrayList<>();
        int listed = 0;
        for (List<String> path : commandsWithSubcommands(PerfwardenCommand.commandLine(), new ArrayList<>())) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            Map<String, String> summaries = summaries(r.out());
            assertThat(summaries).as(String.join(" ", args)).isNotEmpty();
            for (Map.Entry<String, String> e : summaries.entrySet()) {
                listed++;
                String s = e.getValue();
                String where = String.join(" ", path) + (path.isEmpty() ? "" : " ") + e.getKey() + ": '" + s + "'";
                long open = s.chars().filter(c -> c == '(').count();
                long close = s.chars().filter(c -> c == ')').count();
                if (open != close) {
                    problems.add(where + " ends inside parentheses");
                } else if (!s.endsWith(".")) {
                    problems.add(where + " does not end a sentence");
                } else if (s.length() > 150) {
                    problems.add(where + " is not short (" + s.length() + " characters)");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(listed).isGreaterThan(20);
    }

    /**
     * picocli prints each element of a description array on a line of its own and wraps only within it, so prose
     * split over several elements (as the source is wrapped) came out ragged: a full line, then three words, then a
     * full line. A command's description is its summary and one paragraph; an option's or parameter's is one
     * paragraph; no two spaces in a row (pieces of a paragraph joined with a space at both ends).
     */
    @Test
    void descriptionsAreParagraphsThatPicocliWraps() {
        List<String> problems = new ArrayList<>();
        int specs = 0;
        for (CommandLine cl : allCommands(PerfwardenCommand.commandLine(), new ArrayList<>())) {
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            specs++;
            for (String d : spec.usageMessage().description()) {
                if (d.contains("  ")) {
                    problems.add(spec.qualifiedName() + ": two spaces in '" + d + "'");
                }
            }
            if (spec.usageMessage().description().length > 2) {
                problems.add(spec.qualifiedName() + ": " + spec.usageMessage().description().length + " description lines");
            }
            for (CommandLine.Model.ArgSpec a : spec.args()) {
                for (String d : a.description()) {
                    if (d.contains("  ")) {
                        problems.add(spec.qualifiedName() + " " + a.paramLabel() + ": two spaces in '" + d + "'");
                    }
                }
                if (a.description().length > 1) {
                    problems.add(spec.qualifiedName() + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName()
                            : a.paramLabel()) + ": " + a.description().length + " description lines");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(specs).isGreaterThan(20);
    }

    private static List<CommandLine> allCommands(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help") && e.getValue().getCommandSpec().name().equals(e.getKey())) {
                allCommands(e.getValue(), out);
            }
        }
        return out;
    }

    /** The paths of the commands that have subcommands, the top level (empty path) first. */
    private static List<List<String>> commandsWithSubcommands(CommandLine cl, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        if (!cl.getSubcommands().isEmpty()) {
            out.add(List.copyOf(path));
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help") && e.getValue().getCommandSpec().name().equals(e.getKey())) {
                List<String> p = new ArrayList<>(path);
                p.add(e.getKey());
                out.addAll(commandsWithSubcommands(e.getValue(), p));
            }
        }
        return out;
    }

    /** The "Commands:" section of a help text: name to summary, its wrapped lines joined. */
    static Map<String, String> summaries(String help) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean in = false;
        String last = null;
        for (String line : help.split("\n")) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in && line.matches("  \\d+ +\\S.*")) {
                break; // the exit codes, listed after the commands
            } else if (in && line.matches("  \\S+ +\\S.*")) {
                String name = line.strip().split(" +", 2)[0];
                m.put(name, line.strip().split(" +", 2)[1].strip());
                last = name;
            } else if (in && last != null && line.startsWith("     ") && !line.isBlank()) {
                m.put(last, m.get(last) + " " + line.strip());
            } else if (in) {
                break;
            }
        }
        return m;
    }
}
