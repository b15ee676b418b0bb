package dev.perfwarden.engine.report.html;

import dev.perfwarden.engine.model.RuleInfo;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Map;

/**
 * The doc pages ({@code perfwarden explain RULE}) of the rules that have findings, rendered from markdown with
 * commonmark. Packs may be untrusted: the page is defused by {@link SafeMarkdown} (raw HTML shown as text, images, which
 * would need the network, replaced by their text, links only to safe targets) before it is rendered.
 */
public final class RuleDocs {
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).build();

    private RuleDocs() {
    }

    /** The rules section: one entry per rule of {@code index} (rule id → its number), in that order. */
    public static Element section(List<RuleInfo> catalogue, Map<String, Integer> index) {
        Element section = new Element("section").attr("id", "rules");
        section.appendElement("h2").text("Rules (perfwarden explain RULE)");
        index.forEach((id, n) -> {
            RuleInfo rule = catalogue.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
            Element d = section.appendElement("details").addClass("rule").attr("id", "rule-" + n);
            Element sum = d.appendElement("summary");
            sum.appendElement("code").text(id);
            if (rule == null) {
                d.appendElement("p").text("No doc page: the rule is not in the catalogue of the packs loaded.");
                return;
            }
            sum.appendText(" " + rule.summary() + " (" + rule.pack() + "@" + rule.packVersion() + ")");
            d.appendElement("div").addClass("doc").html(html(rule.doc()));
        });
        return section;
    }

    /**
     * {@code markdown} as HTML, from {@link SafeMarkdown#defused}'s tree (raw HTML as text, images as their text, links
     * only to http(s), mailto and in-page targets: one policy for SARIF's help.markdown and this report); links that
     * leave the page open in a new tab without a referrer.
     */
    static String html(String markdown) {
        Element div = new Element("div").html(RENDERER.render(SafeMarkdown.defused(markdown)));
        for (Element a : div.select("a[href]")) {
            String href = a.attr("href");
            if (!href.startsWith("#")) {
                a.attr("rel", "noreferrer noopener").attr("target", "_blank");
            }
        }
        return div.html();
    }
}
