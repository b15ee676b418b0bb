package dev.perfwarden.facts.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class InternerTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStringAndTheSameAsciiBytesMeetInThePoolWhateverTheirLength() {
        Interner in = new Interner();
        for (String s : new String[] {"x", "ab", "./main.go", "exactly8", "sixteen chars ok", "a longer name of 23 ch"}) {
            String pooled = in.intern(new String(s)); // a copy: the pool keeps the first it meets
            byte[] line = bytes("<<" + s + ">>");
            assertThat(in.intern(line, 2, 2 + s.length())).isSameAs(pooled);
            assertThat(in.intern("[" + s + "]", 1, 1 + s.length())).isSameAs(pooled);
        }
    }

    @Test
    void partsBeyondAsciiAreDecodedAndPooledToo() {
        Interner in = new Interner();
        String s = in.intern(bytes("é"), 0, 2);
        assertThat(s).isEqualTo("é");
        assertThat(in.intern("é")).isSameAs(s);
        assertThat(in.intern(bytes("aé"), 0, 1)).isEqualTo("a");
    }

    @Test
    void differentPartsStayDifferentThroughGrowth() {
        Interner in = new Interner();
        for (int i = 0; i < 5000; i++) {
            byte[] b = bytes("name" + i);
            assertThat(in.intern(b, 0, b.length)).isEqualTo("name" + i);
        }
        for (int i = 0; i < 5000; i++) {
            assertThat(in.intern("name" + i)).isSameAs(in.intern(bytes("name" + i), 0, ("name" + i).length()));
        }
        assertThat(in.intern(bytes("x"), 0, 0)).isEmpty();
    }
}
