package dev.perfwarden.engine.restrict;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class CallCyclesTest {
    @Test
    void everyFunctionOnACycleGetsAPathBackToItself() {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        calls.put("a", Set.of("b"));
        calls.put("b", Set.of("c", "d"));
        calls.put("c", Set.of("a"));
        calls.put("d", Set.of());
        calls.put("e", Set.of("e"));
        calls.put("f", Set.of("a"));
        Map<String, String> c = CallCycles.of(calls, new long[1]);
        assertThat(c).containsOnlyKeys("a", "b", "c", "e");
        assertThat(c.get("a")).isEqualTo("a -> b -> c -> a");
        assertThat(c.get("b")).isEqualTo("b -> c -> a -> b");
        assertThat(c.get("e")).isEqualTo("e -> e");
    }

    /**
     * attack2 probe 14's shape: 20,000 functions in 1,000 layers of 20, each calling two of the next layer, no cycle.
     * The old search from every function visited all it reached (about 10^8 steps); this one visits each call once.
     */
    @Test
    void aLayeredCallGraphIsWalkedOnce() {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        int layers = 1000;
        int width = 20;
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < width; i++) {
                Set<String> next = new TreeSet<>();
                if (l + 1 < layers) {
                    next.add("f" + (l + 1) + "_" + i);
                    next.add("f" + (l + 1) + "_" + ((i + 1) % width));
                }
                calls.put("f" + l + "_" + i, next);
            }
        }
        long[] work = new long[1];
        assertThat(CallCycles.of(calls, work)).isEmpty();
        assertThat(work[0]).as("steps for 20,000 functions and 39,960 calls").isLessThanOrEqualTo(40_000);
        // one cycle through the whole depth: every function of it is named, 32 with a path of their own
        calls.get("f999_0").add("f0_0");
        Map<String, String> c = CallCycles.of(calls, new long[1]);
        assertThat(c).containsKey("f0_0");
        assertThat(c.get("f0_0")).startsWith("f0_0 -> f1_").endsWith(" -> f999_0 -> f0_0");
        assertThat(c.values()).filteredOn(p -> p.contains("(one of ")).isNotEmpty();
    }
}
