package dev.perfwarden.cli;

import dev.perfwarden.contracts.check.ContractCheck;
import dev.perfwarden.contracts.spec.Contract;
import dev.perfwarden.contracts.spec.ContractLoader;
import dev.perfwarden.engine.ExitCodes;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.project.ConfigException;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.facts.bench.BenchParser;
import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.parse.InputSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CLI glue shared by {@code contract check} and {@code analyze --contract}: read, run {@link ContractCheck}, report. */
final class ContractRun {
    private ContractRun() {
    }

    static List<Contract> contracts(List<Path> files, String service) {
        List<Contract> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserException(f + ": no such contract file");
            }
            try {
                out.add(ContractLoader.load(display(f)));
            } catch (ConfigException e) {
                throw new UserException("contract refused:\n  " + e.getMessage().replace("\n", "\n  "), e);
            }
        }
        return only(out, service);
    }

    /** The contract of {@code service} (all when null); an error when there is none. */
    static List<Contract> only(List<Contract> all, String service) {
        List<Contract> out = new ArrayList<>(all);
        if (service != null) {
            List<String> known = out.stream().map(Contract::service).toList();
            out.removeIf(c -> !c.service().equals(service));
            if (out.isEmpty()) {
                throw new UserException("no contract for service '" + service + "' (contracts: " + String.join(", ", known) + ")");
            }
        }
        return out;
    }

    /** The {@code contracts:} list of the session's project file (errors name that file, line and column). */
    static List<Contract> projectContracts(Session session) {
        var config = session.config().orElse(null);
        if (config == null || config.contracts() == null) {
            return List.of();
        }
        try {
            return ContractLoader.parseList(config.contracts(), display(config.file()).toString());
        } catch (ConfigException e) {
            throw new UserException("contract refused:\n  " + e.getMessage().replace("\n", "\n  "), e);
        }
    }

    /** The path relative to the working directory when it lies below it (reports then name it as a user would). */
    static Path display(Path f) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = f.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : f;
    }

    static List<BenchResult> base(List<Path> files) {
        List<BenchResult> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserException("--base " + f + ": no such file");
            }
            InputReader.ParsedInput in = InputReader.parse(InputSource.of(f), new BenchParser());
            if (in.stats().error() != null) {
                throw new UserException("--base " + in.stats().error());
            }
            in.facts().stream().filter(x -> x instanceof BenchResult).forEach(x -> out.add((BenchResult) x));
        }
        return out;
    }

    /** The session's packs plus the built-in contracts pack, from the workspace's cache. */
    static RuleSet rules(Session session) {
        List<Pack> packs = new ArrayList<>(session.packs());
        try {
            if (packs.stream().noneMatch(p -> p.id().equals(ContractCheck.PACK))) {
                packs.add(ContractCheck.pack(PerfwardenCommand.WORKSPACE.classLoader()));
            }
        } catch (PackException e) {
            throw dev.perfwarden.engine.service.SetupException.of(e);
        }
        return PerfwardenCommand.WORKSPACE.ruleSet(packs, session.trust());
    }

    /** Runs and reports; {@code onlyContracts} hides (and counts) findings of other rules. */
    static int run(AnalysisOptions analysis, Session session, RuleSet rules, List<Contract> contracts, List<BenchResult> base,
                   InputReader.Result read, boolean onlyContracts, PrintWriter out, PrintWriter err) throws IOException {
        // contract verdicts sit in the contract file, wherever it is: only other findings are scoped to the module
        Options scoped = analysis.scope.scope().apply(Options.defaults(), read.sourceRoots(),
                f -> f.rule().startsWith("contract/"));
        Options o = session.options(rules, analysis.request(read.sourceRoots())
                .withBase(analysis.output.severityFloor(scoped)), read.sourceRoots(), read.sourceTrees());
        if (onlyContracts) {
            o = o.withFilter(new ContractCheck.OnlyVerdicts());
        }
        AnalysisResult result;
        try {
            result = ContractCheck.run(contracts, read.facts(), read.inputs(), base, rules, o, read.sourceRoots(),
                    read.sourceTrees());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        boolean inputFailed = ScopeOptions.reportInputs(read.inputs(), err);
        analysis.output.write(result, read, out);
        return inputFailed ? ExitCodes.USAGE : result.exitCode();
    }
}
