package dev.perfwarden.engine.doc;

import dev.perfwarden.engine.frontend.yaml.FactTypes;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FactType;
import dev.perfwarden.engine.frontend.yaml.FactTypes.FieldInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the reference part of docs/rules.md: every sentence of a pack's DSL ({@code .dsl}, in file
 * order, grouped by its {@code # ---- name} comment lines) with the DRL it expands to, and every YAML
 * fact type with its fields, read by reflection from the fact records ({@link FactTypes}). The text
 * sits in the doc between {@link #BEGIN} and {@link #END}; a test in the rules module fails when it is
 * stale, and rewrites it with {@code -Dperfwarden.update=true}.
 *
 * <p>{@code main(dslFile)} prints the reference; {@code main(dslFile, docFile)} rewrites the doc.
 */
public final class RuleReference {
    public static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE: RuleReference, do not edit by hand -->";
    public static final String END = "<!-- END GENERATED REFERENCE -->";

    private RuleReference() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: RuleReference DSL_FILE [DOC_FILE]");
            System.exit(2);
        }
        Path dsl = Path.of(args[0]);
        String ref = render(dsl.toString(), Files.exists(dsl) ? Files.readString(dsl, StandardCharsets.UTF_8) : null);
        if (args.length == 1) {
            System.out.print(ref);
            return;
        }
        Path doc = Path.of(args[1]);
        Files.writeString(doc, replace(Files.readString(doc, StandardCharsets.UTF_8), ref), StandardCharsets.UTF_8);
    }

    /** {@code doc} with the text between the markers replaced by {@code reference}. */
    public static String replace(String doc, String reference) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("the doc has no " + BEGIN + " ... " + END + " block");
        }
        return doc.substring(0, b + BEGIN.length()) + "\n" + reference + doc.substring(e);
    }

    /** The text between the markers of {@code doc}, without the newline after BEGIN. */
    public static String current(String doc) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("the doc has no " + BEGIN + " ... " + END + " block");
        }
        String s = doc.substring(b + BEGIN.length(), e);
        return s.startsWith("\n") ? s.substring(1) : s;
    }

    /** The whole generated reference: DSL sentences of {@code dslText} (null: none yet), then fact types. */
    public static String render(String dslName, String dslText) {
        StringBuilder sb = new StringBuilder();
        sb.append("### DSL sentences\n\n");
        if (dslText == null) {
            sb.append("The pack has no DSL yet (").append(dslName).append(").\n\n");
        } else {
            dsl(sb, dslName, dslText);
        }
        sb.append("### YAML fact types and fields\n\n");
        facts(sb);
        sb.append("### Derived facts\n\n")
                .append("Facts the engine derives from the input facts once per rule session, before the rules run")
                .append(" (see [Facts the engine derives once](#facts-the-engine-derives-once)). DRL and DSL rules")
                .append(" match them by their record; a YAML policy cannot name them.\n\n");
        for (FactType t : FactTypes.get().derived()) {
            factType(sb, t, "derived-");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- DSL

    private record Entry(String section, String sentence, String drl) {
    }

    private static void dsl(StringBuilder sb, String dslName, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> header = new ArrayList<>();
        int i = 0;
        while (i < lines.length && lines[i].startsWith("#")) {
            header.add(lines[i].replaceFirst("^# ?", ""));
            i++;
        }
        sb.append("Every sentence of `").append(dslName).append("`, in file order (Drools tries them in this order,")
                .append(" so more specific sentences come first). `{name}` is a slot you fill in; a sentence")
                .append(" starting with `-` adds a condition to the pattern on the line above.")
                .append(" The file's own notes:\n\n```text\n");
        for (String h : trimBlank(header)) {
            sb.append(h).append('\n');
        }
        sb.append("```\n\n");
        String group = null;
        List<String> notes = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#")) {
                String c = l.replaceFirst("^#\\s?", "");
                if (c.matches("-{3,}.*")) {
                    flush(sb, group, notes, entries);
                    group = c.replaceFirst("^-+\\s*", "").strip();
                    notes = new ArrayList<>();
                    entries = new ArrayList<>();
                } else if (entries.isEmpty()) {
                    notes.add(c);
                } else {
                    flush(sb, group, notes, entries);
                    group = null;
                    notes = new ArrayList<>(List.of(c));
                    entries = new ArrayList<>();
                }
                continue;
            }
            if (!l.startsWith("[")) {
                continue;
            }
            int close = l.indexOf(']');
            int eq = unescapedEquals(l, close + 1);
            if (close < 0 || eq < 0) {
                continue;
            }
            entries.add(new Entry(l.substring(1, close), unescape(l.substring(close + 1, eq).strip()),
                    unescape(l.substring(eq + 1).strip())));
        }
        flush(sb, group, notes, entries);
    }

    private static void flush(StringBuilder sb, String group, List<String> notes, List<Entry> entries) {
        if (entries.isEmpty() && notes.isEmpty()) {
            return;
        }
        if (group != null) {
            sb.append("#### ").append(group).append("\n\n");
        }
        if (!notes.isEmpty()) {
            sb.append(String.join(" ", notes).strip()).append("\n\n");
        }
        if (entries.isEmpty()) {
            return;
        }
        sb.append("| | sentence | expands to |\n|---|---|---|\n");
        for (Entry e : entries) {
            sb.append("| ").append(e.section()).append(" | ").append(code(e.sentence())).append(" | ")
                    .append(code(e.drl())).append(" |\n");
        }
        sb.append('\n');
    }

    private static int unescapedEquals(String s, int from) {
        for (int i = Math.max(0, from); i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '=') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        return s.replace("\\{", "{").replace("\\}", "}").replace("\\=", "=");
    }

    private static List<String> trimBlank(List<String> lines) {
        int a = 0;
        int b = lines.size();
        while (a < b && lines.get(a).isBlank()) {
            a++;
        }
        while (b > a && lines.get(b - 1).isBlank()) {
            b--;
        }
        return lines.subList(a, b);
    }

    // ---------------------------------------------------------------- facts

    private static void facts(StringBuilder sb) {
        sb.append("What `fact:` accepts, and the fields `where:`, `same-*`, `{field: …}` and `{{…}}` can use.")
                .append(" Field names are the fact record's components; `a.b` reads component `b` of record")
                .append(" component `a`. Types: text, integer, decimal, boolean, list (only `exists`).")
                .append(" A field with listed values (not ending in `, …`) accepts only those in `equals`, `not-equals`,")
                .append(" `in`, `not-in`; DRL and DSL rules are held to the same lists: a string literal compared with")
                .append(" such a field by `==`, `!=`, `in (…)` or `not in (…)` refuses the pack when it is not one of")
                .append(" them ([DRL rules](#drl-rules)).\n\n");
        sb.append("| fact type | what it is | inputs |\n|---|---|---|\n");
        for (FactType t : FactTypes.get().all()) {
            sb.append("| [`").append(t.name()).append("`](#fact-").append(t.name()).append(") | ")
                    .append(cell(t.description())).append(" | ").append(String.join(", ", t.inputs())).append(" |\n");
        }
        sb.append('\n');
        for (FactType t : FactTypes.get().all()) {
            factType(sb, t, "fact-");
        }
    }

    private static void factType(StringBuilder sb, FactType t, String anchor) {
        sb.append("<a id=\"").append(anchor).append(t.name()).append("\"></a>\n#### ").append(t.name()).append("\n\n")
                .append(t.description()).append(" Record `").append(t.type().getName()).append("`; ")
                .append(t.located() ? "has a position (symbol, file, line, col)"
                        : t.has("symbol") ? "has a function (symbol) but no source line"
                        : "has no source position")
                .append(t.hasEvidence() ? "; its input line becomes the finding's evidence." : ".")
                .append("\n\n| field | type | values | meaning |\n|---|---|---|---|\n");
        for (FieldInfo f : t.fields().values()) {
            String type = f.kind().testable() ? f.kind().label() : "(" + f.javaType() + ")";
            String values = f.values().isEmpty() ? "" : f.values().stream().map(v -> "`" + v + "`")
                    .reduce((a, b) -> a + ", " + b).orElse("") + (f.closedSet() ? "" : ", …");
            sb.append("| `").append(f.name()).append("` | ").append(type).append(" | ").append(values)
                    .append(" | ").append(cell(f.note())).append(" |\n");
        }
        sb.append('\n');
    }

    private static String code(String s) {
        String t = s.replace("|", "\\|");
        return t.contains("`") ? "``" + t + "``" : "`" + t + "`";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
