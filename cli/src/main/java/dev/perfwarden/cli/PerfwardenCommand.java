package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.service.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/** The root command: wires the subcommands and the exit-code policy, does nothing itself. */
@Command(name = "perfwarden",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Rules-engine static analyzer for Go performance.",
                "Reads real Go toolchain output (-m=2, -json, -S, objdump, SSA, pprof, go test -bench), " +
                "turns it into facts per function and line, and runs versioned rule packs over them."},
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

    /**
     * The subcommands by name, in the order {@code --help} lists them. Picocli builds a command's model
     * (reflection over its annotated fields, mixins and subcommands) when the command is added, so a start
     * that runs one subcommand adds only that one ({@link #commandLine(String...)}); the names are spelled
     * here so that finding it loads no other command class ({@code PerfwardenCommandTest} checks them).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "analyze", AnalyzeCommand.class, "scan", ScanCommand.class, "hot", HotCommand.class,
            "explain", ExplainCommand.class, "test", TestCommand.class, "packs", PacksCommand.class,
            "rules", RulesCommand.class, "baseline", BaselineCommand.class, "bench", BenchCommand.class,
            "contract", ContractCommand.class, "batch", BatchCommand.class, "debt", DebtCommand.class,
            "help", CommandLine.HelpCommand.class);

    /** A configured command line with every subcommand; tests use it with their own out/err writers. */
    public static CommandLine commandLine() {
        return configure(SUBCOMMANDS.values());
    }

    /**
     * The command line that {@code args} need: when they name a subcommand (after the root's own flags), the
     * root with that subcommand alone, which parses and runs as the full tree would; else (no subcommand,
     * {@code help}, an unknown name) the full tree, so that usage and errors list every subcommand.
     */
    public static CommandLine commandLine(String... args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;   // the root's options take no value
            }
            Class<?> c = SUBCOMMANDS.get(a);
            return c == null || c == CommandLine.HelpCommand.class ? commandLine() : configure(List.of(c));
        }
        return commandLine();
    }

    private static Map<String, Class<?>> subcommands(Object... nameThenClass) {
        Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static CommandLine configure(java.util.Collection<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new PerfwardenCommand());
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c);
        }
        applyExitCodes(cl, ExitCodes.descriptions());
        Handlers h = new Handlers(cl);
        cl.setExitCodeExceptionMapper(h);
        cl.setExecutionExceptionHandler(h);
        cl.setParameterExceptionHandler(h);
        return cl;
    }

    /**
     * The exit-code policy's three picocli hooks in one class rather than three lambdas: picocli's interfaces are
     * Java 5 class files, so the CDS archive cannot hold a lambda's class implementing them (its dump links them
     * and then skips them, and the lambdas' classes with them) and every start spun all three.
     */
    private static final class Handlers implements CommandLine.IExitCodeExceptionMapper,
            CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
        private final CommandLine root;

        Handlers(CommandLine root) {
            this.root = root;
        }

        @Override
        public int getExitCode(Throwable t) {
            return Failures.exitCode(t);
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parseResult) {
            return Failures.report(ex, line.getErr(), debug(root));
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("perfwarden: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        }
    }

    /**
     * Runs {@code args} on {@code cl} (made by {@link #commandLine()}); whatever escapes picocli
     * (an {@link Error} such as OutOfMemoryError or StackOverflowError) becomes one line on stderr
     * and exit code 70. Standard error is filtered through {@code TerminalText.writer}.
     */
    public static int execute(CommandLine cl, String... args) {
        // standard error carries messages built from packs and inputs (refusals, limits, warnings): one filter
        // escapes their control characters, whichever writer forgot to
        cl.setErr(new java.io.PrintWriter(dev.perfwarden.engine.report.TerminalText.writer(cl.getErr()), true));
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
