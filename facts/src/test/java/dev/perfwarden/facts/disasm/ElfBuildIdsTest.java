package dev.perfwarden.facts.disasm;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.perfwarden.facts.disasm.DisasmListingTest.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Build IDs of the real test binaries (their note sections, kept by testdata/hotasm/regen.sh as
 * notes.elf; buildid.txt holds what readelf -n and go tool buildid printed for the whole binary).
 */
class ElfBuildIdsTest {
    static String expected(String version, String kind) throws Exception {
        return Files.readAllLines(capture(version).resolve("buildid.txt")).stream()
                .filter(l -> l.startsWith(kind + " ")).findFirst().orElseThrow().substring(kind.length() + 1).strip();
    }

    @Test
    void go126WritesAGnuBuildIdAndTheProfileRecordsIt() throws Exception {
        ElfBuildIds ids = ElfBuildIds.read(capture("1.26.8").resolve("notes.elf"));
        assertThat(ids.gnu()).isEqualTo(expected("1.26.8", "gnu")).hasSize(40);
        assertThat(ids.go()).isEqualTo(expected("1.26.8", "go"));
        SampledAddresses profile = SampledAddresses.read(capture("1.26.8").resolve("cpu.pprof"), "cpu.pprof", null);
        assertThat(profile.buildId()).isEqualTo(ids.gnu());
        assertThat(profile.binary()).isEqualTo("/tmp/perfwarden-capture/bin/hotasm-go1.26.8.test");
    }

    @Test
    void go123HasOnlyAGoBuildIdAndTheProfileNone() throws Exception {
        ElfBuildIds ids = ElfBuildIds.read(capture("1.23.5").resolve("notes.elf"));
        assertThat(ids.gnu()).isEmpty();
        assertThat(expected("1.23.5", "gnu")).isEmpty();
        assertThat(ids.go()).isEqualTo(expected("1.23.5", "go"));
        assertThat(SampledAddresses.read(capture("1.23.5").resolve("cpu.pprof"), "cpu.pprof", null).buildId()).isEmpty();
    }

    @Test
    void aFileThatIsNoElfIsRefusedByName() {
        Path text = capture("1.26.8").resolve("objdump.txt");
        assertThatThrownBy(() -> ElfBuildIds.read(text)).hasMessage(text + ": not an ELF binary (no \\x7fELF header)");
    }
}
