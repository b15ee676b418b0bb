package dev.perfwarden.facts.source;

import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Fact;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Go source lines a source fact is built for: the lines of the machine code's runtime calls of one category
 * ({@link RuntimeCall}), by module-relative file, and the files' bytes. {@link FieldAppends}, {@link LoopExits} and
 * {@link ReusedSlices} read only the files that hold such calls.
 */
final class RuntimeCallLines {
    private RuntimeCallLines() {
    }

    /** Called once per file that an index knows and that reads: its bytes and the call lines in it. */
    interface Visitor {
        void visit(String file, GoSourceIndex index, byte[] src, Set<Integer> lines);
    }

    /** The lines of the {@code category} calls among {@code facts} (in a loop only, when {@code inLoop}), by file. */
    static Map<String, Set<Integer>> of(List<? extends Fact> facts, String category, boolean inLoop) {
        Map<String, Set<Integer>> lines = new TreeMap<>();
        for (Fact f : facts) {
            if (f instanceof RuntimeCall c && c.category().equals(category) && (c.inLoop() || !inLoop) && c.line() > 0) {
                lines.computeIfAbsent(c.file(), k -> new TreeSet<>()).add(c.line());
            }
        }
        return lines;
    }

    /**
     * Visits each file of {@code lines} in each index that knows it, with its bytes; a file that does not read is
     * skipped: the facts built from it are additions (no source, no fact).
     */
    static void read(Map<String, Set<Integer>> lines, List<GoSourceIndex> indexes, Visitor v) {
        for (GoSourceIndex idx : lines.isEmpty() ? List.<GoSourceIndex>of() : indexes) {
            for (Map.Entry<String, Set<Integer>> e : lines.entrySet()) {
                if (idx.file(e.getKey()).isEmpty()) {
                    continue;
                }
                byte[] src;
                try {
                    src = Files.readAllBytes(idx.moduleRoot().resolve(e.getKey()));
                } catch (IOException | RuntimeException x) {
                    continue;
                }
                v.visit(e.getKey(), idx, src, e.getValue());
            }
        }
    }
}
