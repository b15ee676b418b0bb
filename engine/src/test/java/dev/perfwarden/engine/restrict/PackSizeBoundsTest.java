package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restricted packs whose size, not their code, is the attack: a {@code declare} of 20,000 fields (probe 14, whose
 * check was quadratic), twenty conjoined {@code or} groups that Drools expands to 2^20 subrules (probe 06). Refused
 * with file and line before anything is compiled, by checks whose work grows linearly with the text (counted, not
 * timed).
 */
class PackSizeBoundsTest {
    @TempDir
    Path tmp;

    static String declare(int fields) {
        StringBuilder sb = new StringBuilder("package perfwarden.packs.p;\n\ndeclare Many\n");
        for (int i = 0; i < fields; i++) {
            sb.append("    f").append(i).append(" : int\n");
        }
        return sb.append("end\n").toString();
    }

    Pack pack(String libDrl) throws Exception {
        return pack(libDrl, "EscapeFact(line == -1)");
    }

    Pack pack(String libDrl, String when) throws Exception {
        Path pack = tmp.resolve("p");
        Files.createDirectories(pack.resolve("r"));
        Files.createDirectories(pack.resolve("lib"));
        Files.writeString(pack.resolve("pack.yaml"), "id: p\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(pack.resolve("r/doc.md"), "A rule.\n");
        Files.writeString(pack.resolve("r/rule.drl"), """
                package perfwarden.packs.p;

                import dev.perfwarden.facts.escape.EscapeFact;

                rule "r" @severity(note) @summary("a rule")
                when
                    %s
                then
                end
                """.formatted(when));
        Files.writeString(pack.resolve("lib/lib.drl"), libDrl);
        return PackLoader.load(pack);
    }

    @Test
    void aDeclarationOfTwentyThousandFieldsIsRefusedAtItsLine() throws Exception {
        List<Problem> problems = RestrictedMode.check(pack(declare(20_000)), PackSizeBoundsTest.class.getClassLoader());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file() + ":" + p.line()).isEqualTo("lib/lib.drl:3");
            assertThat(p.message()).contains("'declare Many' has 20000 fields: not allowed, a declared type may have at"
                    + " most " + DeclareCheck.MAX_FIELDS);
        });
        // at the bound it is checked, and a bad field is still found at its own line
        List<Problem> atBound = RestrictedMode.check(pack(declare(DeclareCheck.MAX_FIELDS)
                .replace("f7 : int", "f7 : java.io.File")), PackSizeBoundsTest.class.getClassLoader());
        assertThat(atBound).singleElement().satisfies(p -> {
            assertThat(p.file() + ":" + p.line()).isEqualTo("lib/lib.drl:11");
            assertThat(p.message()).contains("field 'f7' of 'declare Many' has type 'java.io.File'");
        });
    }

    /** Finding every field's line is linear in the text: twice the fields, about twice the work (was: four times). */
    @Test
    void findingTheFieldsLinesIsLinear() {
        long small = fieldLineWork(10_000);
        long large = fieldLineWork(20_000);
        assertThat((double) large / small).as("work for 20,000 fields against 10,000").isLessThan(2.3);
        Map<String, List<Integer>> index = DeclareCheck.index(declare(3) + declare(2).replace("package perfwarden.packs.p;\n", ""),
                new long[1]);
        assertThat(DeclareCheck.fieldLine(index, 3, "f1", new long[1])).isEqualTo(5);
        assertThat(DeclareCheck.fieldLine(index, 8, "f1", new long[1])).as("the second declaration's f1").isEqualTo(11);
        assertThat(DeclareCheck.fieldLine(index, 8, "nope", new long[1])).isEqualTo(8);
    }

    static long fieldLineWork(int fields) {
        String drl = declare(fields);
        long[] work = new long[1];
        Map<String, List<Integer>> index = DeclareCheck.index(drl, work);
        for (int i = 0; i < fields; i++) {
            assertThat(DeclareCheck.fieldLine(index, 3, "f" + i, work)).isEqualTo(4 + i);
        }
        return work[0];
    }

    static String orGroups(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\n    ").append("( EscapeFact(line == ").append(i).append(") or EscapeFact(line == ")
                    .append(1000 + i).append(") )");
        }
        return sb.toString();
    }

    /** Probe 06: 20 groups of 'or' are 2^20 subrules; refused at the group that passes 64 (the 7th, line 13). */
    @Test
    void conditionsThatExpandToTooManyAlternativesAreRefused() throws Exception {
        String lib = "package perfwarden.packs.p;\n";
        List<Problem> problems = RestrictedMode.check(pack(lib, orGroups(20)), PackSizeBoundsTest.class.getClassLoader());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file() + ":" + p.line()).isEqualTo("r/rule.drl:13");
            assertThat(p.message()).startsWith("the conditions of rule r expand to 1048576 alternatives (each 'or'"
                    + " splits the rule in two").contains("not allowed, at most 64");
        });
        assertThat(RestrictedMode.check(pack(lib, orGroups(6)), PackSizeBoundsTest.class.getClassLoader()))
                .as("2^6 = 64 alternatives").isEmpty();
        // nested: (a or (b or c)) and (d or e) ... counts 3 x 2 per pair of groups
        String nested = "( EscapeFact(line == 1) or ( EscapeFact(line == 2) or EscapeFact(line == 3) ) )\n    ";
        List<Problem> three = RestrictedMode.check(pack(lib, (nested.repeat(3) + orGroups(3)).strip()),
                PackSizeBoundsTest.class.getClassLoader());
        assertThat(three).singleElement().satisfies(p -> assertThat(p.message()).contains("expand to 216 alternatives"));
    }

    /** Attack2 probe 06: many queries, each at the per-rule bound of 64 alternatives; the pack's sum is bounded too. */
    @Test
    void aPackWhoseRulesExpandToTooManyAlternativesInAllIsRefused() throws Exception {
        StringBuilder lib = new StringBuilder("package perfwarden.packs.p;\n\nimport dev.perfwarden.facts.escape.EscapeFact;\n");
        for (int q = 0; q < 64; q++) {
            lib.append("\nquery q").append(q).append("()\n    ").append(orGroups(6)).append("\nend\n");
        }
        // 63 queries of 64 alternatives and the rule's 1: 4,033, within 4,096
        String within = lib.substring(0, lib.lastIndexOf("\nquery q63"));
        assertThat(RestrictedMode.check(pack(within), PackSizeBoundsTest.class.getClassLoader())).isEmpty();
        List<Problem> problems = RestrictedMode.check(pack(lib.toString()), PackSizeBoundsTest.class.getClassLoader());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("lib/lib.drl");
            assertThat(p.message()).startsWith("the rules and queries of the pack expand to 4097 alternatives in all"
                    + " (4096 in this file;").contains("not allowed, at most 4096 per pack (restricted mode)");
        });
    }
}
