package dev.perfwarden.cli;

import dev.perfwarden.debt.DebtLedger;
import dev.perfwarden.debt.DebtService;
import dev.perfwarden.debt.DebtWeights;
import dev.perfwarden.debt.RunDefaults;
import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.project.ProjectConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code perfwarden debt record|show|board}: the performance-debt board. The work is done by the debt module's
 * {@link DebtService}; these commands only read options. See docs/debt.md.
 */
@Command(name = "debt", mixinStandardHelpOptions = true,
        description = {"Track performance debt over time in a database, with an HTML board.",
                "Track performance debt over time: record each run's JSON report in a database (SQLite by " +
                "default, PostgreSQL by JDBC URL), show open, new and fixed findings and debt points per service " +
                "and rule, and write a self-contained HTML board."},
        subcommands = {DebtCommand.Record.class, DebtCommand.Show.class, DebtCommand.Board.class})
public final class DebtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --db}, shared by the three subcommands. */
    static final class Db {
        @Option(names = "--db", paramLabel = "FILE|JDBC-URL",
                description = {"The database: an SQLite file, jdbc:sqlite:FILE, or jdbc:postgresql://HOST/DB (user and " +
                        "password in the URL or in PERFWARDEN_DB_USER / PERFWARDEN_DB_PASSWORD). Default: " +
                        "$XDG_DATA_HOME/perfwarden/debt.db, else ~/.local/share/perfwarden/debt.db. Created and " +
                        "migrated on first use."})
        String db;
    }

    /** {@code --service}, {@code --branch}, {@code --config}: which runs and which weights. */
    static final class Selection {
        @Option(names = "--service", paramLabel = "NAME", description = "Only this service (default: all).")
        String service;

        @Option(names = "--branch", paramLabel = "BRANCH", description = "Only runs recorded on this branch (default: all).")
        String branch;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The project file whose debt: section sets the weights (default: the .perfwarden.yaml "
                        + "found upward from the current folder; none: the defaults, see docs/debt.md).")
        Path config;

        @Option(names = "--no-config", description = "Ignore any .perfwarden.yaml: the default weights.")
        boolean noConfig;

        DebtWeights weights() {
            if (noConfig) {
                return DebtWeights.DEFAULTS;
            }
            try {
                Path file = config != null ? config : ProjectConfig.find(List.of(Path.of(""))).orElse(null);
                return DebtWeights.of(file == null ? null : ProjectConfig.load(file));
            } catch (ConfigException e) {
                throw new UserException(e.getMessage());
            }
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Store one run's findings and contract verdicts.",
                    "Store one run: the findings (fingerprint, rule, severity, package, file:line, measured cost) " +
                    "and contract verdicts of a report written by analyze/scan/contract check --format json. " +
                    "One transaction: concurrent CI jobs recording at once lose nothing."})
    static final class Record implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Db db;

        @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service the report is of.")
        String service;

        @Option(names = "--commit", paramLabel = "SHA",
                description = "The commit (default: GITHUB_SHA, CI_COMMIT_SHA, GIT_COMMIT, BUILDKITE_COMMIT or "
                        + "CIRCLE_SHA1, else git rev-parse HEAD in the current folder, else none).")
        String commit;

        @Option(names = "--branch", paramLabel = "BRANCH",
                description = "The branch (default: GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_COMMIT_REF_NAME, BRANCH_NAME, "
                        + "GIT_BRANCH, BUILDKITE_BRANCH or CIRCLE_BRANCH, else the current git branch, else none).")
        String branch;

        @Option(names = "--time", paramLabel = "ISO",
                description = "When the run was made, ISO-8601 with offset, e.g. 2026-12-06T15:00:00Z (default: now).")
        String time;

        @Option(names = "--report-url", paramLabel = "URL",
                description = "Where the board links this run's report (e.g. the CI artifact); default: the "
                        + "report file's file: URI.")
        String reportUrl;

        @Parameters(paramLabel = "REPORT.json", description = "A perfwarden JSON report.")
        Path report;

        @Override
        public Integer call() {
            DebtService.Recorded r = DebtService.record(db.db, System.getenv(), RunDefaults.ofProcess(), service, commit,
                    branch, time, reportUrl, report);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("recorded run %d of %s (%s%s): %d findings, %d contract verdicts in %s%n", r.run(),
                    r.info().service(), r.info().commit().isEmpty() ? "no commit" : r.info().commit(),
                    r.info().branch().isEmpty() ? "" : " on " + r.info().branch(), r.findings(), r.contracts(), r.db());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show open, new and fixed findings and debt points per service and rule.",
                    "Per service and rule: open findings of the latest run, new and fixed ones since --since " +
                    "(default: the run before), and debt points weighted by severity and measured cost."})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Db db;
        @Mixin
        Selection selection;

        @Option(names = "--since", paramLabel = "DATE|COMMIT",
                description = "Compare with the last run before DATE (2026-12-01 or 2026-12-01T09:00:00Z) or the last "
                        + "run of COMMIT (a SHA prefix); default: each service's run before its latest.")
        String since;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json ({\"runs\":[…], \"since\", \"weights\", \"services\":[…], \"debts\":[…]}).")
        String format;

        @Override
        public Integer call() {
            if (!format.equals("text") && !format.equals("json")) {
                throw new UserException("unknown --format '" + format + "' (expected text or json)");
            }
            DebtLedger.View view = DebtService.show(db.db, System.getenv(), selection.service, selection.branch, since,
                    selection.weights());
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? dev.perfwarden.debt.ShowRenderer.json(view)
                    : dev.perfwarden.debt.ShowRenderer.text(view));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "board", mixinStandardHelpOptions = true,
            description = {"Write the debt board: one self-contained HTML page.",
                    "Write the board: one self-contained HTML page (no network, opens from file://) with the " +
                    "debt trend of each service, a package × rule heat map and the top debts linked to their report."})
    static final class Board implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Db db;
        @Mixin
        Selection selection;

        @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
        Path out;

        @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Performance debt",
                description = "The page title (default: ${DEFAULT-VALUE}).")
        String title;

        @Override
        public Integer call() {
            int runs = DebtService.board(db.db, System.getenv(), selection.service, selection.branch,
                    selection.weights(), title, out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %s (%d runs)%n", out, runs);
            w.flush();
            return ExitCodes.OK;
        }
    }
}
