package dev.perfwarden.engine.report.html;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A hostile pack's doc page as SARIF's help.markdown: what a viewer renders must carry no HTML, image or script link. */
class SafeMarkdownTest {
    @Test
    void rawHtmlBlocksAndInlineHtmlBecomeText() {
        String out = SafeMarkdown.of("Intro.\n\n<script>alert(1)</script>\n\nSee <img src=x onerror=alert(2)> here.");
        assertThat(out).doesNotContainPattern("(?<!\\\\)<").contains("Intro.")
                .contains("\\<script\\>alert(1)\\</script\\>").contains("\\<img src=x onerror=alert(2)\\> here.");
    }

    @Test
    void imagesBecomeTheirAltTextSoNothingIsFetched() {
        String out = SafeMarkdown.of("Cost ![tracking pixel](https://evil.example/p.png?who=you) shown.");
        assertThat(out).doesNotContain("evil.example").doesNotContain("![").contains("\\[image: tracking pixel\\]");
    }

    @Test
    void scriptAndDataLinksKeepTheirTextNotTheirTarget() {
        String out = SafeMarkdown.of("[click](javascript:alert(1)) [d](DATA:text/html,x) [ref][r]\n\n[r]: vbscript:x\n");
        assertThat(out.toLowerCase()).doesNotContain("javascript:").doesNotContain("data:").doesNotContain("vbscript:");
        assertThat(out).contains("click").contains("d").contains("ref");
    }

    @Test
    void ordinaryDocPagesKeepTheirMarkdown() {
        String doc = "# alloc-in-loop\n\nA `make` inside a loop escapes:\n\n```go\nfor i := range xs {\n\tb := make([]byte, 64)\n}\n```\n\n"
                + "- see [the Go FAQ](https://go.dev/doc/faq#stack_or_heap)\n- and [below](#fix)\n";
        String out = SafeMarkdown.of(doc);
        assertThat(out).contains("# alloc-in-loop").contains("`make`").contains("```go\nfor i := range xs {")
                .contains("[the Go FAQ](https://go.dev/doc/faq#stack_or_heap)").contains("[below](#fix)");
    }
}
