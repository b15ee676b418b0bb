package dev.perfwarden.engine.kie;

import dev.perfwarden.facts.profile.ProfileSummary;

import java.util.Collection;

/**
 * Whether a share of a heap profile's bytes is worth anything: a line holding 13.6 % of the bytes is hot only when the
 * bytes cost CPU. segmentio/ksuid v1.0.4's benchmarks allocate 882 kB in all (its CPU profile shows the allocator
 * and the collector under 0.5 %), so AppendCompressed's growth, 13.6 % of that, half of it the benchmark's setup, was a
 * warning worth nothing. The bytes matter when no CPU profile of the heap profile's program is given (nothing tells),
 * or when one shows the allocator and the collector together at {@code floor} (hot.line.flatShare: what one hot line
 * must hold) or more, on {@code minSamples} (hot.minSamples) samples at least: ksuid's capture in testdata/modules had
 * 4 of 522 samples (0.77 %) in the collector's mark worker, noise by the rule every site is held to.
 */
final class BytesCost {
    private BytesCost() {
    }

    /** Whether the bytes of the heap profile {@code heapInput} ("" when unknown: any heap profile) cost CPU. */
    static boolean matter(Collection<?> profiles, String heapInput, double floor, double minSamples) {
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
        boolean anyCpu = false;
        for (ProfileSummary cpu : cpus) {
            if (heaps.isEmpty() || heaps.stream().anyMatch(cpu::sameBinary)) {
                anyCpu = true;
                double share = cpu.allocatorShare() + cpu.gcShare();
                double samples = cpu.period() > 0 ? share * Math.abs(cpu.total()) / cpu.period() : Double.MAX_VALUE;
                if (share >= floor && samples >= minSamples) {
                    return true;
                }
            }
        }
        return !anyCpu;
    }
}
