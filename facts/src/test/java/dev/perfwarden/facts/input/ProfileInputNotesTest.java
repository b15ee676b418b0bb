package dev.perfwarden.facts.input;

import dev.perfwarden.facts.profile.ProfileSummary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CPU profile whose flat samples are mostly in assembly outside the standard library gets an input note naming
 * the share and the functions. Ground truth: {@code go tool pprof -lines -top} of the committed captures.
 */
class ProfileInputNotesTest {
    static final Path ROOT = InputReaderRobustnessTest.root();

    static InputReader.Result read(Path... profiles) throws Exception {
        return new InputReader().read(java.util.Arrays.stream(profiles).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aProfileMostlyInAssemblyIsNoted() throws Exception {
        // testdata/hotasm/abi-go1.26.8: example.com/hotabi.sumBytes, sum_amd64.s:13 550ms + :14 420ms of 980ms
        Path cpu = ROOT.resolve("testdata/hotasm/abi-go1.26.8/cpu.pprof");
        InputReader.Result r = read(cpu);
        ProfileSummary s = r.facts().stream().filter(f -> f instanceof ProfileSummary p && p.sampleType().equals("cpu"))
                .map(f -> (ProfileSummary) f).findFirst().orElseThrow();
        assertThat(s.assemblyShare()).isCloseTo(970.0 / 980, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(s.assemblyFunctions()).containsExactly("example.com/hotabi.sumBytes (99.0 %)");
        assertThat(r.inputs()).filteredOn(in -> in.kind().equals("pprof")).singleElement()
                .satisfies(in -> assertThat(in.note()).isEqualTo("99.0 % of its CPU samples (flat) are in assembly"
                        + " (.s files), which no rule sees: example.com/hotabi.sumBytes (99.0 %)"));
    }

    @Test
    void aProfileOfGoCodeOrOfTheRuntimesAssemblyIsNot() throws Exception {
        // testdata/hotasm/go1.26.8: Go code; runtime.asyncPreempt (preempt_amd64.s, 25.7 %) is the runtime's
        InputReader.Result r = read(ROOT.resolve("testdata/hotasm/go1.26.8/cpu.pprof"));
        assertThat(r.facts()).filteredOn(f -> f instanceof ProfileSummary p && p.sampleType().equals("cpu"))
                .singleElement().satisfies(f -> assertThat(((ProfileSummary) f).assemblyShare()).isZero());
        assertThat(r.inputs()).allSatisfy(in -> assertThat(in.note()).isNull());
    }

    @Test
    void theBarIsHalfTheFlatSamples() {
        ProfileSummary half = new ProfileSummary("a", "cpu", "nanoseconds", 100, 0, 10, 0, 0, 0, 0, 0.5,
                List.of("m.f (50.0 %)"));
        assertThat(half.assemblyNote()).contains("50.0 %");
        ProfileSummary less = new ProfileSummary("a", "cpu", "nanoseconds", 100, 0, 10, 0, 0, 0, 0, 0.49,
                List.of("m.f (49.0 %)"));
        assertThat(less.assemblyNote()).isNull();
        ProfileSummary heap = new ProfileSummary("a", "alloc_space", "bytes", 100, 0, 10, 0, 0, 0, 0, 0.9,
                List.of("m.f (90.0 %)"));
        assertThat(heap.assemblyNote()).isNull();
    }
}
