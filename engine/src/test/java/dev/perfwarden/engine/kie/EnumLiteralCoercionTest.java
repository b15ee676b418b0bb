package dev.perfwarden.engine.kie;

import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why fact kinds stay strings (issue 10): Drools 10 does not coerce a string literal to an enum field. The
 * classic (MVEL) build accepts {@code kind == "MOVED_TO_HEAP"} and silently matches nothing; the executable
 * model refuses it. Only {@code kind == Kind.MOVED_TO_HEAP} works, which every pack's rules would have to
 * be rewritten to. If this test fails, Drools changed and enum kinds can be reconsidered.
 */
public class EnumLiteralCoercionTest {
    /**
     * Drools as perfwarden starts it: RuleSet's initialisation gives Drools its settings before any operator class
     * loads (DroolsSettings); a test that builds with Drools directly and runs first would otherwise load the
     * {@code matches} operator without them for the whole test JVM (DroolsSettingsTest then failed, by test order).
     */
    @org.junit.jupiter.api.BeforeAll
    static void droolsAsPerfwardenStartsIt() throws ClassNotFoundException {
        Class.forName("dev.perfwarden.engine.kie.RuleSet");
    }

    public enum Kind { MOVED_TO_HEAP, LEAK }

    public record Esc(Kind kind, String name) {
    }

    static String run(boolean exec, String constraint) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem fs = ks.newKieFileSystem();
        String drl = "package p;\nimport " + Esc.class.getCanonicalName() + ";\nimport " + Kind.class.getCanonicalName() + ";\nglobal java.util.List out;\n"
                + "rule r when $e : Esc(" + constraint + ") then out.add($e.name()); end\n";
        fs.write("src/main/resources/p/r.drl", drl);
        KieBuilder kb = ks.newKieBuilder(fs);
        if (exec) {
            kb.buildAll(ExecutableModelProject.class);
        } else {
            kb.buildAll();
        }
        if (kb.getResults().hasMessages(Message.Level.ERROR)) {
            return "ERROR " + kb.getResults().getMessages(Message.Level.ERROR).get(0).getText().split("\n")[0];
        }
        KieContainer c = ks.newKieContainer(ks.getRepository().getDefaultReleaseId());
        KieSession s = c.newKieSession();
        List<String> out = new ArrayList<>();
        s.setGlobal("out", out);
        s.insert(new Esc(Kind.MOVED_TO_HEAP, "a"));
        s.insert(new Esc(Kind.LEAK, "b"));
        s.fireAllRules();
        s.dispose();
        return out.toString();
    }

    @Test
    void aStringLiteralNeverMatchesAnEnumField() {
        assertThat(run(false, "kind == \"MOVED_TO_HEAP\"")).isEqualTo("[]");
        assertThat(run(false, "kind in (\"MOVED_TO_HEAP\", \"LEAK\")")).isEqualTo("[]");
        assertThat(run(true, "kind == \"MOVED_TO_HEAP\"")).startsWith("ERROR ");
    }

    @Test
    void onlyTheQualifiedConstantMatches() {
        assertThat(run(false, "kind == Kind.MOVED_TO_HEAP")).isEqualTo("[a]");
        assertThat(run(true, "kind == Kind.MOVED_TO_HEAP")).isEqualTo("[a]");
    }
}
