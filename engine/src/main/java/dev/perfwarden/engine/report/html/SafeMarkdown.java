package dev.perfwarden.engine.report.html;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule's doc page as markdown that a viewer may render without risk, for SARIF's {@code help.markdown} (GitHub
 * code scanning and other viewers render it): packs may be untrusted, so the page is parsed with commonmark and
 * written back with raw HTML turned into text, images into their text (an image is fetched by whoever opens the
 * alert: a tracking pixel), and links kept only to {@code http:}, {@code https:}, {@code mailto:} and in-page
 * {@code #} targets (a {@code javascript:} or {@code data:} link keeps its text, not its target).
 */
public final class SafeMarkdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder().build();

    private SafeMarkdown() {
    }

    /** {@code markdown} parsed and written back with its raw HTML, images and unsafe link targets defused. */
    public static String of(String markdown) {
        return RENDERER.render(defused(markdown)).strip();
    }

    /**
     * {@code markdown}'s syntax tree with its raw HTML as text, its images as their text and its links only to safe
     * targets: what SARIF's {@code help.markdown} is written from and the HTML report's rule docs are rendered from.
     */
    public static Node defused(String markdown) {
        Node doc = PARSER.parse(markdown == null ? "" : markdown);
        List<Runnable> edits = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock html) {
                edits.add(() -> {
                    Paragraph p = new Paragraph();
                    p.appendChild(new Text(html.getLiteral().strip()));
                    html.insertBefore(p);
                    html.unlink();
                });
            }

            @Override
            public void visit(HtmlInline html) {
                edits.add(() -> replace(html, new Text(html.getLiteral())));
            }

            @Override
            public void visit(Image image) {
                edits.add(() -> replace(image, new Text("[image: " + text(image) + "]")));
            }

            @Override
            public void visit(Link link) {
                visitChildren(link);
                if (!safe(link.getDestination())) {
                    edits.add(() -> unwrap(link));
                }
            }
        });
        edits.forEach(Runnable::run);
        return doc;
    }

    private static boolean safe(String target) {
        String t = target == null ? "" : target.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("https://") || t.startsWith("http://") || t.startsWith("mailto:") || t.startsWith("#");
    }

    private static void replace(Node old, Node with) {
        old.insertBefore(with);
        old.unlink();
    }

    /** The link's children in its place, without the link. */
    private static void unwrap(Node link) {
        Node c = link.getFirstChild();
        while (c != null) {
            Node next = c.getNext();
            link.insertBefore(c);
            c = next;
        }
        link.unlink();
    }

    /** The plain text under {@code n} (an image's alt text). */
    private static String text(Node n) {
        StringBuilder b = new StringBuilder();
        n.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                b.append(t.getLiteral());
            }
        });
        return b.toString();
    }
}
