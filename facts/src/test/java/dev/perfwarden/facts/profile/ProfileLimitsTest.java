package dev.perfwarden.facts.profile;

import dev.perfwarden.facts.core.ParseException;
import dev.perfwarden.facts.input.InputReader;
import dev.perfwarden.facts.input.InputStats;
import dev.perfwarden.facts.input.Parsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.perfwarden.facts.profile.TestProfiles.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profiles at the limits: huge values, huge stacks. */
class ProfileLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void totalsThatOverflowSixtyFourBitsAreAClearError() {
        TestProfiles p = new TestProfiles("samples", "count");
        long a = p.location("main.a", 3);
        p.sample(v(Long.MAX_VALUE), a).sample(v(Long.MAX_VALUE), a);
        assertThatThrownBy(() -> new ProfileReader().read(p.bytes(), "big.pprof"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("big.pprof")
                .hasMessageContaining("the values of sample type 1 add up to more than 9223372036854775807 (64-bit overflow)");
        TestProfiles q = new TestProfiles("samples", "count");
        long b = q.location("main.b", 3);
        q.sample(v(Long.MIN_VALUE), b);
        assertThatThrownBy(() -> new ProfileReader().read(q.bytes(), "min.pprof")).isInstanceOf(ParseException.class)
                .hasMessageContaining("64-bit overflow");
    }

    @Test
    void largestTotalsThatFitAreExact() throws Exception {
        TestProfiles p = new TestProfiles("samples", "count");
        long a = p.location("main.a", 3);
        p.sample(v(Long.MAX_VALUE - 1), a).sample(v(1), a);
        ProfileData d = new ProfileReader().read(p.bytes(), "max.pprof");
        assertThat(d.total(0)).isEqualTo(Long.MAX_VALUE);
        HotTable t = HotTable.of(d, null, false, 5);
        assertThat(t.rows().get(0).flat()).isEqualTo(Long.MAX_VALUE);
        assertThat(t.rows().get(0).flatShare()).isEqualTo(1.0);
    }

    @Test
    void aSampleOfTwoHundredThousandFramesIsReadAsAProfile() throws Exception {
        int frames = 200_000;
        // one sample type: the sample is the only other field the 64 KiB head sees, and it is cut
        TestProfiles p = new TestProfiles("cpu", "nanoseconds");
        long[] stack = new long[frames];
        long leaf = p.location("main.leaf", 9);
        long rec = p.location("main.recurse", 5);
        stack[0] = leaf;
        for (int i = 1; i < frames; i++) {
            stack[i] = rec;
        }
        p.sample(v(10_000_000), stack);
        for (boolean gz : new boolean[] {false, true}) {
            Path f = tmp.resolve(gz ? "deep.pb.gz" : "deep.pprof");
            Files.write(f, gz ? p.gzipped() : p.bytes());
            InputReader.Result r = new InputReader(Parsers.all(), 1).read(List.of(f.toString()),
                    new ByteArrayInputStream(new byte[0]));
            InputStats s = r.inputs().get(0);
            assertThat(s.error()).as(f.toString()).isNull();
            assertThat(s.kind()).isEqualTo("pprof");
            assertThat(s.records()).isEqualTo(1);
            HotTable t = HotTable.from(f, "cpu", true, 5);
            assertThat(t.rows()).extracting(HotTable.Row::symbol).containsExactly("main.leaf", "main.recurse");
            assertThat(t.rows()).extracting(HotTable.Row::cum).containsOnly(10_000_000L);
        }
    }
}
