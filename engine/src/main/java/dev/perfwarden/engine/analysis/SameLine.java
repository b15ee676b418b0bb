package dev.perfwarden.engine.analysis;

import dev.perfwarden.engine.model.Finding;
import dev.perfwarden.engine.model.RuleInfo;
import dev.perfwarden.engine.model.Scope;
import dev.perfwarden.engine.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding per source line and pack: the compiler's view of one line often trips several rules at once (an
 * {@code append} in a loop that grows the slice, stores a pointer behind a write barrier and indexes with a
 * bounds check). They are one place to look at, so the visible findings of one pack on one Go source
 * {@code file:line} become one, led by the finding of the highest severity, then of the highest {@code @precedence} its pack
 * declares for the rule, then of the highest cost; the others are kept in {@link Finding#related()} with
 * their rule, severity, column, message and cost (one per rule: a second finding of a rule on the line, at
 * another column, is another site and stays a finding of its own when the two are weighed by their function;
 * when both are weighed by the line itself they share one measured cost (two bounds checks of one line, two boxed
 * arguments of one call, two leaking parameters of one signature), so they are one line to look at and the
 * second is folded in with its column). The leading finding takes the highest severity of the group
 * (a folded error still fails the gate) and the ranking uses its cost once. Findings without a line, or
 * outside a {@code .go} file (a contract clause), are left as they are. Knows no rule id: the order comes
 * from the catalogue.
 *
 * <p>Findings of different packs are never folded into each other: {@code @precedence} is a number each pack
 * chooses for its own rules, so a pack loaded from a path that declared a huge one (and reported on every line)
 * led the groups of the built-in pack's findings and hid them in its own results' {@code related} (SARIF, JSON
 * and text named only its rule and message). Precedence is looked up by pack and rule id.
 */
final class SameLine {
    private SameLine() {
    }

    static List<Finding> fold(List<Finding> findings, List<RuleInfo> catalogue) {
        Map<String, Integer> precedence = new HashMap<>();
        catalogue.forEach(r -> precedence.merge(r.packLabel() + " " + r.id(), r.precedence(), Math::max));
        Comparator<Finding> lead = Comparator.comparingInt((Finding f) -> f.severity().ordinal())
                .thenComparingInt(f -> -precedence.getOrDefault(f.pack() + " " + f.rule(), 0))
                .thenComparingDouble(f -> -f.cost().weight())
                .thenComparing(Finding.ORDER);
        Map<List<Object>, List<Finding>> lines = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!f.file().isEmpty() && f.line() > 0 && f.file().endsWith(".go")) {
                lines.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f);
            }
        }
        // each line's group takes the place of its first finding: the order given (by cost) is kept
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            List<Finding> g = f.file().isEmpty() || f.line() == 0 ? null : lines.get(key(f));
            if (g == null || g.size() == 1) {
                out.add(f);
            } else if (g.get(0) == f) {
                out.addAll(lead(g, lead));
            }
        }
        return out;
    }

    /** The group a finding belongs to: its pack's findings of its line. */
    private static List<Object> key(Finding f) {
        return List.of(f.pack(), f.file(), f.line());
    }

    /**
     * The group led by its first finding in {@code order}, with the first finding of each other rule folded
     * in; findings of a rule already on the line at another column (two parameters of one signature) are
     * other sites and stay their own findings.
     */
    private static List<Finding> lead(List<Finding> group, Comparator<Finding> order) {
        List<Finding> g = new ArrayList<>(group);
        g.sort(order);
        Finding first = g.get(0);
        // of another rule's findings, the one at the lead's column is the one folded in
        List<Finding> rest = new ArrayList<>(g.subList(1, g.size()));
        rest.sort(Comparator.comparingInt((Finding f) -> f.column() == first.column() ? 0 : 1));
        g = new ArrayList<>(List.of(first));
        g.addAll(rest);
        Severity severity = first.severity();
        List<Finding.Related> related = new ArrayList<>();
        java.util.Set<String> rules = new java.util.HashSet<>(List.of(first.rule()));
        List<Finding> own = new ArrayList<>();
        for (Finding f : g.subList(1, g.size())) {
            // a second finding of a rule on the line is another site when weighed by its function; when both are
            // weighed by the line itself they share one measured cost (two bounds checks of one line carry the same
            // line's samples) and are one line to look at, folded with its column
            // (or by the same instructions: a rule names every check of the line, as it cannot tell the columns apart)
            boolean sameCost = f.rule().equals(first.rule()) && f.cost().basis() == first.cost().basis()
                    && (f.cost().basis() == Scope.LINE || f.cost().basis() == Scope.INSTRUCTION);
            if (!rules.add(f.rule()) && !sameCost) {
                own.add(f);
                continue;
            }
            related.add(Finding.Related.of(f));
            if (f.severity().atLeast(severity)) {
                severity = f.severity();
            }
        }
        List<Finding> out = new ArrayList<>();
        out.add(first.withRelated(related, severity));
        out.addAll(own);
        return out;
    }
}
