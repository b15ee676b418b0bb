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

    @Test
    void sharedLinesAreWhatSplitGivesForEveryLimitInAnyOrder() {
        String[] texts = {"", "one", "a\nb\nc", "a\nb\nc\n", "\n\n\n", "x\n\ny\nz\n\n", "1\n2\n3\n4\n5\n6\n7"};
        int[][] orders = {{1, 2, 3, 400}, {400, 3, 2, 1}, {3, 400, 1, 2}, {2, 2, 5, 4, 6, 7, 8}};
        for (String t : texts) {
            for (int[] order : orders) {
                InputHead h = new InputHead("f", false, t.getBytes(StandardCharsets.UTF_8));
                for (int limit : order) {
                    assertThat(h.lines(limit)).as("%s, limit %d after %s", t.replace("\n", "|"), limit,
                            java.util.Arrays.toString(order)).containsExactly(t.split("\n", limit));
                }
            }
        }
    }
}
