package dev.perfwarden.engine.yaml;

import dev.perfwarden.engine.yaml.YamlNode.YList;
import dev.perfwarden.engine.yaml.YamlNode.YMap;
import dev.perfwarden.engine.yaml.YamlNode.YScalar;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionedYamlTest {

    @Test
    void keysAndValuesKeepTheirLineAndColumn() throws Exception {
        YMap root = (YMap) PositionedYaml.parse("id: go-perf\nrules:\n  - id: a\n    n: 3\n");
        YamlNode.Entry rules = root.entries().get("rules");
        assertThat(rules.line()).isEqualTo(2);
        assertThat(rules.col()).isEqualTo(1);
        YMap first = (YMap) ((YList) rules.value()).items().get(0);
        assertThat(first.line()).isEqualTo(3);
        assertThat(first.col()).isEqualTo(5);
        YScalar n = (YScalar) first.entries().get("n").value();
        assertThat(n.line()).isEqualTo(4);
        assertThat(n.col()).isEqualTo(8);
        assertThat(n.value()).isEqualTo(3);
        assertThat(n.describe()).isEqualTo("the number 3");
    }

    @Test
    void nodesKnowTheirPathAndTheirKeysPosition() throws Exception {
        YamlNode root = PositionedYaml.parse("id: go-perf\nrules:\n  - id: a\n    n: 3\n");
        YamlNode first = root.get("rules").list().get(0);
        assertThat(first.path()).isEqualTo("rules[0]");
        assertThat(List.of(first.keyLine(), first.keyCol())).containsExactly(3, 5); // a list item: its own
        YamlNode n = first.get("n");
        assertThat(n.path()).isEqualTo("rules[0].n");
        assertThat(List.of(n.keyLine(), n.keyCol(), n.line(), n.col())).containsExactly(4, 5, 4, 8);
        assertThat(n.kind()).isEqualTo(YamlNode.Kind.NUMBER);
        assertThat(n.describeValue()).isEqualTo("the number '3'");
        assertThat(root.get("id").text()).isEqualTo("go-perf");
        assertThat(root.map().keySet()).containsExactly("id", "rules");
        assertThat(root.path()).isEmpty();
    }

    @Test
    void numbersAreReadAsJacksonReadsThem() throws Exception {
        YMap root = (YMap) PositionedYaml.parse("a: 1\nb: 12345678901\nc: 123456789012345678901234\nd: 1.5\n");
        assertThat(((YScalar) root.entries().get("a").value()).value()).isInstanceOf(Integer.class);
        assertThat(((YScalar) root.entries().get("b").value()).value()).isInstanceOf(Long.class);
        assertThat(((YScalar) root.entries().get("c").value()).value()).isInstanceOf(BigInteger.class);
        assertThat(((YScalar) root.entries().get("d").value()).value()).isEqualTo(1.5);
    }

    @Test
    void duplicateKeysNameThePathAndTheFirstLine() {
        assertThatThrownBy(() -> PositionedYaml.parse("rules:\n  - where:\n      x: 1\n      x: 2\n"))
                .isInstanceOfSatisfying(PositionedYaml.SyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.col()).isEqualTo(7);
                })
                .hasMessage("duplicate key 'x' in rules[0].where (first at line 3)");
        assertThatThrownBy(() -> PositionedYaml.parse("a: 1\na: 2\n")).hasMessage("duplicate key 'a' (first at line 1)");
    }

    @Test
    void oneDocumentOfYamlOrNothing() throws Exception {
        assertThat(PositionedYaml.parse("")).isNull();
        assertThat(PositionedYaml.parse("# only a comment\n")).isNull();
        assertThatThrownBy(() -> PositionedYaml.parse("a: 1\n---\nb: 2\n")).hasMessage("only one YAML document per file");
        assertThatThrownBy(() -> PositionedYaml.parse("a: [\n")).hasMessageStartingWith("not valid YAML: ")
                .isInstanceOfSatisfying(PositionedYaml.SyntaxError.class, e -> assertThat(e.line()).isPositive());
    }
}
