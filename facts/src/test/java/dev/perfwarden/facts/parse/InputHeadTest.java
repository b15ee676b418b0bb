package dev.perfwarden.facts.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class InputHeadTest {
    @Test
    void aJsonObjectIsToldFromTheBytesAsFromTheStrippedText() {
        String[] heads = {"{\"a\":1}", "  \n\t{", "\u000b\u001c{", "x{", "", "   ", "\u2003{", "\u00a0{", "\ufeff{",
            "\u2003x", " \u0001{", "é{", "[{}]"};
        for (String h : heads) {
            InputHead head = new InputHead("a.json", false, h.getBytes(StandardCharsets.UTF_8));
            boolean text = !head.binary() && head.text().stripLeading().startsWith("{");
            assertThat(head.jsonObject()).as("head %s", h.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(text);
        }
        assertThat(new InputHead("a", false, "\u2003{".getBytes(StandardCharsets.UTF_8)).jsonObject()).isTrue();
        assertThat(new InputHead("a", false, " x{".getBytes(StandardCharsets.UTF_8)).jsonObject()).isFalse();
    }
}
