package dev.perfwarden.facts.asm;

import dev.perfwarden.facts.asm.Captures.Parsed;
import dev.perfwarden.facts.objdump.ObjdumpParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entry and exit instructions ({@link EntryExit}) on real amd64 objdump of Go 1.26.8 (testdata/modules) and 1.23.5, one
 * function's block cut out of the module's capture, and on a real arm64 objdump (go1.26.8 GOARCH=arm64 of
 * src/test/resources/asm/arm64-main.go.txt), which gives none.
 */
class EntryExitTest {
    private final ObjdumpParser objdump = new ObjdumpParser(new AsmOptions(false, true));

    /** tidwall/btree (*IterG[shape struct]).Release: CMPQ/JBE, PUSHQ BP, MOVQ SP, BP, SUBQ $0x28; two returns. */
    @Test
    void aSmallFrameWithTwoReturns() {
        EntryExit e = only("btree", "btree.d uint64 }]).Release(SB)");
        assertThat(e.symbol()).isEqualTo("github.com/tidwall/btree.(*IterG[...]).Release");
        assertThat(e.instance()).startsWith("github.com/tidwall/btree.(*IterG[go.shape.struct {").endsWith("]).Release");
        assertThat(e.line()).isEqualTo(1685);
        assertThat(e.frame()).isEqualTo(0x28);
        assertThat(e.entry()).containsExactly(0x565380L, 0x565384L, 0x56538aL, 0x56538bL, 0x56538eL);
        // ADDQ $0x28, SP ; POPQ BP ; RET at 1699 and at 1687; not the morestack tail at 0x56544e
        assertThat(e.exits()).containsExactly(0x565442L, 0x565446L, 0x565447L, 0x565448L, 0x56544cL, 0x56544dL);
        assertThat(e.addresses()).hasSize(11);
    }

    /** bitset New: a defer's exit (POPQ BP ; NOPL ; RET after runtime.deferreturn) keeps its NOPL. */
    @Test
    void aNoplBetweenPopAndReturnIsPartOfTheExit() {
        EntryExit e = only("bitset", "bitset.New(SB)");
        assertThat(e.entry()).containsExactly(0x5658c0L, 0x5658c4L, 0x5658caL, 0x5658cbL, 0x5658ceL);
        assertThat(e.exits()).containsExactly(0x5659aaL, 0x5659aeL, 0x5659afL, 0x5659baL, 0x5659beL, 0x5659bfL,
                0x5659c0L);
    }

    /** A huge frame: MOVQ SP, R12 ; SUBQ $0x12a8, R12 ; JB ; CMPQ R12, 0x10(R14) ; JBE, then SUBQ $0x1320, SP. */
    @Test
    void aHugeFrameChecksWithR12() {
        EntryExit e = only("bitset", "bitset.setRnd(SB)");
        assertThat(e.entry()).containsExactly(0x56ac00L, 0x56ac03L, 0x56ac0aL, 0x56ac10L, 0x56ac14L, 0x56ac1aL,
                0x56ac1bL, 0x56ac1eL);
        assertThat(e.frame()).isEqualTo(0x1320);
    }

    /** xsync NewRBMutex: LEAQ -0x8(SP), R12 check, and a 0x80 frame as ADDQ $-0x80, SP (released by SUBQ $-0x80, SP). */
    @Test
    void aFrameOf0x80IsAnAddOfMinus0x80() {
        EntryExit e = only("xsync", "v4.NewRBMutex(SB)");
        assertThat(e.entry()).containsExactly(0x531d60L, 0x531d65L, 0x531d69L, 0x531d6fL, 0x531d70L, 0x531d73L);
        assertThat(e.frame()).isEqualTo(0x80);
        assertThat(e.exits()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(e.exits().size() % 3).isZero();
    }

    /** bitset NextSet: a leaf without a frame; its exits are its four RETs. */
    @Test
    void aLeafWithoutAFrameHasOnlyItsReturns() {
        EntryExit e = only("bitset", "bitset.(*BitSet).NextSet(SB)");
        assertThat(e.entry()).isEmpty();
        assertThat(e.frame()).isEqualTo(-1);
        assertThat(e.exits()).containsExactly(0x566478L, 0x56647dL, 0x5664a0L, 0x5664a5L);
    }

    /** arm64 (MOVD 16(R28), R16 ; CMP R16, RSP ; BLS; MOVD.W R30, -48(RSP); a leaf's RET): no form recognised here. */
    @Test
    void otherArchitecturesGiveNone() throws Exception {
        Path arm = Path.of(EntryExitTest.class.getResource("/asm/objdump-arm64.txt").toURI());
        Parsed p = Captures.parse(objdump, arm);
        assertThat(p.of(AsmFunction.class)).hasSize(2);
        assertThat(p.of(EntryExit.class)).isEmpty();
    }

    /** Go 1.23.5 (inline-budget's fixture capture): the same forms, remove's two returns after CALL main.scrub. */
    @Test
    void go123EmitsTheSameForms() {
        EntryExit e = only(Captures.root().resolve("rules/packs/go-perf/inline-budget/captures/go1.23.5/objdump.txt"),
                "TEXT main.remove(SB)");
        assertThat(e.entry()).containsExactly(0x476700L, 0x476704L, 0x476706L, 0x476707L, 0x47670aL);
        assertThat(e.exits()).containsExactly(0x476750L, 0x476754L, 0x476755L, 0x476758L, 0x47675cL, 0x47675dL);
        assertThat(e.frame()).isEqualTo(0x28);
    }

    private EntryExit only(String module, String header) {
        return only(Captures.root().resolve("testdata/modules").resolve(module).resolve("objdump.txt"), header);
    }

    /** The one EntryExit of the function whose TEXT header contains {@code header}, parsed from its block alone. */
    private EntryExit only(Path file, String header) {
        List<String> block = new ArrayList<>();
        try (var lines = Files.lines(file)) {
            boolean[] on = {false};
            lines.forEach(l -> {
                if (l.startsWith("TEXT ")) {
                    on[0] = block.isEmpty() && l.contains(header);
                }
                if (on[0]) {
                    block.add(l);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(block).as(header).isNotEmpty();
        try {
            Path tmp = Files.createTempFile("entry-exit", ".txt");
            Files.write(tmp, block);
            List<EntryExit> found = Captures.parse(objdump, tmp).of(EntryExit.class);
            Files.delete(tmp);
            assertThat(found).hasSize(1);
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
