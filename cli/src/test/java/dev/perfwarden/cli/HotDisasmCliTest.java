package dev.perfwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code perfwarden hot PROFILE --disasm REGEX} on the real captures of testdata/hotasm (profile,
 * objdump and {@code go tool pprof -disasm} output of one test binary, and the binary's build-ID notes).
 */
class HotDisasmCliTest {
    static final Path ROOT = Cli.root();
    static final String RE = "example\\.com/hotasm\\.";

    static Path cap(String version, String file) {
        return ROOT.resolve("testdata/hotasm/go" + version).resolve(file);
    }

    @Test
    void everySampledInstructionLineIsPprofs() throws Exception {
        Cli.Run r = Cli.run("hot", cap("1.26.8", "cpu.pprof").toString(), "--disasm", RE,
                "--binary", cap("1.26.8", "notes.elf").toString(), "--objdump", cap("1.26.8", "objdump.txt").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty(); // the build IDs agree
        List<String> pprof = Files.readString(cap("1.26.8", "disasm.txt")).lines()
                .filter(l -> !l.startsWith("         .          . ")).toList();
        List<String> ours = r.out().lines().filter(l -> !l.startsWith("         .          . ")).toList();
        assertThat(ours).isEqualTo(pprof).hasSizeGreaterThan(20);
    }

    /**
     * An assembly function with an ABIInternal wrapper (testdata/hotasm/abi-go1.26.8, as lz4's decodeBlock): the
     * right binary is accepted and the body, sumBytes.abi0 in objdump, is listed with pprof's values.
     */
    @Test
    void anAssemblyBodyBesideItsAbiWrapperIsOfTheSameBinary() throws Exception {
        Path dir = ROOT.resolve("testdata/hotasm/abi-go1.26.8");
        Cli.Run r = Cli.run("hot", dir.resolve("cpu.pprof").toString(), "--disasm", "example\\.com/hotabi\\.",
                "--binary", dir.resolve("notes.elf").toString(), "--objdump", dir.resolve("objdump.txt").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> pprof = Files.readString(dir.resolve("disasm.txt")).lines()
                .filter(l -> !l.startsWith("         .          . ")).toList();
        assertThat(r.out().lines().filter(l -> !l.startsWith("         .          . ")).toList()).isEqualTo(pprof)
                .contains("ROUTINE ======================== example.com/hotabi.sumBytes.abi0");
    }

    @Test
    void aBinaryWithAnotherBuildIdIsRefusedNamingBothFilesAndIds(@TempDir Path tmp) throws Exception {
        byte[] elf = Files.readAllBytes(cap("1.26.8", "notes.elf"));
        String id = Files.readAllLines(cap("1.26.8", "buildid.txt")).get(0).substring(4);
        byte[] idBytes = HexFormat.of().parseHex(id);
        int at = indexOf(elf, idBytes);
        assertThat(at).isPositive();
        elf[at] ^= 0x01;
        Path other = tmp.resolve("other.test");
        Files.write(other, elf);
        String otherId = HexFormat.of().formatHex(elf, at, at + idBytes.length);
        Path profile = cap("1.26.8", "cpu.pprof");
        Cli.Run r = Cli.run("hot", profile.toString(), "--disasm", RE, "--binary", other.toString(),
                "--objdump", cap("1.26.8", "objdump.txt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(profile + " was taken from a binary with build ID " + id
                + " (/tmp/perfwarden-capture/bin/hotasm-go1.26.8.test), but " + other + " has build ID " + otherId
                + ": not the same binary");
    }

    @Test
    void aGo123ProfileHasNoBuildIdToCheckAndSaysSo() {
        Path profile = cap("1.23.5", "cpu.pprof");
        Cli.Run r = Cli.run("hot", profile.toString(), "--disasm", "hotasm\\.gather\\b",
                "--binary", cap("1.23.5", "notes.elf").toString(), "--objdump", cap("1.23.5", "objdump.txt").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(profile + " records no build ID for its binary (Go 1.23 and earlier write none)");
        assertThat(r.out()).startsWith("Total: ").contains("ROUTINE ======================== example.com/hotasm.gather\n");
    }

    @Test
    void objdumpOfAnotherBinaryIsRefusedByTheAddressCheck() {
        Cli.Run r = Cli.run("hot", cap("1.23.5", "cpu.pprof").toString(), "--disasm", RE,
                "--objdump", cap("1.26.8", "objdump.txt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not of the binary " + cap("1.26.8", "objdump.txt") + " shows")
                .contains("the profile samples example.com/hotasm.");
    }

    @Test
    void usageErrors() {
        String p = cap("1.26.8", "cpu.pprof").toString();
        assertThat(Cli.run("hot", p, "--disasm", RE).err()).contains("--disasm needs --binary BIN");
        assertThat(Cli.run("hot", p, "--disasm", "(", "--objdump", p).err()).contains("--disasm: bad regular expression");
        Cli.Run none = Cli.run("hot", p, "--disasm", "^nothing", "--objdump", cap("1.26.8", "objdump.txt").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no matches found for regexp ^nothing");
        Cli.Run notElf = Cli.run("hot", p, "--disasm", RE, "--binary", p, "--objdump", cap("1.26.8", "objdump.txt").toString());
        assertThat(notElf.exit()).isEqualTo(2);
        assertThat(notElf.err()).contains(p + ": not an ELF binary");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
