package dev.perfwarden.cli;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.service.Session;
import dev.perfwarden.facts.input.InputReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden analyze PATH...|-}: captured toolchain output in, findings out. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse captured Go toolchain output (files, directories, or - for stdin).",
                "Formats are recognised by content: -m/-m=2 text, the -json=0,DIR tree, -S listings, " +
                "objdump, SSA dumps, pprof profiles, go test -bench output. Go sources found in a " +
                "directory argument (or given with --source) attribute facts to their functions. " +
                "Settings come from .perfwarden.yaml (found upward from the module); a lock file pins the " +
                "packs; //perfwarden:ignore RULE -- reason comments and --baseline hide accepted findings."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Capture files or directories; - reads stdin.")
    List<String> paths;

    @Option(names = "--source", paramLabel = "DIR", description = "A folder of the Go sources the captures came from. Repeatable.")
    List<String> sources = new java.util.ArrayList<>();

    @Option(names = "--contract", paramLabel = "FILE",
            description = "Also check this service contract (contract/<service>/<clause> findings; see docs/contracts.md). Repeatable.")
    List<java.nio.file.Path> contracts = new java.util.ArrayList<>();

    @Option(names = "--base", paramLabel = "FILE", description = "With --contract: go test -bench output of the base commit.")
    List<java.nio.file.Path> base = new java.util.ArrayList<>();

    @Mixin
    AnalysisOptions analysis;

    @Override
    public Integer call() throws Exception {
        List<String> starts = new java.util.ArrayList<>(sources);
        starts.addAll(paths);
        Session session = analysis.open(starts);
        var cs = ContractRun.contracts(contracts, null);
        cs.addAll(ContractRun.projectContracts(session));
        if (!cs.isEmpty()) {
            RuleSet rules = ContractRun.rules(session);
            InputReader.Result read = Captures.read(paths, sources, System.in);
            return ContractRun.run(analysis, session, rules, cs, ContractRun.base(base), read, false,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        session.ruleSet(); // a refused or broken pack stops before any input is read
        InputReader.Result read = Captures.read(paths, sources, System.in);
        return analysis.analyse(session, read, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
