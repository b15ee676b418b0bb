package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;

import java.util.List;
import java.util.Map;

/**
 * The typed syntax tree of one YAML policy file. {@link PolicyReader} builds it, and only from a file
 * it found valid (every id, severity, fact type, field, operand and placeholder checked against the
 * fact model and the pack's parameters); {@link DrlEmitter} writes it as DRL without checking anything.
 * Every node keeps the YAML line it came from, so that each DRL line maps back to the policy.
 */
final class PolicyAst {
    private PolicyAst() {
    }

    /** A value and the YAML line it was written on (0: not written, the default applies). */
    record At<T>(T value, int line) {
    }

    /**
     * One policy file.
     *
     * @param line  the line of {@code rules:}, where the DRL header maps to
     * @param docs  rule id to the markdown of its {@code doc:}
     */
    record Policy(int line, List<Rule> rules, Map<String, String> docs) {
        Policy {
            rules = List.copyOf(rules);
            docs = Map.copyOf(docs);
        }
    }

    /**
     * One rule.
     *
     * @param hotSeverity    null when not written
     * @param scope          null when not written (line scope)
     * @param tags           empty when not written
     * @param inputs         empty when not written
     * @param matchLine      the line of {@code match:}
     * @param patterns       the match items in order
     * @param messageParams  parameters the message shows, bound after the patterns
     * @param at             the matched fact the finding is reported at
     * @param messageLine    the line of {@code message:}; {@code messageValueLine} the line of its text
     */
    record Rule(At<String> id, At<Severity> severity, At<Severity> hotSeverity, At<Scope> scope, At<String> summary,
                At<List<String>> tags, At<List<String>> inputs, int matchLine, List<Pattern> patterns,
                List<ParamBinding> messageParams, Bound at, Message message, int messageLine, int messageValueLine) {
        Rule {
            patterns = List.copyOf(patterns);
            messageParams = List.copyOf(messageParams);
        }

        /** The positively matched facts, in order (the rule's evidence after {@code at}). */
        List<Bound> bound() {
            return patterns.stream().filter(p -> p.quantifier() == null)
                    .map(p -> new Bound(p.alias(), p.type(), "$" + p.alias(), p.line())).toList();
        }
    }

    /** A fact bound by a positive match item, as rules refer to it. */
    record Bound(String alias, FactType type, String var, int line) {
    }

    /**
     * One match item.
     *
     * @param quantifier  null for a positive item ({@code alias} set), {@code not} or {@code exists}
     * @param params      parameter bindings its conditions use, written before it
     */
    record Pattern(String quantifier, FactType type, String alias, int line, List<ParamBinding> params,
                   List<Condition> conditions) {
        Pattern {
            params = List.copyOf(params);
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A parameter of the policy's own pack bound to a variable: {@code param(NAME, VAR;)} when SLOT is
     * {@code number}, {@code paramText(NAME, VAR;)} when it is {@code text}.
     */
    record ParamBinding(String name, String var, String slot, int line) {
    }

    /** A field a condition tests: of the pattern's own fact ({@code var} null) or of a fact matched above. */
    record Field(String var, String name) {
        String drl() {
            return var == null ? name : var + "." + name;
        }
    }

    /** One condition of a pattern. */
    sealed interface Condition {
        int line();
    }

    /** Not the fact already bound to {@code other} (two items of one type never bind the same fact). */
    record NotSameFact(String other, int line) implements Condition {
    }

    /** {@code same-function: ALIAS}. */
    record SameFunction(String other, int line) implements Condition {
    }

    /** {@code same-line: ALIAS}: the same line of the same file. */
    record SameLine(String other, int line) implements Condition {
    }

    /** {@code field OP value} with OP one of == != < <= > >=. */
    record Compare(Field field, String operator, Operand value, int line) implements Condition {
    }

    /** {@code regex:} / {@code not-regex:} (RE2, the whole value). */
    record Matches(Field field, String regex, boolean negated, int line) implements Condition {
    }

    /** {@code between: [low, high]}, both ends included. */
    record Between(Field field, Operand low, Operand high, int line) implements Condition {
    }

    /** {@code in:} / {@code not-in:}. */
    record OneOf(Field field, List<Operand> values, boolean negated, int line) implements Condition {
        OneOf {
            values = List.copyOf(values);
        }
    }

    /** {@code exists: true|false} on a text ({@code collection} false) or a list or map field. */
    record Exists(Field field, boolean want, boolean collection, int line) implements Condition {
    }

    /** {@code any:}: one of the alternatives holds, each a list of conditions that all hold. */
    record AnyOf(List<List<Condition>> alternatives, int line) implements Condition {
        AnyOf {
            alternatives = alternatives.stream().map(List::copyOf).toList();
        }
    }

    /** A value a field is compared with. */
    sealed interface Operand {
    }

    record Text(String value) implements Operand {
    }

    /** A number as DRL writes it (plain decimal notation). */
    record Num(String plain) implements Operand {
    }

    record Bool(boolean value) implements Operand {
    }

    /** {@code {param: NAME}}, bound to {@code var} by a {@link ParamBinding}. */
    record ParamValue(String var) implements Operand {
    }

    /** {@code {field: ALIAS.FIELD}}. */
    record FieldValue(Field field) implements Operand {
    }

    /** A message template: literal text and placeholders. */
    record Message(List<Part> parts) {
        Message {
            parts = List.copyOf(parts);
        }
    }

    sealed interface Part {
    }

    record Literal(String text) implements Part {
    }

    /** {@code {{alias.field}}}: {@code path} is the field's (possibly dotted) name. */
    record FactValue(String var, String path, boolean percent) implements Part {
    }

    /** {@code {{param.NAME}}}, bound to {@code var}. */
    record ParamText(String var, boolean percent) implements Part {
    }
}
