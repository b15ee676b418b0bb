package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Attributable;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.inline.InlineFact;
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
 *   <li>The inlining decisions ({@link InlineFact} can-inline, cannot-inline) at the declaration of a function that a
 *       profiled {@code CALL} reached most ({@link HotInstruction#reached()}'s first: its base file name and start
 *       line) are shared too: an indirect call in one package dispatches to methods of another (gobwas/glob's
 *       benchmarks call match.BTree.Match), and indirect-call-hot asks whether a direct call would inline the
 *       target. The key is the position only, a superset: which decision is the target's (the same function, the
 *       path's suffix) is the pack's test (lib/indirect-call.drl, indirectCallDecides), not copied here; a decision
 *       shared needlessly costs a fact, never a finding.</li>
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

    /** Facts from which on {@link #split} runs on every core (below it, one thread does it as fast). */
    static final int PARALLEL_FROM = 50_000;

    public static Plan split(Collection<?> facts) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return split(facts, facts.size() < PARALLEL_FROM ? 1 : cores);
    }

    /**
     * As {@link #split(Collection)}, over {@code parts} contiguous ranges of the facts at once (the list's order is
     * kept: each range's shared facts and package lists are joined in range order, so every list holds its facts in
     * input order and the packages are in order of first appearance, as one pass gives them).
     */
    public static Plan split(Collection<?> facts, int parts) {
        List<?> all = facts instanceof List<?> l && facts instanceof java.util.RandomAccess ? l : new ArrayList<>(facts);
        int n = Math.max(1, Math.min(parts, all.size()));
        List<List<?>> ranges = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ranges.add(all.subList((int) ((long) all.size() * k / n), (int) ((long) all.size() * (k + 1) / n)));
        }
        List<Scan> scans = each(ranges, Scan::of);
        ProgramSummary summary = null;
        long checks = 0;
        Set<String> jsonPackages = new HashSet<>();
        Set<String> allocLines = new HashSet<>();
        Set<String> calleeDecls = new HashSet<>();
        for (Scan sc : scans) {
            summary = sc.summary != null ? sc.summary : summary; // the last one, as one pass takes it
            checks += sc.checks;
            jsonPackages.addAll(sc.jsonPackages);
            allocLines.addAll(sc.allocLines);
            calleeDecls.addAll(sc.calleeDecls);
        }
        boolean mainInJson = jsonPackages.contains("main");
        List<Object> shared = new ArrayList<>();
        shared.add(summary != null ? summary : new ProgramSummary(checks));
        Map<String, List<Object>> byPackage = new LinkedHashMap<>();
        for (Part part : each(ranges, r -> Part.of(r, allocLines, calleeDecls, jsonPackages, mainInJson))) {
            shared.addAll(part.shared);
            part.byPackage.forEach((k, v) -> byPackage.merge(k, v, (a, b) -> {
                a.addAll(b);
                return a;
            }));
        }
        return new Plan(shared, List.copyOf(byPackage.values()));
    }

    /** {@code work} over each range, on the common pool when there are several; the results in range order. */
    private static <T> List<T> each(List<List<?>> ranges, java.util.function.Function<List<?>, T> work) {
        if (ranges.size() == 1) {
            return List.of(work.apply(ranges.get(0)));
        }
        return java.util.stream.IntStream.range(0, ranges.size()).parallel()
                .mapToObj(k -> work.apply(ranges.get(k))).toList();
    }

    /** What the split must know of all facts before it places any: found per range, then joined. */
    private record Scan(ProgramSummary summary, long checks, Set<String> jsonPackages, Set<String> allocLines,
                        Set<String> calleeDecls) {
        static Scan of(List<?> facts) {
            ProgramSummary summary = null;
            Set<String> jsonPackages = new HashSet<>();
            Set<String> allocLines = new HashSet<>();
            Set<String> calleeDecls = new HashSet<>();
            for (Object o : facts) {
                if (o instanceof HotInstruction h && !h.reached().isEmpty() && h.reached().get(0).line() > 0) {
                    calleeDecls.add(h.reached().get(0).line() + ":" + h.reached().get(0).file());
                } else if (o instanceof ProgramSummary s) {
                    summary = s;
                } else if (o instanceof HotLine h && h.sampleType().equals("alloc_space") && h.flat() > 0) {
                    allocLines.add(h.line() + ":" + h.file());
                } else if (o instanceof CallerLine c && c.sampleType().equals("alloc_space") && c.flat() > 0) {
                    allocLines.add(c.line() + ":" + c.file());
                } else if (o instanceof Attributable<?> a && a.evidence().input().equals("logopt-json")) {
                    jsonPackages.add(a.pkg());
                }
            }
            return new Scan(summary, ProgramSummary.of(facts).boundsChecks(), jsonPackages, allocLines, calleeDecls);
        }
    }

    /**
     * The package a compiler fact's session is: a package's external test package ({@code P_test}) and the test main
     * go test generates for it ({@code P.test}) run with {@code P}. Their machine code is in one test binary, whose
     * objdump facts are shared, and -m=2 prints code of P inlined into them in their own sections: in a session of
     * their own, a rule whose condition asks that P's facts be absent ("no make with a capacity in this function")
     * held there though it does not in one session (decimal's BenchmarkDecimal_NewFromString, growslice-in-loop, once
     * the benchmark's setup bytes no longer shared the make's line; pierrec/lz4's options.go closures inlined into
     * v4_test).
     */
    static String underTest(String pkg) {
        return pkg.endsWith(".test") || pkg.endsWith("_test") ? pkg.substring(0, pkg.length() - 5) : pkg;
    }

    /** One range's facts placed: the shared ones and each package's, in the range's order. */
    private record Part(List<Object> shared, Map<String, List<Object>> byPackage) {
        static Part of(List<?> facts, Set<String> allocLines, Set<String> calleeDecls, Set<String> jsonPackages,
                       boolean mainInJson) {
            List<Object> shared = new ArrayList<>();
            Map<String, List<Object>> byPackage = new LinkedHashMap<>();
            for (Object o : facts) {
                if (o == null || o instanceof ProgramSummary) {
                    continue;
                }
                if (!(o instanceof Attributable<?> a) || a.pkg().isEmpty()
                        || !allocLines.isEmpty() && allocLines.contains(a.line() + ":" + a.file())
                        || !calleeDecls.isEmpty() && o instanceof InlineFact i && decision(i, calleeDecls)) {
                    shared.add(o);
                    continue;
                }
                String key = underTest(a.pkg());
                if (mainInJson && !jsonPackages.contains(a.pkg())) {
                    key = "main";
                }
                byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            }
            return new Part(shared, byPackage);
        }

        /** Whether {@code i} decides whether a function some CALL reached most can be inlined (at its declaration). */
        static boolean decision(InlineFact i, Set<String> calleeDecls) {
            return (i.kind().equals(InlineFact.KIND_CAN_INLINE) || i.kind().equals(InlineFact.KIND_CANNOT_INLINE))
                    && calleeDecls.contains(i.line() + ":" + i.file().substring(i.file().lastIndexOf('/') + 1));
        }
    }
}
