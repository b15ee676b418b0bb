package dev.perfwarden.facts.parse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.perfwarden.facts.parse.MessageForm.enclosed;
import static dev.perfwarden.facts.parse.MessageForm.exact;
import static dev.perfwarden.facts.parse.MessageForm.firstInfix;
import static dev.perfwarden.facts.parse.MessageForm.lastInfix;
import static dev.perfwarden.facts.parse.MessageForm.prefix;
import static dev.perfwarden.facts.parse.MessageForm.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTableTest {
    /** Records which form decoded what. */
    private static MessageForm.BodyHandler<List<String>> record(String name) {
        return (sink, line, body) -> sink.add(name + "[" + body + "]");
    }

    private static final MessageTable<List<String>> TABLE = new MessageTable<>(
            suffix(" does not escape", record("noescape")),
            lastInfix(" escapes to heap", (sink, line, before, after) ->
                    after.isEmpty() || after.equals(":") ? sink.add("escapes[" + before + "|" + after + "]") : false),
            firstInfix(" capturing by ", (sink, line, before, after) -> sink.add("capture[" + before + "|" + after + "]")),
            prefix("can inline ", record("can")),
            prefix("cannot inline ", record("cannot")),
            exact("imprecise interface call", record("imprecise")),
            enclosed("assuming ", " is unsafe uintptr", record("unsafe")),
            enclosed("parameter ", ":", record("leak")).where(m -> m.contains(" leaks to ")),
            prefix("parameter ", (sink, line, body) -> false));

    private static List<String> decode(String msg) {
        List<String> out = new ArrayList<>();
        boolean ok = TABLE.decode(out, new CompilerLine(1, "x.go:1:1: " + msg, "x.go", 1, 1, "x.go:1:1:", msg));
        if (!ok) {
            out.add("unknown");
        }
        return out;
    }

    @Test
    void eachShapeHandsItsHandlerTheBodyNotOffsets() {
        assertThat(decode("can inline F with cost 3 as: x")).containsExactly("can[F with cost 3 as: x]");
        assertThat(decode("cannot inline F: recursive")).containsExactly("cannot[F: recursive]");
        assertThat(decode("imprecise interface call")).containsExactly("imprecise[imprecise interface call]");
        assertThat(decode("imprecise interface call!")).containsExactly("unknown");
        assertThat(decode("assuming p is unsafe uintptr")).containsExactly("unsafe[p]");
        assertThat(decode("&T{} does not escape")).containsExactly("noescape[&T{}]");
        assertThat(decode("f.func1 capturing by ref: x (addr=true)")).containsExactly(
                "capture[f.func1|ref: x (addr=true)]");
    }

    @Test
    void anchoredFormsComeFirstAndTheFirstMatchingFormDecides() {
        // a prefix form wins over a suffix form declared before it
        assertThat(decode("can inline x does not escape")).containsExactly("can[x does not escape]");
        // the guard sends a message without " leaks to " to the next form, whose rejection is final
        assertThat(decode("parameter p leaks to {heap} with derefs=0:")).containsExactly(
                "leak[p leaks to {heap} with derefs=0]");
        assertThat(decode("parameter p is odd:")).containsExactly("unknown");
        // a rejecting handler does not fall through to later forms
        assertThat(decode("x escapes to heap, not allowed in runtime does not escape")).containsExactly(
                "noescape[x escapes to heap, not allowed in runtime]");
        assertThat(decode("x escapes to heap, not allowed in runtime capturing by ref: y")).containsExactly("unknown");
        assertThat(decode("a escapes to heap escapes to heap")).containsExactly("escapes[a escapes to heap|]");
    }

    @Test
    void overlappingHeadAndTailOrAnInfixAtTheStartAreNotTheForm() {
        assertThat(decode("assuming is unsafe uintptr")).containsExactly("unknown");
        assertThat(decode(" escapes to heap")).containsExactly("unknown");
        assertThat(decode("")).containsExactly("unknown");
    }

    /** The form formOf names for a message's bytes, as "SHAPE head|tail", or "none". */
    private static String formOf(String msg) {
        byte[] b = ("x.go:1:1: " + msg).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        MessageForm<List<String>> f = TABLE.formOf(b, "x.go:1:1: ".length(), b.length);
        return f == null ? "none" : f.shape() + " " + f.head() + "|" + f.tail();
    }

    @Test
    void formOfBytesNamesTheFormDecodeTriesFirstInDecodesOrder() {
        assertThat(formOf("can inline x does not escape")).isEqualTo("PREFIX can inline |");
        assertThat(formOf("cannot inline F: recursive")).isEqualTo("PREFIX cannot inline |");
        assertThat(formOf("&T{} does not escape")).isEqualTo("SUFFIX | does not escape");
        assertThat(formOf("a escapes to heap escapes to heap")).isEqualTo("LAST_INFIX | escapes to heap");
        assertThat(formOf("x escapes to heap, not allowed in runtime does not escape"))
                .isEqualTo("SUFFIX | does not escape");
        // the enclosed form needs its tail; its guard is not tried (a byte decoder checks it or leaves the line)
        assertThat(formOf("parameter p is odd:")).isEqualTo("ENCLOSED parameter |:");
        assertThat(formOf("parameter p escapes to heap")).isEqualTo("PREFIX parameter |");
        assertThat(formOf("imprecise interface call")).isEqualTo("EXACT imprecise interface call|");
        assertThat(formOf("imprecise interface call!")).isEqualTo("none");
        // an infix at the message's start is not the form, as decode has it
        assertThat(formOf(" escapes to heap")).isEqualTo("none");
        assertThat(formOf("")).isEqualTo("none");
    }

    @Test
    void formsCheckTheirShape() {
        assertThatThrownBy(() -> new MessageForm<List<String>>(MessageForm.Shape.PREFIX, "", "", null,
                (s, l, b, a) -> true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageForm<List<String>>(MessageForm.Shape.SUFFIX, "x", "y", null,
                (s, l, b, a) -> true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TABLE.size()).isEqualTo(9);
    }
}
