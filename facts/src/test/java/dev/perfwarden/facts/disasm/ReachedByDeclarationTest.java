package dev.perfwarden.facts.disasm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A func literal's copies, inlined into several functions under several names, are one target of a call: its share is
 * theirs summed, so that two copies splitting it do not make the call look polymorphic (review of session 17).
 */
class ReachedByDeclarationTest {
    @Test
    void aLiteralsInlinedCopiesAreOneCalleeNamedByTheHottest() {
        List<ReachedCallee> r = SampledAddresses.byDeclaration(Map.of(
                "example.com/m.BenchmarkA.NewG[...].func2 m_test.go:12", 40L,
                "example.com/m.BenchmarkB.NewG[...].func2 m_test.go:12", 30L,
                "example.com/m.other m.go:20", 50L));
        assertThat(r).extracting(ReachedCallee::function)
                .containsExactly("example.com/m.BenchmarkA.NewG[...].func2", "example.com/m.other");
        assertThat(r.get(0).value()).isEqualTo(70L);
        assertThat(r.get(0).share()).isCloseTo(70.0 / 120, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.get(0).line()).isEqualTo(12);
    }

    @Test
    void calleesWithoutADeclarationLineStayApart() {
        List<ReachedCallee> r = SampledAddresses.byDeclaration(Map.of("a.f a.go:0", 2L, "a.g a.go:0", 1L));
        assertThat(r).extracting(ReachedCallee::function).containsExactly("a.f", "a.g");
    }
}
