package dev.perfwarden.engine.project;

import dev.perfwarden.engine.gate.FailOn;
import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectConfigTest {
    @TempDir
    Path tmp;

    static final String FULL = """
            # a project's settings
            packs:
              - id: go-perf
                version: "^1.0"
                parameters:
                  hot.function.cumShare: 0.05
              - path: tools/perf-rules
                version: ">=0.2.0 <0.3.0"
              - go-extra@~2.1
            parameters:
              hot.line.flatShare: 0.01
              go-perf:closure.capture.minWidth: 128
              team:
                slow.nanos: 500
            paths:
              include: ["internal/**", "cmd/"]
              exclude: ["*_test.go", "internal/gen/**"]
            rules:
              inline-recursive: off
              leaking-param: false
              interface-escape: error
              growslice-in-loop:
                severity: note
                paths:
                  exclude: ["internal/legacy/**"]
            baseline: perfwarden.baseline.json
            lock: locks/perfwarden.lock
            failOn: warning
            """;

    @Test
    void readsEverySetting() throws Exception {
        Path file = tmp.resolve(".perfwarden.yaml");
        ProjectConfig c = ProjectConfig.parse(FULL, file);
        assertThat(c.packs()).extracting(ProjectConfig.PackSpec::label)
                .containsExactly("go-perf@^1.0", tmp.resolve("tools/perf-rules") + "@>=0.2.0 <0.3.0", "go-extra@~2.1");
        assertThat(c.packs().get(0).builtin()).isTrue();
        assertThat(c.packs().get(1).path()).isEqualTo(tmp.resolve("tools/perf-rules"));
        assertThat(c.overrides()).containsEntry("hot.line.flatShare", 0.01)
                .containsEntry("go-perf:closure.capture.minWidth", 128)
                .containsEntry("team:slow.nanos", 500)
                .containsEntry("go-perf:hot.function.cumShare", 0.05);
        assertThat(c.severities()).containsExactly(Map.entry("interface-escape", Severity.ERROR),
                Map.entry("growslice-in-loop", Severity.NOTE));
        assertThat(c.rules().get("inline-recursive").enabled()).isFalse();
        assertThat(c.rules().get("leaking-param").enabled()).isFalse();
        assertThat(c.baseline()).isEqualTo(tmp.resolve("perfwarden.baseline.json"));
        assertThat(c.lockFile()).contains(tmp.resolve("locks/perfwarden.lock"));
        assertThat(c.failOn()).isEqualTo(FailOn.WARNING);

        var filter = c.filter();
        assertThat(filter.hide(finding("inline-recursive", "internal/a.go"))).isEqualTo("disabled");
        assertThat(filter.hide(finding("interface-escape", "internal/a.go"))).isNull();
        assertThat(filter.hide(finding("interface-escape", "internal/a_test.go"))).isEqualTo("excluded");
        assertThat(filter.hide(finding("interface-escape", "internal/gen/x/y.go"))).isEqualTo("excluded");
        assertThat(filter.hide(finding("interface-escape", "main.go"))).isEqualTo("excluded");
        assertThat(filter.hide(finding("interface-escape", "cmd/tool/main.go"))).isNull();
        assertThat(filter.hide(finding("growslice-in-loop", "internal/legacy/old.go"))).isEqualTo("excluded");
        assertThat(filter.hide(finding("interface-escape", ""))).as("no file: nothing to match").isNull();
        assertThat(c.unknownRules(List.of("interface-escape", "growslice-in-loop", "leaking-param")))
                .hasValueSatisfying(e -> assertThat(e.getMessage())
                        .isEqualTo(file + ":19:3: error: rules: 'inline-recursive' is not a rule of the loaded packs"));
    }

    static Finding finding(String rule, String file) {
        return Finding.of(rule, "go-perf@1.0.0", Severity.WARNING, "m.f", file, 3, 1, "x", List.of());
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsWithFileLineAndColumn() {
        Path file = tmp.resolve(".perfwarden.yaml");
        String text = """
                packs:
                  - id: go-perf
                    versoin: "^1.0"
                  - path: a
                    id: b
                paths:
                  include: ["/abs/**"]
                  exlude: []
                rules:
                  interface-escape: loud
                  leaking-param:
                    severity: fatal
                    enable: false
                baseline: 3
                failOn: sometimes
                trust: full
                """;
        assertThatThrownBy(() -> ProjectConfig.parse(text, file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).issues()).extracting(ConfigException.Issue::format)
                        .containsExactlyInAnyOrder(
                                file + ":16:1: error: unknown key 'trust' (allowed: baseline, contracts, debt, failOn, limits, lock, packs, parameters, paths, rules)",
                                file + ":3:5: error: unknown key 'versoin' in packs[0] (allowed: id, parameters, path, version)",
                                file + ":4:5: error: packs: each entry needs exactly one of 'id' (a built-in pack) or 'path' (a pack folder or archive)",
                                file + ":7:13: error: paths.include: patterns are relative to the module root and use '/' (not '/abs/**')",
                                file + ":8:3: error: unknown key 'exlude' in paths (allowed: exclude, include)",
                                file + ":10:21: error: rules: interface-escape: expected off, on, error, warning, note or a map, got the string 'loud'",
                                file + ":12:15: error: severity: expected error, warning or note, got the string 'fatal'",
                                file + ":13:5: error: unknown key 'enable' in rules.leaking-param (allowed: enabled, paths, severity)",
                                file + ":14:11: error: baseline: expected a file path, got the number '3'",
                                file + ":15:9: error: failOn: expected error, warning, note or none, got the string 'sometimes'"));
    }

    @Test
    void invalidYamlAndDuplicateKeysNameTheirLine() {
        Path file = tmp.resolve(".perfwarden.yaml");
        assertThatThrownBy(() -> ProjectConfig.parse("packs:\n  - id: go-perf\nrules:\n  a: off\n  a: on\n", file))
                .hasMessage(file + ":5:3: error: duplicate key 'a' in rules (first at line 4)");
        assertThatThrownBy(() -> ProjectConfig.parse("packs: [\n", file)).hasMessageStartingWith(file + ":1:9:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ProjectConfig.parse("packs:\n  - id: go-perf\n    version: nope\n", file))
                .hasMessage(file + ":3:14: error: version: 'nope' is not a version range (e.g. \"^1.0\", \">=1.2.0 <2.0.0\")");
    }

    @Test
    void isFoundUpwardFromTheModuleAndTheLockSitsNextToIt() throws Exception {
        Path repo = tmp.resolve("repo");
        Path module = repo.resolve("services/api");
        Files.createDirectories(module);
        Files.writeString(repo.resolve(".perfwarden.yaml"), "failOn: note\n");
        assertThat(ProjectConfig.find(List.of(module))).contains(repo.resolve(".perfwarden.yaml"));
        assertThat(ProjectConfig.find(List.of(tmp.resolve("elsewhere"), module))).contains(repo.resolve(".perfwarden.yaml"));
        Files.writeString(module.resolve(".perfwarden.yaml"), "");
        assertThat(ProjectConfig.find(List.of(module.resolve("main.go")))).contains(module.resolve(".perfwarden.yaml"));
        ProjectConfig empty = ProjectConfig.load(module.resolve(".perfwarden.yaml"));
        assertThat(empty.packs()).isEmpty();
        assertThat(empty.lockFile()).isEmpty();
        Files.writeString(module.resolve("perfwarden.lock"), "x");
        assertThat(empty.lockFile()).contains(module.resolve("perfwarden.lock"));
    }

    @Test
    void globs() {
        assertThat(PathFilter.matches("*_test.go", "a/b/c_test.go")).isTrue();
        assertThat(PathFilter.matches("internal/**", "internal/a/b.go")).isTrue();
        assertThat(PathFilter.matches("internal/**/x.go", "internal/x.go")).isTrue();
        assertThat(PathFilter.matches("internal/*.go", "internal/a/b.go")).isFalse();
        assertThat(PathFilter.matches("gen/", "gen/a/b.go")).isTrue();
        assertThat(PathFilter.matches("gen/", "src/gen/a.go")).isFalse();
        assertThat(PathFilter.matches("m?in.go", "main.go")).isTrue();
        assertThat(new PathFilter(List.of(), List.of("vendor/")).keeps("./vendor/x.go")).isFalse();
    }
}
