package dev.perfwarden.engine.frontend.yaml;

import dev.perfwarden.engine.frontend.Nearest;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.FactTypes.ValueKind;
import dev.perfwarden.engine.yaml.YamlNode.YMap;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words of the YAML policy language (keys, operators, filters, name shapes; described in
 * docs/rules.md) and the small text helpers its reader and emitter share.
 */
final class PolicySyntax {
    static final List<String> TOP_KEYS = List.of("rules");
    static final List<String> RULE_KEYS = List.of("id", "severity", "hotSeverity", "scope", "summary", "tags",
            "inputs", "doc", "match", "message", "at");
    static final List<String> ITEM_KINDS = List.of("fact", "not", "exists");
    static final List<String> PATTERN_KEYS = List.of("fact", "as", "where", "same-function", "same-line");
    static final List<String> OPERATORS = List.of("equals", "not-equals", "regex", "not-regex", "<", "<=", ">", ">=",
            "lt", "lte", "gt", "gte", "between", "in", "not-in", "exists");
    static final List<String> FILTERS = List.of("percent");
    static final Map<String, String> COMPARISONS = Map.of("<", "<", "<=", "<=", ">", ">", ">=", ">=",
            "lt", "<", "lte", "<=", "gt", ">", "gte", ">=");

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    static final Pattern ALIAS = Pattern.compile("[a-z][a-zA-Z0-9]*");
    static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private PolicySyntax() {
    }

    /** A mapping that is an operand, {@code {param: NAME}} or {@code {field: ALIAS.FIELD}}, not a set of conditions. */
    static boolean isOperandMap(YMap m) {
        return m.entries().size() == 1 && (m.entries().containsKey("param") || m.entries().containsKey("field"));
    }

    /** Whether a value of kind {@code value} can be compared with a field of kind {@code field}. */
    static boolean compatible(ValueKind field, ValueKind value) {
        return field == value || field.numeric() && value.numeric();
    }

    /** The name a match item gets without {@code as:}: the fact type in camel case ({@code runtime-call} → runtimeCall). */
    static String defaultAlias(String typeName) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : typeName.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }

    static String article(ValueKind k) {
        return switch (k) {
            case TEXT -> "text";
            case INTEGER -> "an integer";
            case DECIMAL -> "a decimal number";
            case BOOLEAN -> "a boolean";
            case LIST -> "a list";
            case MAP -> "a map";
            case OTHER -> "a structured value";
        };
    }

    static String testableFields(FactType t) {
        return t.fields().values().stream().filter(f -> f.kind().testable())
                .map(f -> f.name() + " (" + f.kind().label() + ")").collect(Collectors.joining(", "));
    }

    /** A Java/DRL string literal: quotes, backslashes and line breaks escaped. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(' ');
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate within edit distance 2, else "". */
    static String suggest(String got, Collection<String> candidates) {
        return Nearest.didYouMean(got, candidates, 2);
    }
}
