package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.capture.GoToolchainException;
import dev.perfwarden.engine.restrict.SessionLimitException;
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
        cl.setExitCodeExceptionMapper(t -> t instanceof UserException || t instanceof GoToolchainException
                || t instanceof SessionLimitException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof UserException || ex instanceof GoToolchainException
                    || ex instanceof SessionLimitException) {
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

    private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
        cl.getCommandSpec().usageMessage().exitCodeList(codes);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodes(sub, codes);
        }
    }
}
