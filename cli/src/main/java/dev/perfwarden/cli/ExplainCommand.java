package dev.perfwarden.cli;

import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.service.SessionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code perfwarden explain RULE}: prints a rule's doc page with its metadata. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print a rule's documentation: what the compiler really does, the evidence, how to fix. "
                + "Looks in the built-in packs, --pack/--rules, and the packs of the project's .perfwarden.yaml.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RULE", description = "Rule id, e.g. interface-escape (or pack-id/rule-id).")
    String rule;

    @Mixin
    PackOptions packs;

    /** The project's .perfwarden.yaml (found upward from the current folder, or --config): its packs too. */
    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
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
                        out.println("tags: " + String.join(", ", r.tags()));
                    }
                    if (!r.inputs().isEmpty()) {
                        out.println("inputs: " + String.join(", ", r.inputs()));
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
