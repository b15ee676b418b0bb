package dev.perfwarden.facts.input;

import dev.perfwarden.facts.asm.Captures;
import dev.perfwarden.facts.disasm.HotInstruction;
import dev.perfwarden.facts.disasm.SampledAddresses;
import dev.perfwarden.facts.disasm.ScanNumbering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile meets only the objdump of its own binary when the inputs are named as scan names them
 * (testdata/scan-binaries, README.md there: review4's json-iterator capture, bin4's WriteInt64 RET and bin10's
 * ToFloat64 POPQ BP at one address).
 */
class ScanNumberingJoinTest {
    private static final Path DIR = Captures.root().resolve("testdata/scan-binaries");

    private static List<HotInstruction> hot(InputReader.Result r) {
        return r.facts().stream().filter(HotInstruction.class::isInstance).map(HotInstruction.class::cast).toList();
    }

    @Test
    void aProfileIsJoinedToTheObjdumpOfItsOwnBinaryOnly() throws Exception {
        InputReader.Result r = HotInstructionInputsTest.read(DIR.resolve("go1.26.8").toString());
        List<HotInstruction> hot = hot(r);
        assertThat(hot).isNotEmpty();
        assertThat(hot).allSatisfy(h -> assertThat(h.binary()).endsWith("objdump-4.txt"));
        assertThat(hot).extracting(HotInstruction::symbol).doesNotContain(
                "github.com/json-iterator/go.(*numberLazyAny).ToFloat64");
        assertThat(hot).filteredOn(h -> h.address() == 0x597517L).singleElement().satisfies(h -> {
            assertThat(h.symbol()).isEqualTo("github.com/json-iterator/go.(*Stream).WriteInt64");
            assertThat(h.text()).isEqualTo("RET");
            assertThat(h.flatSamples()).isEqualTo(1);
        });
        assertThat(r.inputs()).filteredOn(s -> s.kind().equals("pprof")).singleElement()
                .satisfies(s -> assertThat(s.note()).isNull());
    }

    @Test
    void objdumpNamedByHandIsJoinedByTheAddressCheckAloneAsBefore(@TempDir Path tmp) throws Exception {
        // the same text named objdump.txt: nothing tells its binary, and ToFloat64 is in no profile, so the address
        // check lets bin4's sample land on bin10's code (the documented limit of hand-named inputs)
        Files.copy(DIR.resolve("go1.26.8/objdump-10.txt"), tmp.resolve("objdump.txt"));
        InputReader.Result r = HotInstructionInputsTest.read(DIR.resolve("go1.26.8/cpu-4.pprof").toString(),
                tmp.resolve("objdump.txt").toString());
        assertThat(hot(r)).extracting(HotInstruction::symbol)
                .containsOnly("github.com/json-iterator/go.(*numberLazyAny).ToFloat64");
    }

    @Test
    void onlyAnObjdumpOfAnotherBinaryGivesANote() throws Exception {
        Path profile = DIR.resolve("go1.26.8/cpu-4.pprof");
        InputReader.Result r = HotInstructionInputsTest.read(profile.toString(),
                DIR.resolve("go1.26.8/objdump-10.txt").toString());
        assertThat(hot(r)).isEmpty();
        assertThat(r.inputs()).filteredOn(s -> s.kind().equals("pprof")).singleElement()
                .satisfies(s -> assertThat(s.note()).isEqualTo("hot instructions not joined: no objdump text of its"
                        + " binary (binary 4 by scan's numbering: objdump-4.txt)"));
    }

    @Test
    void theBinaryNumberComesFromTheProfilesMappingThenItsFileName() throws Exception {
        // Go 1.23: the first mapping names the binary's file and no build ID
        SampledAddresses go123 = SampledAddresses.read(DIR.resolve("go1.23.5/cpu-1.pprof"), "cpu.pprof", "cpu");
        assertThat(go123.buildId()).isEmpty();
        assertThat(go123.binary()).endsWith("/bin1.test");
        assertThat(ScanNumbering.ofProfile(go123.binary(), "cpu.pprof")).isEqualTo(1);
        SampledAddresses go126 = SampledAddresses.read(DIR.resolve("go1.26.8/cpu-4.pprof"), "x.pprof", "cpu");
        assertThat(go126.buildId()).isNotEmpty();
        assertThat(ScanNumbering.ofProfile(go126.binary(), "x.pprof")).isEqualTo(4);
        // a binary go test ran from its build folder: the profile's own name tells
        assertThat(ScanNumbering.ofProfile("/tmp/go-build1/b001/m.test", "/k/cpu-7.pprof")).isEqualTo(7);
        assertThat(ScanNumbering.ofProfile("/tmp/go-build1/b001/m.test", "cpu.pprof")).isEqualTo(-1);
        assertThat(ScanNumbering.ofObjdump("/k/objdump-10.txt")).isEqualTo(10);
        assertThat(ScanNumbering.ofObjdump("objdump.txt")).isEqualTo(-1);
        assertThat(ScanNumbering.apart(4, 10)).isTrue();
        assertThat(ScanNumbering.apart(4, -1)).isFalse();
        assertThat(ScanNumbering.apart(4, 4)).isFalse();
    }
}
