package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.Collection;

/**
 * Whether a line's share of a heap profile's bytes is worth anything: bytes are hot only when they cost CPU. The
 * allocator's and the collector's share of a CPU profile of the heap profile's program (its binary) is what all the
 * bytes cost; when no such CPU profile is given nothing tells, and the bytes' share decides alone
 * ({@code hot.alloc.share}). When one is given, the bytes matter
 * <ul>
 *   <li>only when the allocator and the collector together hold {@code hot.line.flatShare} (what one hot line must
 *       hold) or more, on {@code hot.minSamples} samples at least;</li>
 *   <li>and, when the pack sets {@code hot.alloc.cpuShare} above 0 (go-perf: 0.005), only when the line's part of
 *       that CPU, its share of the bytes times the allocator's and the collector's share, holds
 *       {@code hot.alloc.cpuShare}. The collector's cycles follow the bytes allocated, and so, roughly, does the
 *       allocator's time. No count of samples is asked of that part: it is as sure as the two's samples (counted
 *       above) and the heap profile's share; 3.8 % of the bytes where the two hold 130 samples is 1.1 % of the CPU,
 *       however few samples that share would be.</li>
 * </ul>
 * segmentio/ksuid v1.0.4 (testdata/modules/ksuid): AppendCompressed's append holds 14.1 % of a heap profile of
 * 825 kB; the CPU profile shows the allocator at 0.0 % and the collector at 5 of 522 samples (0.96 %), so the
 * line's bytes cost 0.13 % of the CPU: a warning worth nothing, now a note. tidwall/btree's {@code iter} moved to
 * heap holds 99.9 % of the bytes where the two hold 16.2 %: its bytes cost 16.2 %.
 */
final class BytesCost {
    private BytesCost() {
    }

    /**
     * Whether a line's {@code bytes} (a share) of the heap profile {@code heapInput} ("" when unknown: any heap
     * profile) make it hot: at least {@code hot.alloc.share} of them, that cost CPU enough for {@code t}
     * ({@link #matter}). When they reach {@code hot.alloc.share} but not the CPU bar, {@code ev} (null: none) gets
     * why, after {@code measured} ({@code set.go:164: self 14.1 % of alloc_space}).
     */
    static boolean hot(Collection<?> profiles, String heapInput, double bytes, Weighing.Thresholds t,
                       java.util.List<Evidence> ev, String measured) {
        if (bytes < t.alloc()) {
            return false;
        }
        java.util.List<ProfileSummary> cpus = cpus(profiles, heapInput);
        if (matter(cpus, bytes, t)) {
            return true;
        }
        if (ev != null) {
            ev.add(new Evidence("pprof", measured + why(cpus, heapInput.isEmpty(), bytes, t), null));
        }
        return false;
    }

    /**
     * Whether the {@code bytes} (a share) of a heap profile cost CPU enough for {@code t}, by the CPU profiles of its
     * binary ({@code cpus}; none: nothing tells, they do).
     */
    static boolean matter(java.util.List<ProfileSummary> cpus, double bytes, Weighing.Thresholds t) {
        for (ProfileSummary cpu : cpus) {
            double share = share(cpu);
            double samples = samples(cpu);
            boolean all = share >= t.lineFlat() && samples >= t.minSamples();
            boolean line = t.allocCpu() <= 0 || bytes * share >= t.allocCpu();
            if (all && line) {
                return true;
            }
        }
        return cpus.isEmpty();
    }

    /**
     * Why bytes that reach {@code hot.alloc.share} are not hot, by the CPU profile of {@code cpus} (not empty) whose
     * allocator and collector hold most: {@code , which cost about 0.13 % of the cpu samples, ...}.
     */
    private static String why(java.util.List<ProfileSummary> cpus, boolean oneHeap, double bytes,
                              Weighing.Thresholds t) {
        ProfileSummary cpu = cpus.stream().max(java.util.Comparator.comparingDouble(BytesCost::share)).orElseThrow();
        double share = share(cpu);
        String of = " of the cpu samples" + (oneHeap ? "" : " (" + name(cpu) + ")");
        String minSamples = "hot.minSamples (" + num(t.minSamples()) + ")";
        if (share < t.lineFlat() || samples(cpu) < t.minSamples()) {
            return ", but the allocator and the collector hold " + pct2(share) + of + samples(cpu, 1) + ", under "
                    + (share < t.lineFlat() ? "hot.line.flatShare (" + pct2(t.lineFlat()) + ")" : minSamples)
                    + ": bytes that cost no CPU worth measuring";
        }
        return ", which cost about " + pct2(bytes * share) + of + ", its share of the allocator's "
                + pct2(cpu.allocatorShare()) + " and the collector's " + pct2(cpu.gcShare()) + samples(cpu, 1)
                + ": under hot.alloc.cpuShare (" + pct2(t.allocCpu()) + ")";
    }

    /** {@code " (5 samples)"}: {@code part} of the allocator's and the collector's samples; "" when not counted. */
    private static String samples(ProfileSummary cpu, double part) {
        return cpu.period() > 0 ? " (" + num(part * samples(cpu)) + " samples)" : "";
    }

    /** The CPU profiles of the heap profile {@code heapInput}'s binary (any heap profile's when ""). */
    private static java.util.List<ProfileSummary> cpus(Collection<?> profiles, String heapInput) {
        java.util.List<ProfileSummary> heaps = new java.util.ArrayList<>();
        java.util.List<ProfileSummary> cpus = new java.util.ArrayList<>();
        for (Object o : profiles) {
            if (o instanceof ProfileSummary p && p.sampleType().equals("cpu")) {
                cpus.add(p);
            } else if (o instanceof ProfileSummary p && p.sampleType().equals("alloc_space")
                    && (heapInput.isEmpty() || p.input().equals(heapInput))) {
                heaps.add(p);
            }
        }
        cpus.removeIf(cpu -> !heaps.isEmpty() && heaps.stream().noneMatch(cpu::sameBinary));
        return cpus;
    }

    private static double share(ProfileSummary cpu) {
        return cpu.heapCostShare();
    }

    private static double samples(ProfileSummary cpu) {
        return cpu.heapCostSamples();
    }

    private static String name(ProfileSummary p) {
        String input = p.input();
        return input.substring(Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\')) + 1);
    }

    /** A share as a percentage with two decimals (0.13 %): the CPU of a line's bytes is often under 0.1 %. */
    private static String pct2(double share) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", share * 100);
    }

    /** A count with one decimal, none when it rounds to a whole number: {@code 0.4}, {@code 5}. */
    private static String num(double n) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", n);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
