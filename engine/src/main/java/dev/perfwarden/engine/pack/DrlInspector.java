package dev.perfwarden.engine.pack;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses DRL (without compiling it) to read its package, rules and rule metadata, with positions. */
final class DrlInspector {
    /** A parse error at a DRL line/column (of the text given). */
    record Error(int line, int column, String message) {
    }

    /** One rule (or query) of the file. Metadata values are unquoted strings, or null for {@code @flag}. */
    record RuleHead(String name, int line, boolean query, Map<String, Object> metadata, Map<String, String> attributes) {
    }

    /** {@code descr} is the parsed package, or null when the text has errors. */
    record Result(String packageName, List<RuleHead> rules, List<Error> errors, PackageDescr descr) {
    }

    private DrlInspector() {
    }

    /** The problem of a file whose nesting overflows the parser's stack (a pack's fault, not an internal error). */
    static final String TOO_DEEP = "nests too deeply to be parsed (the parser ran out of stack): refused; write the"
            + " conditions and expressions with less nesting";

    static Result inspect(String drl) {
        DrlParser parser = new DrlParser();
        PackageDescr pd;
        List<Error> errors = new ArrayList<>();
        try {
            pd = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            errors.add(new Error(e.getLineNumber(), e.getColumn(), cleanMessage(e.getMessage())));
            return new Result("", List.of(), errors, null);
        } catch (StackOverflowError e) {
            errors.add(new Error(Problem.mostNestedLine(drl), 0, TOO_DEEP));
            return new Result("", List.of(), errors, null);
        }
        for (DroolsError e : parser.getErrors()) {
            int line = 0;
            int col = 0;
            if (e instanceof ParserError pe) {
                line = pe.getRow();
                col = pe.getCol() + 1;
            } else if (e.getLines() != null && e.getLines().length > 0) {
                line = e.getLines()[0];
            }
            errors.add(new Error(line, col, DrlSyntaxErrors.explain(cleanMessage(e.getMessage()), drl, line, col)));
        }
        if (pd == null || !errors.isEmpty()) {
            return new Result(pd == null ? "" : pd.getName(), List.of(), errors, null);
        }
        List<RuleHead> rules = new ArrayList<>();
        for (RuleDescr r : pd.getRules()) {
            Map<String, Object> meta = new LinkedHashMap<>();
            for (AnnotationDescr a : r.getAnnotations()) {
                Object v = a.getSingleValue();
                if (v instanceof String s) {
                    String t = s.strip();
                    v = t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
                            ? unescape(t.substring(1, t.length() - 1)) : AnnotationDescr.unquote(t);
                }
                meta.put(a.getName(), v);
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            r.getAttributes().forEach((k, v) -> attrs.put(k, v.getValue()));
            rules.add(new RuleHead(r.getName(), r.getLine(), r.isQuery(), meta, attrs));
        }
        return new Result(pd.getName() == null ? "" : pd.getName(), rules, errors, pd);
    }

    /**
     * The value of a DRL string literal's body, as Drools reads it: {@code \"}, {@code \\}, {@code \n}, {@code \t},
     * and {@code \}{@code uXXXX}.
     */
    static String unescape(String body) {
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                if (n == 'u' && i + 4 < body.length() && body.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16)); // a unicode escape, as Java reads it
                    i += 4;
                    continue;
                }
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Removes Drools' own position prefix ({@code Line 5:0}), which refers to the compiled DRL. */
    static String cleanMessage(String msg) {
        if (msg == null) {
            return "";
        }
        return msg.replaceAll("\\bLine \\d+:\\d+\\s+", "")
                .replaceAll("\\n?\\[Line: \\d+, Column: \\d+]", "")
                .strip();
    }
}
