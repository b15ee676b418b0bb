package dev.perfwarden.engine.kie.origin;

import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.BetaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question docs/design/origin.md asks before an {@code Origin} component replaces the position components
 * of the fact records: does a join written on a nested component ({@code origin.file == $f}) or on a delegate
 * accessor that is not a record component ({@code file == $f}, {@code file()} delegating to the origin) still
 * compile, match and get a hash-indexed beta node, like a join on a plain component, in both Drools builds
 * perfwarden uses (the interpreted DRL build of restricted packs and the executable model of precompiled ones)?
 * And the same for accessors that are interface default methods ({@link FromPos}, as {@code Attributable}'s),
 * written once instead of on each record.
 */
class OriginIndexingTest {
    /**
     * Drools as perfwarden starts it: RuleSet's initialisation gives Drools its settings before any operator class
     * loads (DroolsSettings); a test that builds with Drools directly and runs first would otherwise load the
     * {@code matches} operator without them for the whole test JVM (DroolsSettingsTest then failed, by test order).
     */
    @org.junit.jupiter.api.BeforeAll
    static void droolsAsPerfwardenStartsIt() throws ClassNotFoundException {
        Class.forName("dev.perfwarden.engine.kie.RuleSet");
    }

    private static final String DRL = """
            package origin.probe;
            import dev.perfwarden.engine.kie.origin.Flat;
            import dev.perfwarden.engine.kie.origin.Nested;
            import dev.perfwarden.engine.kie.origin.Defaulted;
            global java.util.List hits;
            rule "flat"
            when
                $a : Flat( $f : file, $l : line )
                Flat( this != $a, file == $f, line == $l )
            then
                hits.add("flat");
            end
            rule "nested"
            when
                Flat( $f : file, $l : line )
                Nested( origin.file == $f, origin.line == $l )
            then
                hits.add("nested");
            end
            rule "delegate"
            when
                Flat( $f : file, $l : line )
                Nested( file == $f, line == $l )
            then
                hits.add("delegate");
            end
            rule "default"
            when
                Flat( $f : file, $l : line )
                Defaulted( file == $f, line == $l )
            then
                hits.add("default");
            end
            """;

    private static KieBase build(boolean executableModel) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("dev.perfwarden.probe", "origin-" + executableModel, "1.0.0");
        kfs.generateAndWritePomXML(rid);
        kfs.write("src/main/resources/origin/probe/probe.drl", DRL);
        KieBuilder kb = ks.newKieBuilder(kfs, OriginIndexingTest.class.getClassLoader());
        if (executableModel) {
            kb.buildAll(ExecutableModelProject.class);
        } else {
            kb.buildAll();
        }
        assertThat(kb.getResults().getMessages(Message.Level.ERROR)).as("build errors").isEmpty();
        KieBase base = ks.newKieContainer(rid, OriginIndexingTest.class.getClassLoader()).getKieBase();
        ks.getRepository().removeKieModule(rid);
        return base;
    }

    /** Each beta node that {@code type}'s facts enter from the right: {@code index count} per node. */
    private static List<Integer> rightJoins(KieBase base, Class<?> type) {
        List<Integer> out = new ArrayList<>();
        for (ObjectTypeNode otn : ((InternalRuleBase) base).getRete().getObjectTypeNodes()) {
            if (otn.getObjectType().isAssignableFrom(type) && otn.getObjectType().getClassName().equals(type.getName())) {
                walk(otn.getObjectSinkPropagator().getSinks(), out);
            }
        }
        return out;
    }

    private static void walk(ObjectSink[] sinks, List<Integer> out) {
        for (ObjectSink s : sinks) {
            if (s instanceof AlphaNode a) {
                walk(a.getObjectSinkPropagator().getSinks(), out);
            } else if (s instanceof BetaNode b) {
                out.add(b.getRawConstraints().isIndexed() ? b.getRawConstraints().getIndexCount() : 0);
            }
        }
    }

    @ParameterizedTest(name = "executable model: {0}")
    @ValueSource(booleans = {false, true})
    void nestedAndDelegateJoinsCompileMatchAndAreIndexedLikeAPlainOne(boolean executableModel) {
        KieBase base = build(executableModel);
        assertThat(rightJoins(base, Flat.class)).as("plain components: file and line indexed").containsExactly(2);
        assertThat(rightJoins(base, Nested.class)).as("nested and delegate joins: file and line indexed")
                .containsExactly(2, 2);
        assertThat(rightJoins(base, Defaulted.class)).as("join on interface default accessors: file and line indexed")
                .containsExactly(2);

        KieSession s = base.newKieSession();
        List<String> hits = new ArrayList<>();
        s.setGlobal("hits", hits);
        s.insert(new Flat("x", "main.f", "a.go", 3, 1));
        s.insert(new Flat("y", "main.f", "a.go", 3, 9));
        s.insert(new Nested("v", new Pos("main.g", "a.go", 3, 2)));
        s.insert(new Nested("w", new Pos("main.g", "a.go", 4, 2)));
        s.insert(new Defaulted("v", new Pos("main.g", "a.go", 3, 2)));
        s.insert(new Defaulted("w", new Pos("main.g", "a.go", 4, 2)));
        s.fireAllRules();
        s.dispose();
        assertThat(hits).containsExactlyInAnyOrder("flat", "flat", "nested", "nested", "delegate", "delegate",
                "default", "default");
    }
}
