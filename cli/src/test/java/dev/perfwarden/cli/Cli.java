package dev.perfwarden.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in process, as a user would from the shell, capturing exit code, stdout and stderr. */
final class Cli {
    record Run(int exit, String out, String err) {
    }

    static Path root() {
        String r = System.getProperty("perfwarden.root");
        if (r != null && Files.isDirectory(Path.of(r, "testdata", "corpus"))) {
            return Path.of(r);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata").resolve("corpus"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    static Run run(String... args) {
        return runWithStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    static Run runWithStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PerfwardenCommand.commandLine(args);   // as Main builds it: only the subcommand run
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream old = System.in;
        System.setIn(stdin);
        try {
            int code = PerfwardenCommand.execute(cl, args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(old);
        }
    }

    private Cli() {
    }
}
