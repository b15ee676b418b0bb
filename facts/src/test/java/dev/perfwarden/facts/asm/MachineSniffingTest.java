package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.core.InputKind;
import dev.perfwarden.facts.parse.InputHead;
import dev.perfwarden.facts.parse.InputParser;
import dev.perfwarden.facts.input.Parsers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry sends every machine-code and SSA capture to its parser, and no -m capture to them. */
class MachineSniffingTest {
    @TestFactory
    Stream<DynamicTest> registrySniffsEveryCaptureToItsParser() {
        List<Object[]> cases = new ArrayList<>();
        for (String g : List.of("objdump.txt", "objdump-gnu.txt", "objdump-S.txt")) {
            Captures.all(g).forEach(p -> cases.add(new Object[] {p, InputKind.OBJDUMP}));
        }
        Captures.all("S.txt").forEach(p -> cases.add(new Object[] {p, InputKind.ASM_LISTING}));
        for (String g : List.of("ssa-*.txt", "ssa-*.html", "*.dump", "bce.txt", "prove.txt")) {
            Captures.all(g).forEach(p -> cases.add(new Object[] {p, InputKind.SSA}));
        }
        for (String g : List.of("m1.txt", "m2.txt")) {
            Captures.all(g).forEach(p -> cases.add(new Object[] {p, null}));
        }
        return cases.stream().filter(c -> size((Path) c[0]) > 0).map(c -> DynamicTest.dynamicTest(
                Captures.rel((Path) c[0]) + " -> " + c[1], () -> {
                    Optional<InputKind> got = Parsers.sniff(head((Path) c[0])).map(InputParser::kind);
                    if (c[1] != null) {
                        assertThat(got).contains((InputKind) c[1]);
                    } else {
                        assertThat(got).isNotIn(Optional.of(InputKind.OBJDUMP), Optional.of(InputKind.ASM_LISTING),
                                Optional.of(InputKind.SSA));
                    }
                }));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputHead head(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return new InputHead(f.getFileName().toString(), false, Arrays.copyOf(all, Math.min(all.length, InputHead.SIZE)));
    }
}
