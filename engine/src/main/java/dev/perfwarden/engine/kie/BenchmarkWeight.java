package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.BenchmarkShare;
import dev.perfwarden.facts.disasm.BenchmarkSamples;
import dev.perfwarden.facts.disasm.HotInstruction;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hit's largest share within one benchmark ({@link BenchmarkShare}), over the instructions it is weighed on in one
 * binary, the one whose profile the suite's share is of ({@link Weighing}: a cost's figures are all of one profile):
 * per benchmark, the sum of their samples that benchmark ran ({@link HotInstruction#benchmarks()}: flat, or a {@code
 * CALL}'s cum for a cum measure, as {@link Weighing} counts them for the whole profile; that cum leaves out the
 * samples of preemption below the call, as the line's cum that caps the suite's share does) over that benchmark's
 * timed samples; the largest share, then the most samples, then the first name in name order. Null when no
 * benchmark ran them.
 */
final class BenchmarkWeight {
    private BenchmarkWeight() {
    }

    /**
     * The largest share of the instructions {@code at} of {@code binary} in one benchmark, each benchmark's samples at
     * most {@code atMost}: for a cum measure, the line's cum samples in the whole profile, which bound a call's on the
     * line as they bound the suite's share ({@link Weighing}; a benchmark's cum at a {@code CALL} leaves preemption out
     * already, {@link BenchmarkSamples#cum()}: this keeps the bound whatever the facts say); {@code Long.MAX_VALUE}:
     * none.
     */
    static BenchmarkShare largest(Collection<List<HotInstruction>> at, boolean cum, String binary, long atMost) {
        Map<String, long[]> by = new TreeMap<>(); // benchmark -> {samples, total}, in name order
        for (List<HotInstruction> copies : at) {
            for (HotInstruction i : copies) {
                if (!i.binary().equals(binary)) {
                    continue; // another binary's profile: its samples are of other benchmarks' runs
                }
                boolean call = cum && i.op().equals("CALL");
                for (BenchmarkSamples b : i.benchmarks()) {
                    long[] st = by.computeIfAbsent(b.benchmark(), k -> new long[2]);
                    st[0] += call ? b.cum() : b.flat();
                    st[1] = b.total();
                }
            }
        }
        BenchmarkShare best = null;
        for (Map.Entry<String, long[]> e : by.entrySet()) {
            long n = Math.min(e.getValue()[0], atMost);
            long total = e.getValue()[1];
            if (n <= 0 || total <= 0) {
                continue;
            }
            double share = (double) n / total;
            if (best == null || share > best.share() || share == best.share() && n > best.siteSamples()) {
                best = new BenchmarkShare(e.getKey(), share, total, n);
            }
        }
        return best;
    }
}
