package dev.perfwarden.engine.pack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** pack.yaml through the positioned YAML reader: values with their keys' places, problems at the real line and column. */
class PackManifestReaderTest {
    private final List<String> problems = new ArrayList<>();

    private PackManifest read(String... lines) {
        return PackManifestReader.read(String.join("\n", lines) + "\n",
                (line, col, msg) -> problems.add(line + ":" + col + ": " + msg));
    }

    @Test
    void everyValueKeepsThePlaceOfItsKey() {
        PackManifest m = read(
                "# a team pack",
                "id: team",
                "version: 1.2.0",
                "requires:",
                "  go-perf: \"^1.0\"",
                "parameters:",
                "  min.width:",
                "    type: number",
                "    default: 64",
                "    description: bytes",
                "  names: {type: string, default: [a, b]}",
                "rules:",
                "  - id: big",
                "    tags: [alloc]",
                "  -   summary: no id");
        assertThat(problems).isEmpty();
        assertThat(m.id()).isEqualTo(new PackManifest.Text("team", 2, 1));
        assertThat(m.version().value()).isEqualTo("1.2.0");
        assertThat(m.perfwarden()).isNull();
        assertThat(m.requires()).containsExactly(new PackManifest.Require("go-perf", "^1.0", 5, 3));
        assertThat(m.parameters()).containsExactly(
                new PackManifest.ParamSpec("min.width", "number", 64, "bytes", 7, 3),
                new PackManifest.ParamSpec("names", "string", List.of("a", "b"), null, 11, 3));
        assertThat(m.rulesLine()).isEqualTo(12);
        assertThat(m.rules()).containsExactly(
                new PackManifest.RuleEntry("big", null, List.of("alloc"), null, 13, 5),
                new PackManifest.RuleEntry(null, null, null, "no id", 15, 7));
    }

    @Test
    void unknownKeysAndWrongShapesAreReportedWhereTheyAreWritten() {
        PackManifest m = read(
                "id: team",
                "version: 1.0.0",
                "licence: MIT",
                "parameters:",
                "  w:",
                "    type: number",
                "    defualt: 3",
                "rules:",
                "  - id: a",
                "    tags: alloc",
                "  - id: b",
                "    severty: note");
        assertThat(m).isNull();
        assertThat(problems).containsExactly(
                "3:1: unknown key 'licence' (allowed: description, id, parameters, perfwarden, requires, rules, version)",
                "7:5: unknown key 'defualt' in parameters.w (allowed: default, description, type)",
                "10:11: tags: expected a list of tags, e.g. [alloc, escape], found text 'alloc'",
                "12:5: unknown key 'severty' in rules[1] (allowed: id, severity, summary, tags)");
    }

    @Test
    void syntaxErrorsAndEmptyOrOddDocumentsAreProblemsNotExceptions() {
        assertThat(read("id: team", "version: [1.0")).isNull();
        assertThat(problems).singleElement().asString().startsWith("2:14: not valid YAML: while parsing a flow sequence");
        problems.clear();
        assertThat(read("- id: team")).isNull();
        assertThat(problems).containsExactly("1:1: pack.yaml must be a mapping (id, version, ...), found a list");
        problems.clear();
        assertThat(read("id: team", "version:", "  major: 1")).isNull();
        assertThat(problems).containsExactly("3:3: version: expected a single value, found a mapping");
        problems.clear();
        assertThat(read("", "  ")).isNull();
        assertThat(problems).containsExactly("1:0: pack.yaml is empty");
        problems.clear();
        assertThat(read("id: team", "id: other")).isNull();
        assertThat(problems).singleElement().asString().startsWith("2:1: ").contains("'id'");
    }

    @Test
    void parameterDefaultsArePlainJavaValues() {
        PackManifest m = read("parameters:", "  m: {type: string, default: {a: 1}}");
        assertThat(m.parameters().get(0).defaultValue()).isEqualTo(Map.of("a", 1));
    }
}
