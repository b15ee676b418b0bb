package dev.perfwarden.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * attack6 note: a module whose benchmarks print gigabytes made scan read them into one String and exit 70 (out of
 * memory). A command's output over the bound is the command's failure, named, which scan reports with exit 2.
 */
class BoundedOutputTest {
    @TempDir
    Path tmp;

    @Test
    void outputOverTheBoundIsTheCommandsFailureNamed() throws Exception {
        Path f = Files.writeString(tmp.resolve("out"), "BenchmarkX 1 1 ns/op\n".repeat(100));
        assertThatThrownBy(() -> CommandOutput.read(f, 1000, "standard output", "./bin1.test", "-test.bench=."))
                .isInstanceOf(GoToolchainException.class)
                .hasMessage("'./bin1.test -test.bench=.' wrote 2100 bytes to its standard output, more than the 1000"
                        + " perfwarden reads from one command");
        assertThat(CommandOutput.read(f, 2100, "standard output", "x")).startsWith("BenchmarkX 1 1 ns/op\n");
        assertThat(CommandOutput.MAX).isEqualTo(256L << 20);
    }
}
