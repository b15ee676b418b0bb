package dev.perfwarden.cli;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.ruletest.RuleTestResult;
import dev.perfwarden.engine.ruletest.RuleTestRunner;
import dev.perfwarden.engine.service.SetupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code perfwarden test PACK_DIR}: runs each rule over its annotated fixture's captures. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Test a rule pack against its annotated Go fixtures.",
                "Each rule folder <pack>/<rule-id>/ has fixture/ (Go sources with // want \"rule-id\", optionally " +
                "followed by a text the message must contain and a [severity]; // ok \"rule-id\" for near " +
                "misses; // todo \"rule-id\" for known gaps; a version constraint such as " +
                "// want go<1.25 \"rule-id\" is allowed) and captures/go<version>/ made by the real toolchain " +
                "(perfwarden test --regen, or testdata/regen.sh). " +
                "Prints a table per rule and every mismatch as file:line; exits 1 on any mismatch."})
public final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PACK_DIR", description = "The pack folder (with pack.yaml).")
    Path packDir;

    @Option(names = "--rule", paramLabel = "ID", description = "Test only these rules. Repeatable.")
    List<String> only = new ArrayList<>();

    @Option(names = "--trust", paramLabel = "LEVEL", defaultValue = "restricted",
            converter = TrustConverter.class,
            description = "restricted (default): DRL/DSLR may use only the fact model and the reporting API; "
                    + "full: anything (only for packs you have reviewed). A copy of a built-in pack is trusted.")
    dev.perfwarden.engine.restrict.Trust trust;

    @Option(names = "--regen", description = "Run the machine's Go on each fixture first and rewrite captures/go<version>/ (one build of the test binary with -m=2, -json and SSA bounds checks, objdump of it; fixtures with benchmarks also run them, with a CPU and then a memory profile).")
    boolean regen;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(packDir)) {
            throw new UserException(packDir + ": not a directory");
        }
        Pack pack;
        RuleSet rules;
        try {
            pack = PackLoader.load(packDir);
        } catch (PackException e) {
            throw SetupException.of(e);
        }
        // compiling evaluates rule metadata: the workspace refuses untrusted code before Drools sees it
        rules = PerfwardenCommand.WORKSPACE.ruleSet(List.of(pack), trust);
        PrintWriter out = spec.commandLine().getOut();
        List<Path> dirs = RuleTestRunner.ruleDirs(packDir).stream()
                .filter(d -> only.isEmpty() || only.contains(d.getFileName().toString())).toList();
        if (dirs.isEmpty()) {
            throw new UserException(packDir + ": no rule folder with a fixture/ (expected <pack>/<rule-id>/fixture/)");
        }
        if (regen) {
            refuseRunningUntrustedFixtures(pack, dirs);
            for (Path d : dirs) {
                Path cap = dev.perfwarden.capture.GoCapture.captureFixture(d.resolve("fixture"),
                        d.resolve("captures"));
                out.println("captured " + cap);
            }
        }
        RuleTestRunner runner = new RuleTestRunner(rules, Map.of());
        List<RuleTestResult> results = new ArrayList<>();
        for (Path d : dirs) {
            List<RuleTestResult> r = runner.test(d);
            if (r.isEmpty()) {
                results.add(new RuleTestResult(d.getFileName().toString(), "-", 0, 0, List.of(), List.of(),
                        List.of(d + "/captures: no captures/go<version>/ folder (run with --regen)")));
            }
            results.addAll(r);
        }
        results = sameUnderClassic(pack, rules, dirs, results);
        out.printf("%-32s %-10s %8s %6s %8s %11s  %s%n", "rule", "capture", "expected", "found", "missing",
                "unexpected", "result");
        int failed = 0;
        for (RuleTestResult r : results) {
            out.printf("%-32s %-10s %8d %6d %8d %11d  %s%n", r.rule(), r.capture(), r.expected(), r.found(),
                    r.missing().size(), r.unexpected().size(), r.passed() ? "ok" : "FAIL");
            if (!r.passed()) {
                failed++;
            }
        }
        List<String> mismatches = results.stream().flatMap(r -> r.mismatches().stream()).toList();
        if (!mismatches.isEmpty()) {
            out.println();
            mismatches.forEach(m -> out.println(dev.perfwarden.engine.report.TerminalText.escapeLines(m))); // findings' text, escaped
        }
        out.printf("%n%d passed, %d failed%n", results.size() - failed, failed);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /**
     * A pack run as its executable model (every run does, the pack cache on, off or refused: attack6 #5) is tested
     * under Drools' classic build too: a fixture whose findings differ between the two fails, naming both, since the
     * pack's findings then depend on the compiler (MVEL's arithmetic widens where Java's int overflows), and the classic
     * build is what runs the day the pack stops compiling to the executable model (or built-in packs, when their
     * prebuilt model does not match).
     */
    private static List<RuleTestResult> sameUnderClassic(Pack pack, RuleSet rules, List<Path> dirs,
                                                         List<RuleTestResult> results)
            throws IOException, dev.perfwarden.engine.pack.PackException {
        if (!rules.compiledBy().equals("pack-cache") && !rules.compiledBy().equals("model")) {
            return results; // classic already, or a built-in pack's prebuilt model (PrecompiledPackTest compares those)
        }
        RuleSet classic = RuleSet.buildClassic(List.of(pack), PerfwardenCommand.WORKSPACE.classLoader());
        RuleTestRunner runner = new RuleTestRunner(classic, Map.of());
        Map<String, RuleTestResult> byClassic = new java.util.HashMap<>();
        for (Path d : dirs) {
            for (RuleTestResult r : runner.test(d)) {
                byClassic.put(r.rule() + " " + r.capture(), r);
            }
        }
        List<RuleTestResult> out = new ArrayList<>();
        for (RuleTestResult r : results) {
            RuleTestResult c = byClassic.get(r.rule() + " " + r.capture());
            if (c == null || c.missing().equals(r.missing()) && c.unexpected().equals(r.unexpected())) {
                out.add(r);
                continue;
            }
            List<String> errors = new ArrayList<>(r.inputErrors());
            errors.add(r.rule() + ": the executable model (what runs) and Drools' classic build"
                    + " disagree: executable model " + summary(r) + "; classic "
                    + summary(c) + " (a constraint whose value depends on the compiler, e.g. int overflow:"
                    + " docs/packs.md#compiled-packs-and-the-pack-cache)");
            out.add(new RuleTestResult(r.rule(), r.capture(), r.expected(), r.found(), r.missing(), r.unexpected(),
                    errors));
        }
        return out;
    }

    private static String summary(RuleTestResult r) {
        return r.found() + " found, " + r.missing().size() + " missing, " + r.unexpected().size() + " unexpected";
    }

    /**
     * {@code --regen} builds each fixture's test binary and runs its benchmarks: the pack's own Go code (its
     * {@code _test.go} files, their {@code init} functions included) runs on this machine (attack2 probe 17: a
     * third-party pack's benchmark ran {@code exec.Command("id")}). Only for a pack that is trusted: built in, or run
     * with {@code --trust=full}.
     */
    private void refuseRunningUntrustedFixtures(Pack pack, List<Path> dirs) throws IOException {
        if (dev.perfwarden.engine.restrict.RestrictedMode.trusted(pack, trust, getClass().getClassLoader())) {
            return;
        }
        for (Path d : dirs) {
            Path fixture = d.resolve("fixture");
            if (!Files.isDirectory(fixture)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.list(fixture)) {
                Optional<Path> test = files.filter(f -> f.getFileName().toString().endsWith("_test.go")).findFirst();
                if (test.isPresent()) {
                    throw new UserException(test.get() + ": --regen would run this test file's code (its benchmarks"
                            + " and init functions) on this machine; pack " + pack.id() + " is not trusted: pass"
                            + " --trust=full if you have reviewed it");
                }
            }
        }
    }
}
