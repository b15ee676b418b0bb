package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line Main builds holds only the subcommand it runs, and behaves as the full tree. */
class PerfwardenCommandTest {
    @Test
    void subcommandNamesAreTheNamesTheCommandsDeclare() {
        for (Map.Entry<String, Class<?>> e : PerfwardenCommand.SUBCOMMANDS.entrySet()) {
            assertThat(e.getValue().getAnnotation(CommandLine.Command.class).name()).as("%s", e.getValue())
                    .isEqualTo(e.getKey());
        }
        assertThat(PerfwardenCommand.commandLine().getSubcommands().keySet())
                .containsExactlyElementsOf(PerfwardenCommand.SUBCOMMANDS.keySet());
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(PerfwardenCommand.commandLine("explain", "interface-escape").getSubcommands().keySet())
                .containsExactly("explain");
        assertThat(PerfwardenCommand.commandLine("--debug", "packs", "list").getSubcommands().keySet())
                .containsExactly("packs");
        assertThat(PerfwardenCommand.commandLine("packs", "list").getSubcommands().get("packs")
                .getSubcommands().keySet()).contains("list", "show", "verify", "lock");
    }

    @Test
    void noSubcommandHelpOrAnUnknownNameGetsTheFullTree() {
        int all = PerfwardenCommand.SUBCOMMANDS.size();
        assertThat(PerfwardenCommand.commandLine().getSubcommands()).hasSize(all);
        assertThat(PerfwardenCommand.commandLine("--version").getSubcommands()).hasSize(all);
        assertThat(PerfwardenCommand.commandLine("help", "analyze").getSubcommands()).hasSize(all);
        assertThat(PerfwardenCommand.commandLine("analyse", "x").getSubcommands()).hasSize(all);
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorNamingTheKnownOnes() {
        Cli.Run r = Cli.run("analyse", "m2.txt");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("perfwarden: Unmatched arguments from index 0: 'analyse', 'm2.txt'\n"
                + "Try 'perfwarden --help' for more information.\n");
    }

    @Test
    void theRootsInheritedFlagReachesTheSubcommand() {
        Cli.Run r = Cli.run("--debug", "explain", "interface-escape");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("interface-escape  (go-perf@");
        Cli.Run after = Cli.run("explain", "interface-escape", "--debug");
        assertThat(after.out()).isEqualTo(r.out());
    }
}
