package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the per-profile facts of several profiles of one sample type as {@code go tool pprof a.pprof b.pprof}
 * merges the profiles (google/pprof {@code profile.Merge}: the values of identical samples are summed, never
 * scaled; the period is the largest, which changes no value): one {@link LineCost}, {@link HotLine},
 * {@link HotFunction} and {@link RuntimeCallerLine} per site and sample type, its values the
 * sums over the profiles and its shares of the summed totals. {@code scan --bench} writes one CPU profile per test
 * binary: without this a line holding 30 % of a small package's 40 samples outranks 10 % of the main package's
 * 9,000. {@link ProfileSummary} facts stay one per profile (each names its input: the skewed-profile check is per
 * profile). A sample type given in only one profile is left as it is. {@link CallerLine} facts stay one per
 * profile too (each names its input): the heap lines of malloc-hot and gc-pressure are judged and shown per profile,
 * by the CPU profile of the same binary ({@link ProfileSummary#binary}), as {@code go tool pprof -list} shows them.
 * Each merged {@link LineCost} and {@link HotFunction} of the sample types a finding's cost reads keeps its profile's
 * own figures as a {@link ProfileSite}: a finding's cost is a share of one binary's profile (docs/rules.md).
 */
public final class ProfileMerge {
    private ProfileMerge() {
    }

    /** The facts with the profile facts of each sample type given in more than one profile merged; others in order. */
    public static List<Fact> merge(List<Fact> facts) {
        Map<String, Long> totals = new HashMap<>();
        Map<String, Integer> profiles = new HashMap<>();
        Map<String, String> binaries = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof ProfileSummary s) {
                binaries.merge(s.input(), s.binary(), (a, b) -> a.isEmpty() ? b : a); // each sample type names it
                String key = s.sampleType() + '\u0000' + s.unit();
                totals.merge(key, Math.abs(s.total()), Long::sum);
                profiles.merge(key, 1, Integer::sum);
            }
        }
        if (profiles.values().stream().allMatch(n -> n < 2)) {
            return facts;
        }
        List<Fact> out = new ArrayList<>(facts.size());
        Map<Object, long[]> sums = new LinkedHashMap<>();
        Map<Object, Fact> first = new HashMap<>();
        for (Fact f : facts) {
            Object key = key(f);
            if (key == null || profiles.getOrDefault(typeOf(f), 0) < 2) {
                out.add(f);
                continue;
            }
            ProfileSite own = site(f, binaries);
            if (own != null) {
                out.add(own);
            }
            long[] v = values(f);
            long[] sum = sums.get(key);
            if (sum == null) {
                sums.put(key, v);
                first.put(key, f);
            } else {
                for (int i = 0; i < v.length; i++) {
                    sum[i] = i == 3 && f instanceof LineCost ? Math.max(sum[i], v[i]) : sum[i] + v[i];
                }
            }
        }
        sums.forEach((key, v) -> out.add(merged(first.get(key), v, totals.get(typeOf(first.get(key))))));
        return out;
    }

    /**
     * The sample types whose sites are kept per profile too ({@link ProfileSite}): those a finding's cost reads, and
     * alloc_objects (a line's count of allocations in the heap profile whose bytes a rule states: alloc-heavy-line).
     */
    static final java.util.Set<String> PER_PROFILE = java.util.Set.of("cpu", "samples", "alloc_space", "alloc_objects");

    /** A line's or function's figures in its own profile (a merged sample type's), or null. */
    private static ProfileSite site(Fact f, Map<String, String> binaries) {
        if (f instanceof LineCost l && PER_PROFILE.contains(l.sampleType())) {
            return ProfileSite.of(l, binaries.getOrDefault(l.input(), ""));
        } else if (f instanceof HotFunction h && PER_PROFILE.contains(h.sampleType())) {
            return ProfileSite.of(h, binaries.getOrDefault(h.input(), ""));
        }
        return null;
    }

    private static double share(long value, long total) {
        return total == 0 ? 0 : Math.abs((double) value / total);
    }

    /** The merge key of a profile fact (its site and sample type), null for any other fact. */
    private static Object key(Fact f) {
        if (f instanceof LineCost l) {
            return List.of("line-cost", l.file(), l.line(), l.sampleType(), l.unit());
        } else if (f instanceof HotLine h) {
            return List.of("hot-line", h.symbol(), h.instance(), h.file(), h.line(), h.sampleType(), h.unit());
        } else if (f instanceof HotFunction h) {
            return List.of("hot-function", h.symbol(), h.instance(), h.sampleType(), h.unit());
        } else if (f instanceof RuntimeCallerLine c) {
            return List.of("runtime-caller-line", c.symbol(), c.file(), c.line(), c.category(), c.sampleType(),
                    c.unit());
        }
        return null;
    }

    private static String typeOf(Fact f) {
        if (f instanceof LineCost l) {
            return l.sampleType() + '\u0000' + l.unit();
        } else if (f instanceof HotLine h) {
            return h.sampleType() + '\u0000' + h.unit();
        } else if (f instanceof HotFunction h) {
            return h.sampleType() + '\u0000' + h.unit();
        } else if (f instanceof RuntimeCallerLine c) {
            return c.sampleType() + '\u0000' + c.unit();
        }
        return "";
    }

    /** The values summed: LineCost flat, cum, self, functions (the largest); HotLine flat, cum, preempt; … */
    private static long[] values(Fact f) {
        if (f instanceof LineCost l) {
            return new long[]{l.flat(), l.cum(), l.self(), l.functions()};
        } else if (f instanceof HotLine h) {
            return new long[]{h.flat(), h.cum(), h.preempt()};
        } else if (f instanceof HotFunction h) {
            return new long[]{h.flat(), h.cum(), h.preempt()};
        }
        return new long[]{((RuntimeCallerLine) f).flat()};
    }

    private static Fact merged(Fact f, long[] v, long total) {
        if (f instanceof LineCost l) {
            long cum = total == 0 ? v[1] : Math.max(-total, Math.min(total, v[1]));
            return new LineCost(l.file(), l.line(), l.sampleType(), l.unit(), v[0], share(v[0], total), cum,
                    Math.min(1.0, share(cum, total)), v[2], share(v[2], total), (int) v[3]);
        } else if (f instanceof HotLine h) {
            return new HotLine(h.symbol(), h.file(), h.line(), h.sampleType(), h.unit(), v[0], share(v[0], total),
                    v[1], share(v[1], total), h.instance(), v[2]);
        } else if (f instanceof HotFunction h) {
            return new HotFunction(h.symbol(), h.sampleType(), h.unit(), v[0], share(v[0], total), v[1],
                    share(v[1], total), h.instance(), v[2]);
        }
        RuntimeCallerLine c = (RuntimeCallerLine) f;
        return new RuntimeCallerLine(c.symbol(), c.file(), c.line(), c.category(), c.sampleType(), c.unit(), v[0],
                share(v[0], total));
    }
}
