package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.profile.CallerLine;
import dev.perfwarden.facts.profile.HotLine;
import dev.perfwarden.facts.program.ProgramSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits one analysis' facts by the package the compiler was compiling when it printed them, so that each
 * package runs in its own rule session (in parallel, each session holding one package's compiler facts).
 *
 * <ul>
 *   <li>A compiler fact ({@link Attributable}: {@code -m} text, {@code -json} logs) belongs to
 *       {@link Attributable#pkg()}. The {@code -json} logs of a main package name it {@code main} where the
 *       {@code -m} text names its import path; when {@code -json} input holds {@code main}, compiler facts of
 *       a package the {@code -json} input does not name join {@code main}, so a text fact and its
 *       {@code -json} twin always share a session.</li>
 *   <li>Every other fact (profiles, machine code, benchmarks, parameters) is shared: every session gets it.</li>
 *   <li>Compiler facts on a line that has heap-profile samples (its own, {@link HotLine}, or charged to it as
 *       the module's calling line, {@link CallerLine}) are shared too: the profile joins them across packages
 *       (the garbage-collector rule names the allocating lines of the whole program).</li>
 *   <li>Every session gets the same {@link ProgramSummary}, computed over all facts.</li>
 * </ul>
 * A rule that joins facts within one package fires in that package's session exactly as in one session over
 * everything; findings that several sessions make alike (from shared facts) are merged by {@link
 * dev.perfwarden.engine.model.Sites}. A program-wide figure must come from {@link ProgramSummary}, not from
 * aggregating a session's facts.
 */
public final class Partitions {
    /** Facts every session gets, and one list per package (in order of first appearance). */
    public record Plan(List<Object> shared, List<List<Object>> packages) {
    }

    private Partitions() {
    }

    public static Plan split(Collection<?> facts) {
        ProgramSummary summary = null;
        Set<String> jsonPackages = new HashSet<>();
        Set<String> allocLines = new HashSet<>();
        for (Object o : facts) {
            if (o instanceof ProgramSummary s) {
                summary = s;
            } else if (o instanceof HotLine h && h.sampleType().equals("alloc_space") && h.flat() > 0) {
                allocLines.add(h.line() + ":" + h.file());
            } else if (o instanceof CallerLine c && c.sampleType().equals("alloc_space") && c.flat() > 0) {
                allocLines.add(c.line() + ":" + c.file());
            } else if (o instanceof Attributable<?> a && a.evidence().input().equals("logopt-json")) {
                jsonPackages.add(a.pkg());
            }
        }
        boolean mainInJson = jsonPackages.contains("main");
        List<Object> shared = new ArrayList<>();
        shared.add(summary != null ? summary : ProgramSummary.of(facts));
        Map<String, List<Object>> byPackage = new LinkedHashMap<>();
        for (Object o : facts) {
            if (o == null || o instanceof ProgramSummary) {
                continue;
            }
            if (!(o instanceof Attributable<?> a) || a.pkg().isEmpty()
                    || !allocLines.isEmpty() && allocLines.contains(a.line() + ":" + a.file())) {
                shared.add(o);
                continue;
            }
            String key = a.pkg();
            if (mainInJson && !jsonPackages.contains(key)) {
                key = "main";
            }
            byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
        return new Plan(shared, List.copyOf(byPackage.values()));
    }
}
