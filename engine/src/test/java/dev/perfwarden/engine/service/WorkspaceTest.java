package dev.perfwarden.engine.service;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.engine.analysis.AnalysisResult;
import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.kie.RuleSetCache;
import dev.perfwarden.engine.model.Severity;
import dev.perfwarden.engine.restrict.Trust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceTest {
    static final String F = "example.com/m.box";

    @TempDir
    Path tmp;

    Workspace workspace = Workspace.of(getClass().getClassLoader(), RuleSetCache.inMemory(4));

    SessionSpec spec(Path project) {
        return SessionSpec.defaults().withRulePacks(List.of(TestPacks.testpack())).withTrust(Trust.FULL)
                .withStarts(List.of(project));
    }

    @Test
    void sessionsShareTheWorkspaceCacheAndReadTheProjectFile() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("repo/sub"));
        TestPacks.write(tmp.resolve("repo/.perfwarden.yaml"), """
                parameters:
                  box.minWidth: 32
                failOn: warning
                rules:
                  boxed-value: note
                """);
        Session a = workspace.open(spec(project));
        Session b = workspace.open(spec(project));
        assertThat(a.config()).map(c -> c.file().getFileName().toString()).contains(".perfwarden.yaml");
        assertThat(a.ruleSet()).isSameAs(b.ruleSet());
        assertThat(workspace.cache().compiled()).isEqualTo(1);

        List<?> facts = List.of(TestPacks.boxed(F, "box.go", 12, 9, 16), TestPacks.boxed(F, "box.go", 14, 9, 64));
        @SuppressWarnings("unchecked")
        AnalysisResult r = a.analyze((List) facts, List.of(), List.of(), AnalysisRequest.defaults());
        // the project's parameter (32 bytes) keeps the 16-byte value out; its severity and gate apply
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(14);
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
        });
        assertThat(r.summary().failOn()).isEqualTo(FailOn.WARNING);
        assertThat(r.exitCode()).isZero();

        // the spec's overrides win over the project file; the request's gate wins over failOn:
        Session c = workspace.open(spec(project).withParams(Map.of("box.minWidth", 8)));
        @SuppressWarnings("unchecked")
        AnalysisResult r2 = c.analyze((List) facts, List.of(), List.of(),
                AnalysisRequest.defaults().withFailOn(FailOn.NOTE));
        assertThat(r2.findings()).hasSize(2);
        assertThat(r2.exitCode()).isEqualTo(1);
    }

    @Test
    void projectProblemsNameFileAndLine() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("repo"));
        TestPacks.write(project.resolve(".perfwarden.yaml"), """
                failOn: warning
                rules:
                  boxed-valeu: off
                """);
        Session s = workspace.open(spec(project));
        assertThatThrownBy(() -> s.analyze(List.of(), List.of(), List.of(), AnalysisRequest.defaults()))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("project file refused:")
                .hasMessageContaining(".perfwarden.yaml:3:").hasMessageContaining("boxed-valeu");

        TestPacks.write(project.resolve(".perfwarden.yaml"), "baseline: missing.json\n");
        Session t = workspace.open(spec(project));
        assertThatThrownBy(() -> t.analyze(List.of(), List.of(), List.of(), AnalysisRequest.defaults()))
                .isInstanceOf(SetupException.class).hasMessageContaining("missing.json does not exist");
        // a new baseline ignores the old one
        assertThat(t.analyze(List.of(), List.of(), List.of(), AnalysisRequest.defaults().forNewBaseline())
                .findings()).isEmpty();
    }

    @Test
    void lockAndTrustAreEnforcedWhenOpening() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("repo"));
        Path pack = TestPacks.copy(tmp);
        SessionSpec spec = SessionSpec.defaults().withRulePacks(List.of(pack)).withTrust(Trust.FULL)
                .withStarts(List.of(project)).withoutConfig();
        Session.Locked locked = workspace.open(spec.withChecks(SessionSpec.Checks.TRUST))
                .lock(project.resolve("perfwarden.lock"));
        assertThat(locked.lock().packs()).hasSize(1);
        Path lock = locked.file();
        assertThat(workspace.open(spec.withLock(lock)).lockFile()).contains(lock);

        TestPacks.write(pack.resolve("leak-note/doc.md"), "# leak-note\n\nChanged after the lock.\n");
        assertThatThrownBy(() -> workspace.open(spec.withLock(lock))).isInstanceOf(SetupException.class)
                .hasMessageStartingWith("rule pack refused:");
        Session.Verification v = workspace.open(spec.withLock(lock).withChecks(SessionSpec.Checks.NONE)).verify();
        assertThat(v.lockMatches()).isFalse();
        assertThat(v.problems()).isNotEmpty();

        // the test pack's DRL imports test classes: restricted mode refuses it before compiling
        assertThatThrownBy(() -> workspace.open(spec.withTrust(Trust.RESTRICTED)))
                .isInstanceOf(SetupException.class).hasMessageStartingWith("rule pack refused:");
        assertThat(workspace.cache().compiled()).isEqualTo(0);
    }

    @Test
    void unknownPackAndMissingConfigAreSetupErrors() {
        assertThatThrownBy(() -> workspace.open(SessionSpec.defaults().withPacks(List.of("no-such-pack"))))
                .isInstanceOf(SetupException.class).hasMessageContaining("no built-in pack 'no-such-pack'");
        assertThatThrownBy(() -> workspace.open(spec(tmp).withConfig(tmp.resolve("absent.yaml"))))
                .isInstanceOf(SetupException.class).hasMessageContaining("absent.yaml: no such file");
    }
}
