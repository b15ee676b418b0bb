package dev.perfwarden.facts.parse;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {
    /** Java's own strict decoder: what "well-formed" means. */
    static boolean javaSays(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithJavasStrictDecoderOnEdgesAndRandomBytes() {
        String[] hex = {"", "41", "c280", "c1bf", "c0af", "dfbf", "e0a080", "e09f80", "ed9fbf", "eda080", "efbfbf",
            "f0908080", "f08f8080", "f48fbfbf", "f4908080", "f5808080", "e282", "e2", "80", "e28690", "e2869041",
            "ff", "fe", "c2", "f0", "f09f9880"};
        for (String h : hex) {
            byte[] b = java.util.HexFormat.of().parseHex(h);
            assertThat(Utf8.wellFormed(b, b.length)).as(h).isEqualTo(javaSays(b));
        }
        Random r = new Random(17);
        byte[] pool = {0x41, (byte) 0x80, (byte) 0xbf, (byte) 0xc2, (byte) 0xe0, (byte) 0xed, (byte) 0xf0, (byte) 0xf4,
            (byte) 0x90, (byte) 0xa0, (byte) 0x9f, (byte) 0x8f, (byte) 0xe2, (byte) 0x86, (byte) 0xff};
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + r.nextInt(6)];
            for (int k = 0; k < b.length; k++) {
                b[k] = pool[r.nextInt(pool.length)];
            }
            assertThat(Utf8.wellFormed(b, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(javaSays(b));
        }
        byte[] arrow = "a ← b".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.wellFormed(arrow, arrow.length)).isTrue();
        assertThat(Utf8.wellFormed(arrow, 3)).as("cut inside ←").isFalse();
    }
}
