package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.Fact;
import dev.perfwarden.facts.input.InputReader;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * hashicorp/golang-lru v2.0.7 as {@code scan --bench} captured it (testdata/modules/lru: one test binary per package;
 * cpu-1/mem-1 of the root package, cpu-2/mem-2 of expirable). Ground truth is {@code go tool pprof -raw} (the
 * mappings' build IDs) and {@code go tool pprof -sample_index=alloc_space -top -lines binN.test mem-N.pprof}:
 * mem-1's total is 355463.63 kB; internal/list.go:92 holds 112.86 MB (32.51 %) in
 * {@code (*LruList[go.shape.int64,go.shape.int64]).insertValue} and 17.54 MB (5.05 %) in the
 * {@code [go.shape.int64,go.shape.struct {}]} instance; mem-2 holds 63.32 MB there, in one instance.
 */
class ProfileBinaryTest {
    private static final Path LRU = Repo.resolve("testdata/modules/lru");
    private static final String ROOT = "547bbaa71e3cabd3eaf7b5b30b97e0681c9e641f";
    private static final String EXPIRABLE = "944b4cd0a79e03da3adde5476a652840473a9fb7";

    private static List<Fact> read() throws Exception {
        List<String> args = List.of("cpu-1.pprof", "cpu-2.pprof", "mem-1.pprof", "mem-2.pprof").stream()
                .map(f -> LRU.resolve(f).toString()).toList();
        return new InputReader().read(args, List.of(LRU.resolve("src")), InputStream.nullInputStream()).facts();
    }

    private static Map<String, ProfileSummary> summaries(List<Fact> facts, String type) {
        return facts.stream().filter(f -> f instanceof ProfileSummary s && s.sampleType().equals(type))
                .map(f -> (ProfileSummary) f)
                .collect(Collectors.toMap(s -> Path.of(s.input()).getFileName().toString(), s -> s));
    }

    @Test
    void eachProfileNamesTheBuildIdOfTheBinaryItProfiled() throws Exception {
        List<Fact> facts = read();
        Map<String, ProfileSummary> cpu = summaries(facts, "cpu");
        Map<String, ProfileSummary> heap = summaries(facts, "alloc_space");
        assertThat(cpu.get("cpu-1.pprof").binary()).isEqualTo(ROOT);
        assertThat(heap.get("mem-1.pprof").binary()).isEqualTo(ROOT);
        assertThat(cpu.get("cpu-2.pprof").binary()).isEqualTo(EXPIRABLE);
        assertThat(heap.get("mem-2.pprof").binary()).isEqualTo(EXPIRABLE);
        assertThat(cpu.get("cpu-1.pprof").sameBinary(heap.get("mem-1.pprof"))).isTrue();
        assertThat(cpu.get("cpu-1.pprof").sameBinary(heap.get("mem-2.pprof"))).isFalse();
    }

    @Test
    void callerLinesStayOnePerHeapProfileAndInstanceWithSharesOfThatProfile() throws Exception {
        List<Fact> facts = read();
        ProfileSummary mem1 = summaries(facts, "alloc_space").get("mem-1.pprof");
        // pprof counts the setup before b.ResetTimer too: total + leftOut is its total
        assertThat((double) mem1.total() + mem1.leftOut()).isCloseTo(355463.63 * 1024, within(1024.0));
        assertThat(mem1.leftOut()).isPositive();
        List<CallerLine> line92 = facts.stream().filter(f -> f instanceof CallerLine c && c.sampleType().equals("alloc_space")
                && c.file().equals("internal/list.go") && c.line() == 92).map(f -> (CallerLine) f).toList();
        Map<String, List<CallerLine>> byInput = line92.stream()
                .collect(Collectors.groupingBy(c -> Path.of(c.input()).getFileName().toString()));
        assertThat(byInput.keySet()).containsExactlyInAnyOrder("mem-1.pprof", "mem-2.pprof");
        List<CallerLine> one = byInput.get("mem-1.pprof");
        assertThat(one).extracting(CallerLine::instance).containsExactlyInAnyOrder(
                "github.com/hashicorp/golang-lru/v2/internal.(*LruList[go.shape.int64,go.shape.int64]).insertValue",
                "github.com/hashicorp/golang-lru/v2/internal.(*LruList[go.shape.int64,go.shape.struct {}]).insertValue");
        for (CallerLine c : one) {
            assertThat(c.own()).as("the line calls no allocating standard-library code").isEqualTo(c.flat());
            assertThat(c.flatShare()).isCloseTo((double) c.flat() / mem1.total(), within(1e-9));
        }
        assertThat(one.stream().mapToDouble(c -> mem1.shareOfAll(c.flat())).sorted().boxed().toList())
                .satisfiesExactly(s -> assertThat(s).isCloseTo(0.0505, within(0.0005)),
                        s -> assertThat(s).isCloseTo(0.3251, within(0.0005)));
        assertThat(byInput.get("mem-2.pprof")).singleElement()
                .satisfies(c -> assertThat((double) c.flat()).isCloseTo(63.32 * 1024 * 1024, within(0.01 * 1024 * 1024)));
    }
}
