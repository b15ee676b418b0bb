package dev.perfwarden.engine.restrict;

import dev.perfwarden.engine.kie.RuleSet;
import dev.perfwarden.engine.pack.Pack;
import dev.perfwarden.engine.pack.PackException;
import dev.perfwarden.engine.pack.PackLoader;
import dev.perfwarden.engine.pack.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checking a pack and building its rule base cost what the pack's text makes them cost, before any session limit
 * applies (attack report, open item 1: 200 queries of 10 joined patterns, which pass restricted mode, took 7 s to
 * check and 22 s to compile; ten times as many take ten times as long). {@link CompileGuard} bounds both in CPU
 * time and heap headroom; these tests shrink the bounds (system properties) so that a small pack proves them fast.
 */
class CompileBoundsTest {
    @TempDir
    Path tmp;

    /**
     * Drools' and JavaParser's classes are initialised once, unbounded: a stop that lands in a class's static
     * initialiser leaves that class unusable for the rest of the JVM (NoClassDefFoundError), which with a 60 s
     * budget is long past but with these tests' 1 s is not.
     */
    @BeforeAll
    static void initialiseTheCompilersClasses(@TempDir Path dir) throws Exception {
        CompileBoundsTest t = new CompileBoundsTest();
        t.tmp = dir;
        Pack small = t.pack(1, 2);
        RestrictedMode.check(small, CompileBoundsTest.class.getClassLoader());
        RuleSet.buildClassic(List.of(small), CompileBoundsTest.class.getClassLoader());
    }

    @AfterEach
    void clearBounds() {
        System.clearProperty("perfwarden.compileTime");
        System.clearProperty("perfwarden.compileHeadroom");
    }

    /** A pack whose library holds {@code queries} queries of {@code patterns} joined patterns each. */
    Pack pack(int queries, int patterns) throws Exception {
        Path pack = tmp.resolve("big" + queries);
        Files.createDirectories(pack.resolve("r"));
        Files.createDirectories(pack.resolve("lib"));
        Files.writeString(pack.resolve("pack.yaml"), "id: big\nversion: 0.0.1\nperfwarden: \">=0.1.0\"\n");
        Files.writeString(pack.resolve("r/doc.md"), "A rule.\n");
        String header = "package perfwarden.packs.big;\n\nimport dev.perfwarden.facts.escape.EscapeFact;\n\n";
        Files.writeString(pack.resolve("r/rule.drl"), header
                + "rule \"r\" @severity(note) @summary(\"a rule\")\nwhen\n    EscapeFact(line == -1)\nthen\nend\n");
        StringBuilder lib = new StringBuilder(header);
        for (int q = 0; q < queries; q++) {
            lib.append("query q").append(q).append("()\n");
            for (int p = 0; p < patterns; p++) {
                lib.append("    $e").append(p).append(" : EscapeFact(line == ").append(q * patterns + p)
                        .append(p == 0 ? "" : ", subject == $e" + (p - 1) + ".subject").append(")\n");
            }
            lib.append("end\n");
        }
        Files.writeString(pack.resolve("lib/lib.drl"), lib.toString());
        return PackLoader.load(pack);
    }

    @Test
    void aRuleBaseThatTakesTooLongToBuildIsRefusedWithThePacksName() throws Exception {
        // a budget far below what this build needs on any machine (it took about 1 s of CPU on a busy one; CI's quiet
        // machine built it within a 1 s budget, so the budget, not the machine, decides here)
        Pack big = pack(300, 10);
        System.setProperty("perfwarden.compileTime", "50ms");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> RuleSet.buildClassic(List.of(big), getClass().getClassLoader()))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.pack()).isEqualTo("big");
                            // "0.05 s of CPU time", or on a machine busy enough "0.25 s of wall-clock time"
                            assertThat(p.message()).matches("pack big: compiling took more than (0.05 s of CPU time|0.25"
                                    + " s of wall-clock time \\(5 x its CPU budget\\)) and was stopped: refused \\(a"
                                    + " pack may take at most 0.05 s of CPU time to compile, .*");
                        }));
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds until it was stopped").isLessThan(2.5);
    }

    @Test
    void aPackThatTakesTooLongToCheckIsRefused() throws Exception {
        Pack big = pack(300, 10); // about 1 s of CPU time to check once the checker's classes are warm (busy machine)
        System.setProperty("perfwarden.compileTime", "40ms");
        List<Problem> problems = RestrictedMode.check(big, getClass().getClassLoader());
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message())
                .matches("pack big: checking took more than (0.04 s of CPU time|0.2 s of wall-clock time .*) and was"
                        + " stopped: refused .*"));
        assertThatThrownBy(() -> RestrictedMode.enforce(List.of(big), Trust.RESTRICTED, getClass().getClassLoader()))
                .isInstanceOf(PackException.class).hasMessageContaining("pack big: checking took more than");
        // the bounds are what refused it: within the default bounds the same pack passes
        System.clearProperty("perfwarden.compileTime");
        assertThat(RestrictedMode.check(big, getClass().getClassLoader())).isEmpty();
    }

    /**
     * The heap watch: with a headroom larger than the heap, every compile of a pack from a path breaks it (a synthetic
     * bound: no small pack fills a heap at build now that {@code or} expansion is counted, see PackSizeBoundsTest).
     */
    @Test
    void aBuildThatLeavesTooLittleHeapIsRefused() throws Exception {
        Pack small = pack(1, 2);
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        System.setProperty("perfwarden.compileHeadroom", (heapMiB + 1) + "MiB");
        assertThatThrownBy(() -> RuleSet.buildClassic(List.of(small), getClass().getClassLoader()))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("pack big: compiling left less than " + (heapMiB + 1) + " MiB of heap free and"
                        + " was stopped");
        System.clearProperty("perfwarden.compileHeadroom");
        assertThat(RuleSet.buildClassic(List.of(small), getClass().getClassLoader()).compiledBy()).isEqualTo("drl");
    }

    /** A StackOverflowError or OutOfMemoryError of the work is the pack's fault (exit 2), not an internal error. */
    @Test
    void anErrorOfTheWorkIsThePacksFault() throws Exception {
        Pack small = pack(1, 2);
        assertThatThrownBy(() -> CompileGuard.run("compiling", List.of(small), () -> {
            throw new StackOverflowError();
        })).isInstanceOf(PackException.class).hasMessageContaining("pack big: compiling nests too deeply");
        assertThatThrownBy(() -> CompileGuard.run("compiling", List.of(small), () -> {
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(PackException.class).hasMessageContaining("pack big: compiling ran out of memory");
        // Drools failing on what a pack wrote (attack2 probe 09: @position(x) threw NumberFormatException, exit 70)
        assertThatThrownBy(() -> CompileGuard.run("compiling", List.of(small), () -> {
            throw new NumberFormatException("For input string: \"x\"");
        })).isInstanceOf(PackException.class).hasMessageContaining("pack big: compiling failed: Drools threw"
                + " java.lang.NumberFormatException: For input string: \"x\": refused");
        assertThat(CompileGuard.run("compiling", List.of(small), () -> 42)).isEqualTo(42);
    }
}
