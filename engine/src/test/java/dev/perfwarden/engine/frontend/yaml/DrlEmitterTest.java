package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.Translation;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.AnyOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.At;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bool;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Bound;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Compare;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Exists;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FactValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Field;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Literal;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Matches;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Message;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.OneOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamBinding;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Pattern;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Policy;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Rule;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Text;
import dev.perfwarden.engine.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The DRL side of the policy front-end: a typed tree written as DRL, values escaped, every line mapped back. */
class DrlEmitterTest {
    private static final FactType ESCAPE = FactTypes.get().byName("escape").orElseThrow();
    private static final FactType CALL = FactTypes.get().byName("runtime-call").orElseThrow();

    @Test
    void conditionsBecomeConstraintsAndTextIsAlwaysAnEscapedLiteral() {
        assertThat(DrlEmitter.constraints(new Compare(new Field(null, "subject"), "==",
                new Text("a\" || true || \"\\"), 1)))
                .containsExactly("subject == \"a\\\" || true || \\\"\\\\\"");
        assertThat(DrlEmitter.constraints(new Matches(new Field("$a", "subject"), "x.*", true, 1)))
                .containsExactly("!Regex.matches($a.subject, \"x.*\")");
        assertThat(DrlEmitter.constraints(new OneOf(new Field(null, "line"), List.of(new PolicyAst.Num("3"),
                new ParamValue("$param1")), false, 1))).containsExactly("line in (3, $param1)");
        assertThat(DrlEmitter.constraints(new Exists(new Field(null, "flow"), false, true, 1)))
                .containsExactly("(flow == null || flow.isEmpty() == true)");
        assertThat(DrlEmitter.constraints(new AnyOf(List.of(
                List.of(new Compare(new Field(null, "kind"), "==", new Text("escapes"), 2)),
                List.of(new Compare(new Field(null, "addrTaken"), "==", new Bool(true), 3),
                        new Compare(new Field(null, "line"), ">", new PolicyAst.Num("1.5"), 3))), 1)))
                .containsExactly("(((kind == \"escapes\")) || ((addrTaken == true) && (line > 1.5)))");
    }

    @Test
    void aRuleIsWrittenWithEachDrlLineMappedToItsYamlLine() {
        Pattern esc = new Pattern(null, ESCAPE, "esc", 6, List.of(new ParamBinding("owner", "$param1", "text", 8)),
                List.of(new Compare(new Field(null, "subject"), "==", new ParamValue("$param1"), 8)));
        Pattern noCall = new Pattern("not", CALL, null, 9, List.of(),
                List.of(new PolicyAst.SameFunction("$esc", 10)));
        Rule r = new Rule(new At<>("one", 2), new At<>(Severity.NOTE, 3), null, null, new At<>("Sum \"q\"", 4),
                new At<>(List.of(), 0), new At<>(List.of(), 0), 5, List.of(esc, noCall), List.of(),
                new Bound("esc", ESCAPE, "$esc", 6),
                new Message(List.of(new FactValue("$esc", "subject", false), new Literal(" escapes"))), 11, 11);
        Translation t = new DrlEmitter(PolicyReaderTest.CTX).emit(new Policy(1, List.of(r), Map.of("one", "doc\n")));

        assertThat(t.problems()).isEmpty();
        assertThat(t.docs()).containsEntry("one", "doc\n");
        List<String> lines = t.drl().lines().toList();
        assertThat(lines).containsSubsequence(
                "package team.rules;",
                "import " + CALL.type().getName() + ";",
                "import " + ESCAPE.type().getName() + ";",
                "rule \"one\"",
                "    @severity(note)",
                "    @summary(\"Sum \\\"q\\\"\")",
                "when",
                "    paramText(\"owner\", $param1;)",
                "    $esc : EscapeFact(",
                "        subject == $param1",
                "    )",
                "    not RuntimeCall(",
                "        symbol == $esc.symbol,",
                "        symbol != \"\"",
                "    )",
                "then",
                "    insert(Hits.hit(drools, $esc, String.valueOf($esc.subject()) + \" escapes\", $esc));",
                "end");
        assertThat(lines).noneMatch(l -> l.contains("Regex"));
        int when = lines.indexOf("when") + 1;
        int notCall = lines.indexOf("    not RuntimeCall(") + 1;
        int then = lines.indexOf("then") + 1;
        assertThat(t.lineMap().sourceLine(lines.indexOf("rule \"one\"") + 1)).isEqualTo(2);
        assertThat(t.lineMap().sourceLine(when)).isEqualTo(5);
        assertThat(t.lineMap().sourceLine(when + 1)).as("the Param binding").isEqualTo(8);
        assertThat(t.lineMap().sourceLine(notCall)).isEqualTo(9);
        assertThat(t.lineMap().sourceLine(notCall + 1)).isEqualTo(10);
        assertThat(t.lineMap().sourceLine(then)).isEqualTo(11);
    }
}
