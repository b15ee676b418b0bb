package dev.perfwarden.cli;

import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.lint.PackLinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code perfwarden rules lint PACK_DIR}: tools for rule authors. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Tools for rule authors (see docs/rules.md).",
        subcommands = {RulesCommand.Lint.class})
public final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = {"Check a rule pack without running it.",
                    "Check a rule pack without running it: it loads (pack.yaml, ids, metadata, doc.md, " +
                    "DRL, DSLR and YAML rule sources) and compiles, and every rule has a fixture with " +
                    "// want \"<id>\" (and, as warnings, a // ok near miss and captures/go<version>/). " +
                    "Prints each problem as file:line: error|warning: message; exits 2 on errors, 0 when clean."})
    static final class Lint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PACK_DIR", description = "The pack folder (with pack.yaml).")
        Path packDir;

        @Option(names = "--trust", paramLabel = "LEVEL", defaultValue = "restricted", converter = TrustConverter.class,
                description = "restricted (default): refuse DRL/DSLR that reaches beyond the fact model before compiling "
                        + "(Drools evaluates metadata while compiling); full: compile anything.")
        dev.perfwarden.engine.restrict.Trust trust;

        @Option(names = "--strict", description = "Treat warnings as errors.")
        boolean strict;

        @Override
        public Integer call() {
            if (!Files.isDirectory(packDir)) {
                throw new UserException(packDir + ": not a directory");
            }
            PackLinter.Report r = PackLinter.lint(packDir, RulesCommand.class.getClassLoader(), trust);
            PrintWriter out = spec.commandLine().getOut();
            r.issues().forEach(i -> out.println(dev.perfwarden.engine.report.TerminalText.escapeLines(i.format()))); // pack text, escaped
            // a pack that did not load is named by its folder ("rules lint ." names the folder, not ".")
            Path name = packDir.toAbsolutePath().normalize().getFileName();
            String what = r.pack() == null ? (name == null ? packDir.toString() : name.toString()) : r.pack().label() + " (" + r.pack().rules().size()
                    + " rules)";
            out.printf("%s: %d error%s, %d warning%s%n", what, r.errors(), r.errors() == 1 ? "" : "s", r.warnings(),
                    r.warnings() == 1 ? "" : "s");
            out.flush();
            return r.errors() > 0 || strict && r.warnings() > 0 ? ExitCodes.USAGE : ExitCodes.OK;
        }
    }
}
