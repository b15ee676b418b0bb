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

    @Test
    void partsBeyondAsciiAreFoundAsBytesAndEveryCopyHasTheSameKey() {
        Interner in = new Interner();
        byte[] line = bytes("from y \u2190 &T{...} (assign) at ./a.go:3");
        int to = "from y \u2190 &T{...}".getBytes(StandardCharsets.UTF_8).length;
        String first = in.intern(line, 5, to);
        long high = in.lastKeyHigh();
        long low = in.lastKeyLow();
        assertThat(first).isEqualTo("y \u2190 &T{...}");
        assertThat(in.intern(line.clone(), 5, to)).isSameAs(first);
        assertThat(in.intern(new String("y \u2190 &T{...}"))).isSameAs(first);
        assertThat(in.lastKeyHigh()).isEqualTo(high);
        assertThat(in.lastKeyLow()).isEqualTo(low);
        Interner other = new Interner();
        assertThat(other.intern("y \u2190 &T{...}")).isEqualTo(first);
        assertThat(other.lastKeyHigh()).isEqualTo(high);
        in.intern("y \u2190 &T{..}");
        assertThat(in.lastKeyHigh()).isNotEqualTo(high);
        assertThat(in.lastKeyLow()).isNotEqualTo(low);
    }

    @Test
    void aStringNoBytesDecodeToIsNeverTheAnswerForBytes() {
        Interner in = new Interner();
        String lone = in.intern("\uD800");
        assertThat(in.intern(bytes("?"), 0, 1)).isEqualTo("?").isNotSameAs(lone);
        byte[] bad = {(byte) 0xff, 'x'};
        assertThat(in.intern(bad, 0, 2)).isEqualTo(new String(bad, StandardCharsets.UTF_8));
        assertThat(in.intern(bad.clone(), 0, 2)).isSameAs(in.intern(bad, 0, 2));
    }

    @Test
    void whatIsAttachedToAStringComesBackWithItAfterTheTableGrows() {
        Interner in = new Interner();
        String a = in.intern(bytes("./a.go:3:4"), 0, 10);
        assertThat(in.lastAttachment()).isNull();
        in.attach(a, "pos a");
        for (int i = 0; i < 5000; i++) {
            String s = in.intern("name" + i);
            if (i % 7 == 0) {
                in.attach(s, i);
            }
        }
        in.intern(bytes("./a.go:3:4"), 0, 10);
        assertThat(in.lastAttachment()).isEqualTo("pos a");
        in.intern(bytes("name21"), 0, 6);
        assertThat(in.lastAttachment()).isEqualTo(21);
        in.intern("name22");
        assertThat(in.lastAttachment()).isNull();
        in.intern("");
        assertThat(in.lastAttachment()).isNull();
    }
}
