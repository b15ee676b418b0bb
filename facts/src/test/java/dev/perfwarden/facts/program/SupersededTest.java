package dev.perfwarden.facts.program;

import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.core.SourcePos;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.escape.FlowStep;
import dev.perfwarden.facts.inline.InlineFact;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SupersededTest {
    static final List<FlowStep> FLOW = List.of(new FlowStep(0, "{heap}", "", "{storage for &T{}}",
            new SourcePos("main.go", 12, 9), List.of(), List.of()));

    static EscapeFact escape(String input, String kind, String subject, int col, boolean duplicate, List<FlowStep> flow) {
        return EscapeFact.of(kind, subject, "", -1, duplicate, flow, List.of(), "main", "f", "main.f", "main.go",
                12, col, "", new Evidence(input, "main.go:12:" + col + ": ...", InputPos.line(input, 1)));
    }

    static InlineFact inline(String input, String reasonKind) {
        return new InlineFact(InlineFact.KIND_CANNOT_INLINE, "main.f", "f", "function too complex", reasonKind, 90, 80,
                InlineFact.NO_SCORE, List.of(), "main", "f", "main.f", "main.go", 10, 6, "",
                new Evidence(input, "main.go:10:6: cannot inline f", InputPos.line(input, 1)));
    }

    @Test
    void aJsonRecordWithItsTextTwinIsSupersededByIt() {
        EscapeFact text = escape("escape-text", "escapes", "&T{}", 9, false, FLOW);
        EscapeFact json = escape("logopt-json", "escapes", "&T{}", 9, false, FLOW);
        EscapeFact otherCol = escape("logopt-json", "escapes", "&T{}", 10, false, FLOW);
        EscapeFact otherSubject = escape("logopt-json", "escapes", "&U{}", 9, false, FLOW);
        InlineFact inText = inline("escape-text", "too-complex");
        InlineFact inJson = inline("logopt-json", "too-complex");
        InlineFact otherReason = inline("logopt-json", "unhandled-op");
        assertThat(Superseded.of(List.of(json, text, otherCol, otherSubject, inJson, inText, otherReason)))
                .containsExactly(new Superseded(json, text), new Superseded(inJson, inText));
    }

    @Test
    void onlyATwinThatCarriesAsMuchSupersedes() {
        // plain -m text (no explanation) does not stand for a -json record that has the flow
        EscapeFact plain = escape("escape-text", "escapes", "&T{}", 9, false, List.of());
        EscapeFact json = escape("logopt-json", "escapes", "&T{}", 9, false, FLOW);
        assertThat(Superseded.of(List.of(plain, json))).isEmpty();
        // an unclaimed explanation block (duplicate) does not stand for a counted -json result
        EscapeFact unclaimed = escape("escape-text", "escapes", "&T{}", 9, true, FLOW);
        assertThat(Superseded.of(List.of(unclaimed, json))).isEmpty();
        // ... but does for a -json record that is a duplicate too
        EscapeFact jsonDuplicate = escape("logopt-json", "escapes", "&T{}", 9, true, FLOW);
        assertThat(Superseded.of(List.of(unclaimed, jsonDuplicate))).containsExactly(
                new Superseded(jsonDuplicate, unclaimed));
    }

    @Test
    void aJsonLeakIsSupersededByTheLeakingParamLine() {
        EscapeFact text = escape("escape-text", EscapeFact.KIND_LEAKING_PARAM_CONTENT, "p", 9, false, FLOW);
        EscapeFact leak = escape("logopt-json", EscapeFact.KIND_LEAK, "p", 9, false, FLOW);
        EscapeFact otherParam = escape("logopt-json", EscapeFact.KIND_LEAK, "q", 9, false, FLOW);
        assertThat(Superseded.of(List.of(text, leak, otherParam))).containsExactly(new Superseded(leak, text));
    }

    @Test
    void textAloneOrJsonAloneSupersedesNothing() {
        EscapeFact text = escape("escape-text", "escapes", "&T{}", 9, false, FLOW);
        EscapeFact json = escape("logopt-json", "escapes", "&T{}", 9, false, FLOW);
        assertThat(Superseded.of(List.of(text, inline("escape-text", "too-complex")))).isEmpty();
        assertThat(Superseded.of(List.of(json, inline("logopt-json", "too-complex")))).isEmpty();
    }
}
