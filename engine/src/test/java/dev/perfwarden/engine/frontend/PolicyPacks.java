package dev.perfwarden.engine.frontend;

import dev.perfwarden.engine.TestPacks;
import dev.perfwarden.facts.asm.RuntimeCall;
import dev.perfwarden.facts.core.Evidence;
import dev.perfwarden.facts.core.InputPos;
import dev.perfwarden.facts.escape.ClosureCapture;
import dev.perfwarden.facts.escape.EscapeFact;
import dev.perfwarden.facts.profile.HotFunction;
import dev.perfwarden.facts.profile.ProfileSummary;

import java.nio.file.Path;
import java.util.List;

/** Small packs written into a temp folder, and hand-made real facts, for the front-end tests. */
final class PolicyPacks {
    static final String PACK_YAML = String.join("\n",
            "id: policies",
            "version: 1.0.0",
            "perfwarden: \">=0.1.0 <1.0.0\"",
            "parameters:",
            "  min.width:",
            "    type: number",
            "    default: 64",
            "  strict:",
            "    type: boolean",
            "    default: false",
            "  owner:",
            "    type: string",
            "    default: team-a",
            "");

    private PolicyPacks() {
    }

    /** A pack folder {@code dir/policies} with pack.yaml and the given files (path, text, path, text, …). */
    static Path pack(Path dir, String... pathsAndTexts) {
        Path p = dir.resolve("policies");
        TestPacks.write(p.resolve("pack.yaml"), PACK_YAML);
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            TestPacks.write(p.resolve(pathsAndTexts[i]), pathsAndTexts[i + 1]);
        }
        return p;
    }

    /** A pack with one YAML rule folder {@code <id>/rule.rules.yaml} + doc.md. */
    static Path yamlRule(Path dir, String id, String yaml) {
        return pack(dir, id + "/rule.rules.yaml", yaml, id + "/doc.md", "Why and how to fix.\n");
    }

    static Evidence ev(String input, String text, int line) {
        return new Evidence(input, text, InputPos.line(input.equals("escape-text") ? "m2.txt" : "in.txt", line));
    }

    static EscapeFact escape(String kind, String subject, String symbol, String file, int line, int col) {
        return new EscapeFact(kind, subject, "", -1, false, kind.equals("escapes"), false, List.of(), List.of(),
                "example.com/m", symbol.substring(symbol.lastIndexOf('.') + 1), symbol, file, line, col, "source",
                ev("escape-text", "./" + file + ":" + line + ":" + col + ": " + kind + " " + subject, line));
    }

    static ClosureCapture capture(String variable, boolean byRef, long width, String symbol, String file, int line) {
        return new ClosureCapture(variable, byRef, false, true, width,
                new dev.perfwarden.facts.core.Origin("example.com/m", "f", symbol, file, line, 2, "source"), ev("escape-text", "./" + file + ":" + line + ":2: f capturing by "
                + (byRef ? "ref" : "value") + ": " + variable + " (addr=false assign=true width=" + width + ")", line));
    }

    static RuntimeCall call(String callee, String category, String symbol, String file, int line, boolean inLoop) {
        return new RuntimeCall(symbol, file, line, 0, callee, category, inLoop, 0x4a0000 + line,
                ev("objdump", "  " + file + ":" + line + "\t0x4a0000\t\te800000000\tCALL " + callee + "(SB)", line));
    }

    static HotFunction hot(String symbol, double cumShare) {
        return new HotFunction(symbol, "cpu", "nanoseconds", 10, cumShare / 2, 20, cumShare);
    }

    static ProfileSummary profile(double allocatorShare, double gcShare) {
        return new ProfileSummary("cpu.pprof", "cpu", "nanoseconds", 1000, 1_000_000_000L, 10_000_000L,
                allocatorShare, gcShare, 0.01, 0);
    }
}
