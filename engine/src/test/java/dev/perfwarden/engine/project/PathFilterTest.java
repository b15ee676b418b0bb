package dev.perfwarden.engine.project;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PathFilterTest {
    /** The linear matcher agrees with the glob's regular expression on random globs and paths over a small alphabet. */
    @Test
    void theLinearMatcherAgreesWithTheRegularExpression() {
        Random r = new Random(11);
        String[] globParts = {"*", "**", "**/", "?", "a", "b", "/", ".go", "x"};
        String[] pathParts = {"a", "b", "/", "x", ".go", "ab", "a/b"};
        int agreed = 0;
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder g = new StringBuilder();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                g.append(globParts[r.nextInt(globParts.length)]);
            }
            StringBuilder p = new StringBuilder();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                p.append(pathParts[r.nextInt(pathParts.length)]);
            }
            String glob = g.toString();
            String path = p.toString();
            boolean want = PathFilter.regex(glob).matcher(path).matches();
            assertThat(PathFilter.matches(glob, path)).as("%s on %s", glob, path).isEqualTo(want);
            agreed++;
            if (want) {
                matched.add(glob + " " + path);
            }
        }
        assertThat(agreed).isEqualTo(20_000);
        assertThat(matched).as("globs that matched (the comparison saw both answers)").hasSizeGreaterThan(1_000);
    }

    /** attack2 probe 18: a glob that makes Java's regex backtrack for minutes is answered at once. */
    @Test
    void aBacktrackingGlobIsMatchedInLinearTime() {
        String glob = "**a".repeat(14) + "**b";
        String file = "a".repeat(160);
        assertThat(PathFilter.matches(glob, file)).isFalse();
        assertThat(PathFilter.matches(glob, file + "b")).isTrue();
        assertThat(new PathFilter(List.of(glob), List.of()).keeps(file)).isFalse();
    }
}
