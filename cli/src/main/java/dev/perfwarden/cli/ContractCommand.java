package dev.perfwarden.cli;

import dev.perfwarden.contracts.spec.Contract;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden contract check --contract FILE [--service S] INPUTS...}: the per-service performance gate. */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = "Per-service performance contracts (see docs/contracts.md).",
        subcommands = {ContractCommand.Check.class})
public final class ContractCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a service's contract against measurements.",
                    "Check a service's contract against measurements: k6 summaries (--summary-export or " +
                    "handleSummary JSON), /metrics scrapes (# scraped-at: first line), Prometheus query_range JSON, " +
                    "GODEBUG=gctrace=1 output, go test -bench output (the head run; --base gives the base run). " +
                    "Every limit gets a verdict under contract/<service>/<clause>: violated (error, fails the gate), " +
                    "unverified (warning: nothing measured it), met (note). Other rules' findings are hidden and counted."})
    public static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--contract", paramLabel = "FILE",
                description = {"A contract file (contracts/<service>.yaml). Repeatable. Without it: the contracts: list " +
                        "of .perfwarden.yaml; //gcassert: directives under --source are checked in any case."})
        List<Path> contractFiles = new ArrayList<>();

        @Option(names = "--service", paramLabel = "S", description = "Check only this service's contract.")
        String service;

        @Option(names = "--base", paramLabel = "FILE",
                description = "go test -bench output of the base commit, for no-regression limits. Repeatable.")
        List<Path> base = new ArrayList<>();

        @Option(names = "--source", paramLabel = "DIR", description = "A folder of the Go sources the captures came from. Repeatable.")
        List<String> sources = new ArrayList<>();

        @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Measurement and capture files or directories; - reads stdin.")
        List<String> paths = new ArrayList<>();

        @Mixin
        AnalysisOptions analysis;

        @Override
        public Integer call() throws Exception {
            List<String> starts = new ArrayList<>(sources);
            starts.addAll(paths);
            dev.perfwarden.engine.service.Session session = analysis.open(starts);
            List<Contract> contracts = ContractRun.contracts(contractFiles, null);
            contracts.addAll(ContractRun.projectContracts(session));
            if (contracts.isEmpty() && sources.isEmpty()) {
                throw new UserException("no contract: give --contract FILE, a contracts: list in .perfwarden.yaml,"
                        + " or --source DIR with //gcassert: directives");
            }
            contracts = ContractRun.only(contracts, service);
            RuleSet rules = ContractRun.rules(session);
            InputReader.Result read = Captures.read(paths, sources, System.in);
            return ContractRun.run(analysis, session, rules, contracts, ContractRun.base(base), read, true,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
