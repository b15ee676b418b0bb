package dev.perfwarden.facts.ir;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/inputs.md, "What each -m verbosity adds": every line its examples quote as compiler output is a real line
 * of a repository capture (trailing blanks aside, and a trailing "(Go 1.x…)" note that says which version
 * printed it).
 */
class IrDocLinesTest {
    @Test
    void theVerbositySectionQuotesOnlyRealLines() throws Exception {
        Path root = IrDumpParserTest.root();
        List<String> doc = Files.readAllLines(root.resolve("docs/inputs.md"));
        int from = doc.indexOf("## What each `-m` verbosity adds");
        assertThat(from).as("the section's heading").isPositive();
        List<String> quoted = new ArrayList<>();
        boolean in = false;
        for (String l : doc.subList(from + 1, doc.size())) {
            if (l.startsWith("## ") || l.startsWith("`perfwarden explain")) {
                break; // the explain example after it is perfwarden's output, not the compiler's
            }
            if (l.strip().startsWith("```")) {
                in = !in;
            } else if (in) {
                quoted.add(l.replaceFirst("^  ", "").replaceFirst("\\s+\\(Go 1\\.[^)]*\\)$", "").stripTrailing());
            }
        }
        assertThat(quoted).as("quoted lines").hasSizeGreaterThanOrEqualTo(15);
        Set<String> real = new HashSet<>();
        for (Path f : IrDumpParserTest.captures()) {
            for (String l : Files.readAllLines(f)) {
                real.add(l.stripTrailing());
            }
        }
        assertThat(quoted).allSatisfy(q -> assertThat(real).as("a capture line equal to %s", q).contains(q));
    }
}
