package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.capture.GoToolchainException;
import dev.perfwarden.engine.restrict.SessionLimitException;
import dev.perfwarden.engine.service.SetupException;
import dev.perfwarden.engine.service.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;

/** The root command: wires the subcommands and the exit-code policy, does nothing itself. */
@Command(name = "perfwarden",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Rules-engine static analyzer for Go performance.",
                "Reads real Go toolchain output (-m=2, -json, -S, objdump, SSA, pprof, go test -bench),",
                "turns it into facts per function and line, and runs versioned rule packs over them."},
        subcommands = {AnalyzeCommand.class, ScanCommand.class, HotCommand.class, ExplainCommand.class, TestCommand.class,
                PacksCommand.class, RulesCommand.class, BaselineCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {})
public final class PerfwardenCommand implements Runnable {
    /** The process's engine service: one rule-set cache for every command this JVM runs. */
    static final Workspace WORKSPACE = Workspace.create();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line; tests use it with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PerfwardenCommand());
        applyExitCodes(cl, ExitCodes.descriptions());
        cl.setExitCodeExceptionMapper(t -> userFixable(t) ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (userFixable(ex)) {
                line.getErr().println("perfwarden: " + ex.getMessage());
                line.getErr().flush();
                return ExitCodes.USAGE;
            }
            line.getErr().println("perfwarden: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            line.getErr().flush();
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("perfwarden: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** A problem the user can fix (exit 2), as opposed to a bug (exit 70). */
    private static boolean userFixable(Throwable t) {
        return t instanceof UserException || t instanceof SetupException || t instanceof GoToolchainException
                || t instanceof SessionLimitException;
    }

    private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
        cl.getCommandSpec().usageMessage().exitCodeList(codes);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodes(sub, codes);
        }
    }
}
