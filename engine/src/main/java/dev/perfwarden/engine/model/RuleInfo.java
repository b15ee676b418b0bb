package dev.perfwarden.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything perfwarden knows about one rule, read from the rule's own DRL metadata and its
 * {@code doc.md}: the catalogue behind SARIF {@code rules[]}, {@code packs show} and {@code explain}.
 *
 * @param id          rule id == DRL rule name == folder name (kebab-case)
 * @param pack        pack id
 * @param packVersion pack version
 * @param severity    {@code @severity}: the severity without a profile (and when not weighed)
 * @param hotSeverity {@code @hotSeverity}: the severity on hot code; null means one level above {@code severity}
 * @param scope       {@code @scope}: what the hit is weighed against
 * @param summary     {@code @summary}: one sentence
 * @param tags        {@code @tags}: comma-separated in the metadata
 * @param inputs      {@code @inputs}: input kinds the rule needs (informational)
 * @param doc         the rule's {@code doc.md}, markdown
 * @param file        the rule source relative to the pack root, e.g. {@code interface-escape/rule.dslr}
 * @param line        line of the {@code rule} keyword in that file
 * @param cost        {@code @cost}: how its hits are weighed ({@link CostSpec})
 * @param precedence  {@code @precedence}: when findings of several rules fall on one source line they are shown
 *                    as one, led by the rule of highest precedence (default 0; see {@code Analysis})
 */
public record RuleInfo(String id, String pack, String packVersion, Severity severity, Severity hotSeverity,
                       Scope scope, String summary, List<String> tags, List<String> inputs, String doc,
                       String file, int line, CostSpec cost, int precedence) implements java.io.Serializable {
    /** A rule weighed the default way, of precedence 0. */
    public RuleInfo(String id, String pack, String packVersion, Severity severity, Severity hotSeverity,
                    Scope scope, String summary, List<String> tags, List<String> inputs, String doc,
                    String file, int line) {
        this(id, pack, packVersion, severity, hotSeverity, scope, summary, tags, inputs, doc, file, line,
                CostSpec.DEFAULT, 0);
    }

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(scope, "scope");
        summary = summary == null ? "" : summary;
        tags = List.copyOf(tags);
        inputs = List.copyOf(inputs);
        doc = doc == null ? "" : doc;
        cost = cost == null ? CostSpec.DEFAULT : cost;
    }

    /** The severity used on hot code: {@code hotSeverity} if declared, else one level above {@code severity}. */
    public Severity effectiveHotSeverity() {
        return hotSeverity != null ? hotSeverity : severity.raise();
    }

    /** {@code id@version} of the pack, as findings carry it. */
    public String packLabel() {
        return pack + "@" + packVersion;
    }

    /** The first paragraph of {@code doc.md} without its heading, as plain text; the summary if the doc is empty. */
    public String docFirstParagraph() {
        StringBuilder sb = new StringBuilder();
        for (String line : doc.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#")) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            if (t.isEmpty()) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.length() > 0 ? sb.toString() : summary;
    }
}
