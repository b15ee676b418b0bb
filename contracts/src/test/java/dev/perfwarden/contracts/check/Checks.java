package dev.perfwarden.contracts.check;

import dev.perfwarden.contracts.spec.Contract;
import dev.perfwarden.contracts.spec.ContractLoader;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.analysis.Options;
import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.facts.bench.BenchParser;
import dev.perfwarden.facts.bench.BenchResult;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.parse.InputSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

/** Test helper: runs a contract (YAML text) over real captures with the built-in contracts pack. */
final class Checks {
    static final Path ROOT = Path.of(System.getProperty("perfwarden.root", "..")).toAbsolutePath().normalize();

    private Checks() {
    }

    static AnalysisResult run(String yaml, Path base, Path... inputs) throws Exception {
        Contract c = ContractLoader.parse(yaml, "contracts/test.yaml");
        RuleSet rules = RuleSet.build(List.of(ContractCheck.pack(Checks.class.getClassLoader())));
        InputReader.Result r = new InputReader().read(java.util.Arrays.stream(inputs).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0]));
        List<BenchResult> b = base == null ? List.of() : InputReader.parse(InputSource.of(base), new BenchParser()).facts()
                .stream().filter(f -> f instanceof BenchResult).map(f -> (BenchResult) f).toList();
        return ContractCheck.run(List.of(c), r.facts(), r.inputs(), b, rules, Options.defaults());
    }

    static List<Finding> of(AnalysisResult r, String clause, Severity s) {
        return r.findings().stream().filter(f -> f.rule().endsWith("/" + clause) && f.severity() == s).toList();
    }
}
