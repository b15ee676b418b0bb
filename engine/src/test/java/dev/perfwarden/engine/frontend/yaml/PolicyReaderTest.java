package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.Diagnostic;
import dev.perfwarden.engine.frontend.PackContext;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.AnyOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Between;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Compare;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Exists;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FactValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Field;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.FieldValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Literal;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Matches;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.NotSameFact;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Num;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.OneOf;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamBinding;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamText;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.ParamValue;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Pattern;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Policy;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Rule;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.SameFunction;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.SameLine;
import dev.perfwarden.engine.frontend.yaml.PolicyAst.Text;
import dev.perfwarden.engine.model.ParamType;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The YAML side of the policy front-end: the typed tree it builds, and the problems it reports, each at its place. */
class PolicyReaderTest {
    static final PackContext CTX = new PackContext("team", "team.rules", Map.of("min.width", ParamType.NUMBER,
            "owner", ParamType.STRING), Map.of());

    private static PolicyProblems problems;

    static Policy read(String yaml) {
        problems = new PolicyProblems("team.rules.yaml");
        return new PolicyReader(yaml, CTX, FactTypes.get(), problems).read();
    }

    @Test
    void aRuleBecomesATypedTreeWithTheLineOfEveryPart() {
        Policy p = read("""
                rules:
                  - id: big-capture
                    severity: warning
                    hotSeverity: error
                    scope: function
                    summary: A large variable is captured by reference
                    tags: [escape, closure]
                    match:
                      - fact: closure-capture
                        as: cap
                        where:
                          width: {">=": {param: min.width}}
                          variable: {regex: "[a-z]+", not-in: [skip]}
                      - fact: escape
                        same-function: cap
                        same-line: cap
                        where:
                          subject: {field: cap.variable}
                          any:
                            - kind: moved-to-heap
                            - line: {between: [1, 10]}
                    message: "{{cap.variable}} for {{param.owner}}"
                """);
        assertThat(problems.all()).isEmpty();
        assertThat(p.line()).isEqualTo(1);
        Rule r = p.rules().get(0);
        assertThat(r.id()).isEqualTo(new PolicyAst.At<>("big-capture", 2));
        assertThat(r.severity().value()).isEqualTo(Severity.WARNING);
        assertThat(r.hotSeverity()).isEqualTo(new PolicyAst.At<>(Severity.ERROR, 4));
        assertThat(r.scope()).isEqualTo(new PolicyAst.At<>(Scope.FUNCTION, 5));
        assertThat(r.tags()).isEqualTo(new PolicyAst.At<>(List.of("escape", "closure"), 7));
        assertThat(r.inputs().value()).isEmpty();
        assertThat(r.matchLine()).isEqualTo(8);

        Pattern cap = r.patterns().get(0);
        assertThat(cap.alias()).isEqualTo("cap");
        assertThat(cap.type().name()).isEqualTo("closure-capture");
        assertThat(cap.params()).containsExactly(new ParamBinding("min.width", "$param1", "number", 12));
        assertThat(cap.conditions()).containsExactly(
                new Compare(new Field(null, "width"), ">=", new ParamValue("$param1"), 12),
                new Matches(new Field(null, "variable"), "[a-z]+", false, 13),
                new OneOf(new Field(null, "variable"), List.of(new Text("skip")), true, 13));

        Pattern esc = r.patterns().get(1);
        assertThat(esc.alias()).as("the default name is the fact type").isEqualTo("escape");
        assertThat(esc.conditions()).containsExactly(
                new SameFunction("$cap", 15),
                new SameLine("$cap", 16),
                new Compare(new Field(null, "subject"), "==", new FieldValue(new Field("$cap", "variable")), 18),
                new AnyOf(List.of(
                        List.of(new Compare(new Field(null, "kind"), "==", new Text("moved-to-heap"), 20)),
                        List.of(new Between(new Field(null, "line"), new Num("1"), new Num("10"), 21))), 19));

        assertThat(r.at().alias()).isEqualTo("cap");
        assertThat(r.message().parts()).containsExactly(new FactValue("$cap", "variable", false),
                new Literal(" for "), new ParamText("$messageParam1", false));
        assertThat(r.messageParams()).containsExactly(new ParamBinding("owner", "$messageParam1", "text", 22));
    }

    @Test
    void twoItemsOfOneTypeNeverBindTheSameFactAndExistsKnowsTextFromLists() {
        Policy p = read("""
                rules:
                  - id: twice
                    severity: note
                    summary: Two escapes on one line
                    match:
                      - fact: escape
                        as: a
                        where: {flow: {exists: true}}
                      - fact: escape
                        as: b
                        same-line: a
                        where: {subject: {exists: false}}
                    message: twice
                """);
        assertThat(problems.all()).isEmpty();
        List<Pattern> ps = p.rules().get(0).patterns();
        assertThat(ps.get(0).conditions()).containsExactly(new Exists(new Field(null, "flow"), true, true, 8));
        assertThat(ps.get(1).conditions()).containsExactly(new NotSameFact("$a", 9), new SameLine("$a", 11),
                new Exists(new Field(null, "subject"), false, false, 12));
    }

    @Test
    void problemsNameLineColumnAndWhatIsWrongAndNoTreeIsReturned() {
        Policy p = read("""
                rules:
                  - id: Bad_Id
                    severity: warn
                    summary: x
                    match:
                      - fact: escpe
                    message: m
                """);
        assertThat(p).isNull();
        assertThat(problems.all()).extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 9, "rule id 'Bad_Id' must be kebab-case: lower-case letters and"
                        + " digits, words joined by single dashes (e.g. big-closure)"),
                org.assertj.core.groups.Tuple.tuple(3, 15, "severity 'warn' must be error, warning or note"),
                org.assertj.core.groups.Tuple.tuple(6, 15, "unknown fact type 'escpe' (did you mean 'escape'?); known"
                        + " fact types: " + String.join(", ", FactTypes.get().names())));
        assertThat(problems.all()).allMatch(d -> d.file().equals("team.rules.yaml"));
    }

    @Test
    void anItemJoinedOnlyThroughALiteralThatLooksLikeAnAliasIsStillUnjoined() {
        read("""
                rules:
                  - id: cross
                    severity: note
                    summary: x
                    match:
                      - fact: escape
                        as: a
                      - fact: runtime-call
                        where: {callee: "$a.x"}
                    message: m
                """);
        assertThat(problems.all()).extracting(Diagnostic::line, Diagnostic::message).singleElement()
                .satisfies(t -> assertThat(t.toList().get(1).toString()).startsWith(
                        "this match item is not joined to an earlier one (a): every runtime-call would be paired"));
    }
}
