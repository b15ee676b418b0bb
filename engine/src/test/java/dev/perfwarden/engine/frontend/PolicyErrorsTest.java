package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every mistake in a YAML policy is reported at the policy's own file and line, says what was expected,
 * and (for names) lists what would have been valid. One line of a valid policy is replaced per case.
 */
class PolicyErrorsTest {
    private static final List<String> VALID = List.of(
            "rules:",                                   // 1
            "  - id: r",                                // 2
            "    severity: warning",                    // 3
            "    scope: function",                      // 4
            "    summary: A test rule",                 // 5
            "    match:",                               // 6
            "      - fact: closure-capture",            // 7
            "        as: cap",                          // 8
            "        where:",                           // 9
            "          byRef: true",                    // 10
            "          width: {\">=\": 64}",            // 11
            "      - fact: escape",                     // 12
            "        as: esc",                          // 13
            "        same-line: cap",                   // 14
            "        where:",                           // 15
            "          kind: moved-to-heap",            // 16
            "    at: esc",                              // 17
            "    message: \"{{cap.variable}} is captured\""); // 18

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("field that the fact does not have", 11, "          widht: {\">=\": 64}", 11,
                        "closure-capture has no field 'widht' (did you mean 'width'?); its fields: variable (text),"
                                + " byRef (boolean), addr (boolean), assign (boolean), width (integer), pkg (text)"),
                arguments("regex on a number", 11, "          width: {regex: \"6.*\"}", 11,
                        "regex needs a text field, but 'width' of closure-capture is an integer"),
                arguments("number for a text field", 10, "          variable: 42", 10,
                        "'variable' of closure-capture is text; compare it with text, not the number 42"
                                + " (write it in quotes: '42')"),
                arguments("text for a number field", 11, "          width: {\">=\": big}", 11,
                        "'width' of closure-capture is an integer; '>=' needs a number, not text 'big'"),
                arguments("boolean field compared with text", 10, "          byRef: yes please", 10,
                        "'byRef' of closure-capture is a boolean; compare it with true or false, not text 'yes please'"),
                arguments("bad regular expression", 10, "          variable: {regex: \"a(b\"}", 10,
                        "regex: 'a(b' is not a valid regular expression: missing closing )"),
                arguments("backreference (RE2 has none: linear time)", 10, "          variable: {regex: \"(a)\\\\1\"}",
                        10, "is not a valid regular expression: invalid escape sequence"),
                arguments("an item joined to nothing (a cartesian product)", 14, "        # no join", 12,
                        "this match item is not joined to an earlier one (cap): every escape would be paired with"
                                + " every earlier match"),
                arguments("unknown fact type", 7, "      - fact: closure-captures", 7,
                        "unknown fact type 'closure-captures' (did you mean 'closure-capture'?); known fact types:"
                                + " escape, closure-capture, compiler-remark, inline"),
                arguments("unknown parameter", 11, "          width: {\">=\": {param: min.widht}}", 11,
                        "param: pack policies has no parameter 'min.widht' (did you mean 'min.width'?)"),
                arguments("parameter of the wrong type", 11, "          width: {\">=\": {param: owner}}", 11,
                        ">=: parameter 'owner' is a string, but 'width' of closure-capture is an integer"),
                arguments("unknown condition", 11, "          width: {\"=>\": 64}", 11,
                        "unknown condition '=>' on 'width' of closure-capture"),
                arguments("value outside the field's vocabulary", 16, "          kind: moved-to-hep", 16,
                        "'moved-to-hep' is not a value of 'kind' of escape (did you mean 'moved-to-heap'?); values:"
                                + " moved-to-heap, escapes, does-not-escape, leaking-param"),
                arguments("placeholder naming a missing field", 18, "    message: \"{{cap.variabel}} is captured\"", 18,
                        "message: {{cap.variabel}}: closure-capture has no field 'variabel' (did you mean 'variable'?)"),
                arguments("placeholder naming an unknown fact", 18, "    message: \"{{call.callee}} is captured\"", 18,
                        "message: {{call.callee}}: 'call' is not a matched fact (matched: cap, esc"),
                arguments("join on a name not matched above", 14, "        same-line: capture", 14,
                        "same-line: 'capture' is not a fact matched above this item (matched so far: cap)"),
                arguments("misspelt rule key", 4, "    scpoe: function", 4,
                        "unknown key 'scpoe' in a rule (did you mean 'scope'?)"),
                arguments("bad severity", 3, "    severity: warn", 3,
                        "severity 'warn' must be error, warning or note"),
                arguments("YAML syntax error", 11, "          width: {\">=\": 64", 12, "not valid YAML"),
                arguments("duplicate key", 11, "          byRef: false", 11,
                        "duplicate key 'byRef' in rules[0].match[0].where (first at line 10)"),
                arguments("rule id that is not the folder name", 2, "  - id: other", 2,
                        "rule name \"other\" must equal its folder name \"r\""),
                arguments("reversed range", 11, "          width: {between: [100, 10]}", 11,
                        "between: the low end 100 is above the high end 10"),
                arguments("exists on a number", 11, "          width: {exists: true}", 11,
                        "exists applies to text and list fields, but 'width' of closure-capture is an integer"),
                arguments("a list where one value is expected", 10, "          variable: [a, b]", 10,
                        "equals: expected a single value, found a list (for several values use in: [a, b])"),
                arguments("fields are checked against the fact type named", 7, "      - fact: hot-function", 10,
                        "hot-function has no field 'byRef'"),
                arguments("hot severity below severity", 4, "    hotSeverity: note", 4,
                        "hotSeverity note is below severity warning"),
                arguments("in on a boolean", 10, "          byRef: {in: [true]}", 10,
                        "in needs a text or numeric field, but 'byRef' of closure-capture is a boolean"),
                arguments("exists with a value that is not a boolean", 10, "          byRef: {exists: maybe}", 10,
                        "exists: expected true or false, found"),
                arguments("a number too large", 11, "          width: {\">=\": 123456789012345678901234}", 11,
                        "number 123456789012345678901234 is too large"),
                arguments("field reference to no matched fact", 16, "          kind: {field: nope.kind}", 16,
                        "field: 'nope.kind' must be NAME.FIELD with NAME a fact matched above"),
                arguments("field reference to a missing field", 16, "          kind: {field: cap.kindd}", 16,
                        "field: closure-capture has no field 'kindd'"),
                arguments("field reference of another kind", 16, "          kind: {field: cap.width}", 16,
                        "equals: 'cap.width' is an integer, but 'kind' of escape is"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void problemPointsAtThePolicyLine(String name, int replaceLine, String replacement, int expectLine, String expect) {
        List<String> lines = new ArrayList<>(VALID);
        lines.set(replaceLine - 1, replacement);
        Path pack = PolicyPacks.yamlRule(tmp, "r", String.join("\n", lines) + "\n");
        assertThatThrownBy(() -> PackLoader.load(pack)).isInstanceOfSatisfying(PackException.class, e -> {
            Problem p = e.problems().stream().filter(x -> x.message().contains(expect)).findFirst()
                    .orElseThrow(() -> new AssertionError("no problem contains \"" + expect + "\" in:\n" + e.getMessage()));
            assertThat(p.file()).isEqualTo("r/rule.rules.yaml");
            assertThat(p.line()).as(p.format()).isEqualTo(expectLine);
            assertThat(p.format()).startsWith(pack + "/r/rule.rules.yaml:" + expectLine + ":");
        });
    }
}
