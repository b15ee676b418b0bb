package dev.perfwarden.cli;

import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.service.SessionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden explain RULE}: prints a rule's doc page with its metadata. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Print a rule's documentation: what the compiler really does, the evidence, how to fix.",
                "Looks in the built-in packs, --pack/--rules, and the packs of the project's .perfwarden.yaml. " +
                "With --finding: analyse PATH... and print that finding with what the compiler printed about its " +
                "line: the -m=2 text next to the -m=3/-m=4 IR (give m3.txt or m4.txt among the inputs)."})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RULE|PATH",
            description = "Rule id, e.g. interface-escape (or pack-id/rule-id); with --finding, the capture files or "
                    + "directories to analyse.")
    List<String> args;

    @Option(names = "--finding", paramLabel = "FINGERPRINT|FILE:LINE",
            description = "Show this finding of PATH... (its fingerprint or a prefix of it, or its file and line, "
                    + "e.g. main.go:17) with the compiler's -m=2 text and IR of its line.")
    String finding;

    @Option(names = "--source", paramLabel = "DIR", description = "With --finding: a folder of the Go sources. Repeatable.")
    List<String> sources = new java.util.ArrayList<>();

    @Mixin
    PackOptions packs;

    /** The project's .perfwarden.yaml (found upward from the current folder, or --config): its packs too. */
    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        if (finding != null) {
            return new FindingExplainer(project, packs).explain(finding, args, sources, spec.commandLine().getOut());
        }
        if (args.size() != 1) {
            throw new UserException("explain takes one RULE (or --finding SEL PATH...); got " + args.size() + " arguments");
        }
        String rule = args.get(0);
        List<Pack> loaded = project.open(packs, List.of(), SessionSpec.Checks.NONE).packs();
        String packId = null;
        String id = rule;
        int slash = rule.indexOf('/');
        if (slash > 0) {
            packId = rule.substring(0, slash);
            id = rule.substring(slash + 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Pack p : loaded) {
            if (packId != null && !packId.equals(p.id())) {
                continue;
            }
            for (RuleInfo r : p.rules()) {
                if (r.id().equals(id)) {
                    out.printf("%s  (%s, severity %s%s)%n", r.id(), p.label(), r.severity().id(),
                            r.hotSeverity() != null && r.hotSeverity() != r.severity()
                                    ? ", " + r.hotSeverity().id() + " when hot" : "");
                    if (!r.tags().isEmpty()) {
                        out.println("tags: " + dev.perfwarden.engine.report.TerminalText.escape(String.join(", ", r.tags())));
                    }
                    if (!r.inputs().isEmpty()) {
                        out.println("inputs: " + dev.perfwarden.engine.report.TerminalText.escape(String.join(", ", r.inputs())));
                    }
                    out.println();
                    out.println(dev.perfwarden.engine.report.TerminalText.escapeLines(r.doc().strip()));
                    out.flush();
                    return 0;
                }
            }
        }
        List<String> known = loaded.stream().flatMap(p -> p.rules().stream()).map(RuleInfo::id).sorted().toList();
        throw new UserException("no rule '" + rule + "' in the loaded packs; known rules: " + String.join(", ", known));
    }
}
