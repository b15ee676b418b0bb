package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.frontend.LineMap;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of translating one rule source.
 *
 * @param drl      the DRL to compile ("" when {@code problems} is not empty)
 * @param lineMap  maps lines of {@code drl} back to lines of the source file
 * @param problems what is wrong with the source; the rule is refused when not empty
 * @param docs     rule id → documentation (markdown) the source itself carries, for rules without a
 *                 {@code doc.md} (a YAML policy's {@code doc:}); usually empty
 */
public record Translation(String drl, LineMap lineMap, List<Diagnostic> problems, Map<String, String> docs) {
    public Translation {
        Objects.requireNonNull(drl, "drl");
        Objects.requireNonNull(lineMap, "lineMap");
        problems = List.copyOf(problems);
        docs = Map.copyOf(docs);
    }

    /** A translation without problems. */
    public static Translation of(String drl, LineMap lineMap) {
        return new Translation(drl, lineMap, List.of(), Map.of());
    }

    /** A failed translation. */
    public static Translation failed(List<Diagnostic> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a failed translation needs a problem");
        }
        return new Translation("", LineMap.identity(), problems, Map.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
