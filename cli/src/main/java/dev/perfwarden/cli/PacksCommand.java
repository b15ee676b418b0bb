package dev.perfwarden.cli;

import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackParameter;
import dev.perfwarden.engine.service.SessionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code perfwarden packs list|show|verify|lock}: what packs would run, their versions, hashes and rules;
 * whether they pass restricted mode, match the lock file and compile; and writing the lock file.
 */
@Command(name = "packs", mixinStandardHelpOptions = true,
        description = {"List, show, verify or lock the rule packs that would run.",
                "List the rule packs that would run, show one pack's rules and parameters, verify them " +
                "(restricted mode, lock file, compilation) without running, or write the lock file that pins them. " +
                "The packs come from --pack/--rules, else .perfwarden.yaml, else go-perf."},
        subcommands = {PacksCommand.ListPacks.class, PacksCommand.ShowPack.class, PacksVerifyCommand.class,
                PacksLockCommand.class})
public final class PacksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per pack: id@version, sha256, origin.")
    static final class ListPacks implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        PackOptions packs;
        @Mixin
        ProjectOptions project;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (Pack p : project.open(packs, List.of(), SessionSpec.Checks.NONE).packs()) {
                out.printf("%-24s %s  %d rules  %s%n", p.label(), p.sha256(), p.rules().size(), dev.perfwarden.engine.report.TerminalText.escape(p.origin()));
            }
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A pack's rules and parameters.")
    static final class ShowPack implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        PackOptions packs;
        @Mixin
        ProjectOptions project;
        @Parameters(paramLabel = "PACK", description = "Pack id.")
        String id;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Pack p = project.open(packs, List.of(), SessionSpec.Checks.NONE).packs().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new UserException("pack '" + id + "' is not loaded (use --pack or --rules)"));
            out.printf("%s  sha256 %s%n%s%n%nrules:%n", p.label(), p.sha256(), dev.perfwarden.engine.report.TerminalText.escape(p.description()));
            for (RuleInfo r : p.rules()) {
                out.printf("  %-32s %-8s %s%n", r.id(), r.severity().id(), dev.perfwarden.engine.report.TerminalText.escape(r.summary()));
            }
            out.println("\nparameters:");
            for (PackParameter pp : p.parameters().values()) {
                out.printf("  %-32s %-8s default %s  %s%n", pp.name(), pp.type().name().toLowerCase(java.util.Locale.ROOT),
                        dev.perfwarden.engine.report.TerminalText.escape(String.valueOf(pp.defaultValue())), dev.perfwarden.engine.report.TerminalText.escape(pp.description()));
            }
            out.flush();
        }
    }
}
