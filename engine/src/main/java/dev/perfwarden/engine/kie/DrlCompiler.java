package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.Problem;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Drools' classic compile of a rule set: the prelude and every pack's DRL in a fresh {@code KieFileSystem}, built
 * under a {@code ReleaseId} of its own; compile errors become problems at the rule source's line.
 */
final class DrlCompiler {
    private DrlCompiler() {
    }

    /** The KieBase of {@code packs}, or a {@link PackException} naming every compile error. */
    static KieBase compile(List<Pack> packs, ClassLoader cl, String key) throws PackException {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // unique while it sits in Drools' process-wide KieRepository (removed again below)
        long n = UUID.randomUUID().getMostSignificantBits() >>> 1;
        ReleaseId rid = ks.newReleaseId("dev.perfwarden.rulesets", "ruleset-" + key.substring(0, 16), "1.0." + n);
        kfs.generateAndWritePomXML(rid);
        Map<String, RuleSet.Src> byPath = RuleSet.writeSources(kfs, packs);
        KieBuilder kb = ks.newKieBuilder(kfs, cl).buildAll();
        List<Message> errors = kb.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            List<Problem> problems = problems(errors, byPath);
            ks.getRepository().removeKieModule(rid);
            throw new PackException(problems);
        }
        KieContainer kc = ks.newKieContainer(rid, cl);
        KieBase base = kc.getKieBase();
        ks.getRepository().removeKieModule(rid);
        return base;
    }

    /**
     * One problem per compile error, sorted by pack, file and line; Drools' "Parser returned a null Package" is
     * dropped for a file with a real error. An error in the prelude or generated source is a bug, not the pack's.
     */
    private static List<Problem> problems(List<Message> errors, Map<String, RuleSet.Src> byPath) {
        Set<String> withRealErrors = new LinkedHashSet<>();
        for (Message m : errors) {
            if (!m.getText().contains("Parser returned a null Package")) {
                withRealErrors.add(m.getPath());
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (Message m : errors) {
            String path = m.getPath() == null ? "" : m.getPath();
            if (m.getText().contains("Parser returned a null Package") && withRealErrors.contains(path)) {
                continue;
            }
            RuleSet.Src src = byPath.get(path);
            if (src == null) {
                throw new IllegalStateException("perfwarden prelude or generated source does not compile: "
                        + path + ":" + m.getLine() + ": " + m.getText());
            }
            // a compile error in a then block: at the block's line that names what is wrong
            int line = src.source().lineMap().sourceLine(
                    ConsequenceErrors.line(src.source().drl(), m.getLine(), m.getText()));
            problems.add(new Problem(src.pack().id(), src.pack().origin(), src.source().file(), line,
                    m.getColumn() > 0 ? m.getColumn() : 0, cleanMessage(m.getText())));
        }
        problems.sort(Comparator.comparing(Problem::pack).thenComparing(Problem::file).thenComparingInt(Problem::line));
        return problems;
    }

    static String cleanMessage(String text) {
        return text.replaceAll("\\bLine \\d+:\\d+\\s+", "")
                .replaceAll("\\n?\\[Line: \\d+, Column: \\d+]", "")
                .strip();
    }
}
