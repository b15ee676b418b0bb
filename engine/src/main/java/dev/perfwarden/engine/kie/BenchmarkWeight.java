package dev.perfwarden.engine.kie;

import dev.perfwarden.engine.model.BenchmarkShare;
import dev.perfwarden.facts.disasm.BenchmarkSamples;
import dev.perfwarden.facts.disasm.HotInstruction;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hit's largest share within one benchmark ({@link BenchmarkShare}), over the instructions it is weighed on: per
 * binary and benchmark, the sum of their samples that benchmark ran ({@link HotInstruction#benchmarks()}: flat, or
 * a {@code CALL}'s cum for a cum measure, as {@link Weighing} counts them for the whole profile) over that benchmark's
 * timed samples; the largest share, then the most samples, then the first name. Null when no benchmark ran them.
 */
final class BenchmarkWeight {
    private BenchmarkWeight() {
    }

    static BenchmarkShare largest(Collection<List<HotInstruction>> at, boolean cum) {
        Map<String, long[]> by = new LinkedHashMap<>(); // binary + benchmark -> {samples, total}
        for (List<HotInstruction> copies : at) {
            for (HotInstruction i : copies) {
                boolean call = cum && i.op().equals("CALL");
                for (BenchmarkSamples b : i.benchmarks()) {
                    long[] st = by.computeIfAbsent(i.binary() + '\u0000' + b.benchmark(), k -> new long[2]);
                    st[0] += call ? b.cum() : b.flat();
                    st[1] = b.total();
                }
            }
        }
        BenchmarkShare best = null;
        for (Map.Entry<String, long[]> e : by.entrySet()) {
            long n = e.getValue()[0];
            long total = e.getValue()[1];
            if (n <= 0 || total <= 0) {
                continue;
            }
            double share = (double) n / total;
            if (best == null || share > best.share() || share == best.share() && n > best.siteSamples()) {
                String name = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
                best = new BenchmarkShare(name, share, total, n);
            }
        }
        return best;
    }
}
