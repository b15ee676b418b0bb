package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.asmlisting.AsmListingParser;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link AppendInstruction}s of field-append-in-loop's fixture (Go 1.26.8 and 1.23.5 captures): only the
 * in-loop instructions of lines where the loop calls runtime.growslice, with instructions off.
 */
class AppendLinesTest {
    private static Path capture(String version, String file) {
        return Captures.root().resolve("rules/packs/go-perf/field-append-in-loop/captures").resolve(version)
                .resolve(file);
    }

    private static List<String> at(Captures.Parsed p, String symbol, int line) {
        return p.of(AppendInstruction.class).stream()
                .filter(i -> i.symbol().equals(symbol) && i.line() == line)
                .map(i -> i.op() + " " + i.args()).toList();
    }

    @Test
    void theFieldAppendsLineHoldsItsHeaderStoreAndTheLocalsDoesNot() {
        for (String v : List.of("go1.26.8", "go1.23.5")) {
            Captures.Parsed p = Captures.parse(new ObjdumpParser(new AsmOptions(false, true)), capture(v, "objdump.txt"));
            assertThat(p.of(AsmInstruction.class)).isEmpty();
            assertThat(at(p, "main.(*stream).writeString-fm", 19)).as(v)
                    .contains("MOVQ 0x8(DX), R10", "CMPQ R9, R10", "MOVQ R10, 0x8(DX)", "CALL runtime.growslice(SB)");
            List<String> local = at(p, "main.(*stream).writeLocal-fm", 50);
            assertThat(local).as(v).contains("CALL runtime.growslice(SB)")
                    .noneMatch(s -> s.startsWith("MOVQ ") && s.matches("MOVQ \\w+, -?0x[0-9a-f]+\\((?!SP)\\w+\\)"));
            // the loop's other lines (the range header, the compare of c) are not facts
            assertThat(p.of(AppendInstruction.class)).allMatch(i -> List.of(19, 29, 36, 50, 60).contains(i.line()));
        }
        Captures.Parsed s = Captures.parse(new AsmListingParser(new AsmOptions(false, true)),
                capture("go1.26.8", "S.txt"));
        assertThat(at(s, "main.(*stream).writeString", 19)).contains("MOVQ R10, 8(AX)");
    }
}
