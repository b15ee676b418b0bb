package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
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
                PacksCommand.class, RulesCommand.class, BaselineCommand.class, BenchCommand.class, ContractCommand.class,
                BatchCommand.class, DebtCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {})
public final class PerfwardenCommand implements Runnable {
    /** The process's engine service: one rule-set cache for every command this JVM runs. */
    static final Workspace WORKSPACE = Workspace.create();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an internal error (exit code 70).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line; tests use it with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PerfwardenCommand());
        applyExitCodes(cl, ExitCodes.descriptions());
        cl.setExitCodeExceptionMapper(Failures::exitCode);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> Failures.report(ex, line.getErr(), debug(cl)));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("perfwarden: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * Runs {@code args} on {@code cl} (made by {@link #commandLine()}); whatever escapes picocli
     * (an {@link Error} such as OutOfMemoryError or StackOverflowError) becomes one line on stderr
     * and exit code 70.
     */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            return Failures.report(t, cl.getErr(), debug(cl) || java.util.Arrays.asList(args).contains("--debug"));
        }
    }

    private static boolean debug(CommandLine cl) {
        return cl.getCommand() instanceof PerfwardenCommand p && p.debug;
    }

    private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
        cl.getCommandSpec().usageMessage().exitCodeList(codes);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodes(sub, codes);
        }
    }
}
