package dev.perfwarden.debt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The debt of each service: its latest run's open findings per rule, which of them are new and which of the
 * baseline's are fixed (compared by fingerprint), and their debt points.
 */
public final class DebtLedger {
    private DebtLedger() {
    }

    /** One service × rule. {@code added} is the report's "new". */
    public record RuleDebt(String rule, int open, int added, int fixed, double points) {
    }

    /**
     * One service: its latest run ({@code head}), the run it is compared with ({@code baseline}, null when
     * there is none: then every open finding is new), totals, and the rules, by points, highest first.
     */
    public record ServiceDebt(String service, RunRow head, RunRow baseline, int open, int added, int fixed,
                              double points, List<RuleDebt> rules) {
    }

    /** The whole view: the runs listed (oldest first) and each service's debt (by points, highest first). */
    public record View(List<RunRow> runs, Since since, DebtWeights weights, List<ServiceDebt> services) {
    }

    /** Computes the view over {@code runs} (as listed by the store, oldest first). */
    public static View compute(DebtStore store, List<RunRow> runs, Since since, DebtWeights weights) {
        Map<String, List<RunRow>> byService = new TreeMap<>();
        for (RunRow r : runs) {
            byService.computeIfAbsent(r.info().service(), s -> new ArrayList<>()).add(r);
        }
        Map<String, RunRow[]> pairs = new LinkedHashMap<>();
        Set<Long> needed = new HashSet<>();
        byService.forEach((service, list) -> {
            RunRow head = list.get(list.size() - 1);
            RunRow base = since.baseline(list, head);
            pairs.put(service, new RunRow[] {head, base});
            needed.add(head.id());
            if (base != null) {
                needed.add(base.id());
            }
        });
        if (since.commit() != null && runs.stream().noneMatch(r -> r.info().commit().startsWith(since.commit()))) {
            throw new DebtException("--since " + since.text() + ": no recorded run is of a commit starting with it");
        }
        Map<Long, List<RunFinding>> findings = store.findings(needed);
        List<ServiceDebt> out = new ArrayList<>();
        pairs.forEach((service, p) -> out.add(service(service, p[0], p[1], findings.get(p[0].id()),
                p[1] == null ? List.of() : findings.get(p[1].id()), weights)));
        out.sort(Comparator.comparingDouble(ServiceDebt::points).reversed().thenComparing(ServiceDebt::service));
        return new View(runs, since, weights, out);
    }

    /** What changed between two runs: the findings of {@code now} that are new, those of {@code before} that are fixed. */
    public record Diff(List<RunFinding> added, List<RunFinding> fixed) {
    }

    /**
     * Compares two runs by fingerprint, counting: a fingerprint found twice before and three times now is one new
     * finding (several sites of one rule in one function with the same evidence share a fingerprint).
     */
    public static Diff diff(List<RunFinding> now, List<RunFinding> before) {
        Map<String, Integer> left = new HashMap<>();
        before.forEach(f -> left.merge(f.fingerprint(), 1, Integer::sum));
        List<RunFinding> added = new ArrayList<>();
        for (RunFinding f : now) {
            Integer n = left.get(f.fingerprint());
            if (n == null || n == 0) {
                added.add(f);
            } else {
                left.put(f.fingerprint(), n - 1);
            }
        }
        List<RunFinding> fixed = new ArrayList<>();
        for (int i = before.size() - 1; i >= 0; i--) { // the last copies of a fingerprint are the fixed ones
            RunFinding f = before.get(i);
            Integer n = left.get(f.fingerprint());
            if (n != null && n > 0) {
                fixed.add(0, f);
                left.put(f.fingerprint(), n - 1);
            }
        }
        return new Diff(added, fixed);
    }

    static ServiceDebt service(String service, RunRow head, RunRow base, List<RunFinding> now, List<RunFinding> before,
                               DebtWeights weights) {
        Diff diff = diff(now, before);
        Map<String, double[]> rules = new TreeMap<>(); // open, new, fixed, points
        for (RunFinding f : now) {
            double[] r = rules.computeIfAbsent(f.rule(), k -> new double[4]);
            r[0]++;
            r[3] += weights.points(f);
        }
        diff.added().forEach(f -> rules.get(f.rule())[1]++);
        diff.fixed().forEach(f -> rules.computeIfAbsent(f.rule(), k -> new double[4])[2]++);
        List<RuleDebt> list = new ArrayList<>();
        double[] total = new double[4];
        rules.forEach((rule, r) -> {
            list.add(new RuleDebt(rule, (int) r[0], (int) r[1], (int) r[2], round(r[3])));
            for (int i = 0; i < 4; i++) {
                total[i] += r[i];
            }
        });
        list.sort(Comparator.comparingDouble(RuleDebt::points).reversed().thenComparing(RuleDebt::rule));
        return new ServiceDebt(service, head, base, (int) total[0], (int) total[1], (int) total[2], round(total[3]),
                List.copyOf(list));
    }

    /** Points rounded to one decimal, as shown. */
    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
